package io.alloyflow.workflows.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alloyflow analyze}: one micrograph (+ EDS) through the analysis workflow. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Analyse a micrograph (TIFF, PNG, JPEG or BMP) and optional EDS spectrum (.msa) or spectrum image (.rpl).")
final class AnalyzeCommand implements Callable<Integer> {
  @Option(names = "--micrograph", required = true, description = "SEM micrograph: TIFF, PNG, JPEG or BMP; colour is read as BT.601 luma")
  Path micrograph;

  @Option(names = "--eds", description = "EDS spectrum (.msa) or spectrum image (.rpl + .raw/.raw.gz, Bruker .bcf, HyperSpy .hspy, Arrow IPC)")
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

  @Option(names = "--model", description = "trained model file for --method pixel-classifier (from `train segmentation`)")
  Path model;

  @Mixin StackOptions stack;

  /** The given model file, stored as an artifact (its training happened elsewhere). */
  private ModelTraining.Trainer storedModel() {
    if (model == null) {
      if (method.equals("pixel-classifier") || method.equals("unet")) {
        throw new IllegalArgumentException("--method " + method + " needs --model FILE");
      }
      return null;
    }
    if (!java.nio.file.Files.isRegularFile(model)) {
      throw new IllegalArgumentException(model + ": model file not found");
    }
    return (store, analysisId) -> {
      io.alloyflow.core.store.ArtifactRef ref = store.putFile(model, "application/zip");
      return new ModelTraining(ref, new io.alloyflow.core.provenance.ActivityRecord(
          "load-segmentation-model", "segmentation",
          new io.alloyflow.core.provenance.AlgorithmInfo("model-file", "1.0", "n/a",
              Map.of("fileName", model.getFileName().toString())),
          List.of(), List.of(new io.alloyflow.core.provenance.ArtifactUse("model", "Model", ref)),
          Map.of(), io.alloyflow.core.provenance.ActivityRecord.currentEnvironment(), 0,
          System.currentTimeMillis(), 0, analysisId, "", 1));
    };
  }

  @Override
  public Integer call() throws Exception {
    if (!Double.isNaN(pixelSizeUm) && !(pixelSizeUm > 0 && Double.isFinite(pixelSizeUm))) {
      throw new IllegalArgumentException(
          "--pixel-size-um must be a positive number of micrometres, found " + pixelSizeUm);
    }
    String sample = sampleId != null ? sampleId : micrograph.getFileName().toString().replaceAll("\\.[^.]*$", "");
    AnalysisSession.run(
        stack.settings(), micrograph, pixelSizeUm, eds, sample, alloySystem, method, classes, smoothingSigma,
        Map.of("source", micrograph.toAbsolutePath().toString()), Map.of(), storedModel(), out, System.out);
    return 0;
  }
}
