package io.alloyflow.workflows.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alloyflow analyze}: one micrograph (+ EDS) through the analysis workflow. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Analyse a micrograph (TIFF/PNG) and optional EDS spectrum (.msa) or spectrum image (.rpl).")
final class AnalyzeCommand implements Callable<Integer> {
  @Option(names = "--micrograph", required = true, description = "SEM micrograph, TIFF or PNG, grayscale")
  Path micrograph;

  @Option(names = "--eds", description = "EDS spectrum (.msa) or spectrum image (.rpl + .raw/.raw.gz)")
  Path eds;

  @Option(names = "--pixel-size-um", description = "pixel size in um when the file carries none", defaultValue = "NaN")
  double pixelSizeUm;

  @Option(names = "--sample", description = "sample id (default: the micrograph's file name)")
  String sampleId;

  @Option(names = "--alloy-system", defaultValue = "unknown",
      description = "alloy system naming the phases: dp-steel, al-alloy or unknown (default)")
  String alloySystem;

  @Option(names = "--method", defaultValue = "otsu", description = "segmentation method (default otsu)")
  String method;

  @Option(names = "--classes", defaultValue = "2", description = "phase classes (default 2)")
  int classes;

  @Option(names = "--smoothing-sigma", defaultValue = "2.0",
      description = "Gaussian pre-filter sigma in pixels against shot noise (default 2.0; 0 = none)")
  double smoothingSigma;

  @Option(names = "--out", required = true, description = "output directory for report.json/html")
  Path out;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    String sample = sampleId != null ? sampleId : micrograph.getFileName().toString().replaceAll("\\.[^.]*$", "");
    AnalysisSession.run(
        stack.settings(), micrograph, pixelSizeUm, eds, sample, alloySystem, method, classes, smoothingSigma,
        Map.of("source", micrograph.toAbsolutePath().toString()), Map.of(), out, System.out);
    return 0;
  }
}
