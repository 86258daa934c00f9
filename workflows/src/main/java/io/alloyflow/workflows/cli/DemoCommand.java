package io.alloyflow.workflows.cli;

import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alloyflow demo}: the main job on the embedded default. Generates a dual-phase steel
 * micrograph and its EDS spectrum with known ground truth, runs the full analysis workflow on
 * them and writes the report, with the truth beside the measurement.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a synthetic dual-phase steel sample with ground truth and analyse it end to end.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "random seed of the synthetic sample (default 42)")
  long seed;

  @Option(names = "--size", defaultValue = "512", description = "image edge in pixels (default 512)")
  int size;

  @Option(names = "--pixel-size-um", defaultValue = "0.25", description = "pixel size in um (default 0.25)")
  double pixelSizeUm;

  @Option(names = "--sample", defaultValue = "dp-steel",
      description = "synthetic sample: dp-steel (default) or mpea (cast Al0.7CoCrFeNi, hardness from the"
          + " EDS composition with the trained model, SHAP and propagated EDS uncertainty)")
  String sample;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    if (size < 64 || size > 8192) {
      throw new IllegalArgumentException("--size must be 64..8192 pixels, found " + size);
    }
    if ("mpea".equals(sample)) {
      return mpea();
    }
    if (!"dp-steel".equals(sample)) {
      throw new IllegalArgumentException("--sample must be dp-steel or mpea, found '" + sample + "'");
    }
    Path inputs = out.resolve("inputs");
    Files.createDirectories(inputs);
    System.out.printf("generating synthetic dual-phase steel (seed %d, %dx%d px, %.3f um/px)%n",
        seed, size, size, pixelSizeUm);
    SyntheticSample s = SyntheticWorld.dualPhaseSteel(seed, size, pixelSizeUm * 1e-6);
    SampleInputs in = writeInputs(s, inputs, "dp-steel-" + seed);
    Path micrograph = in.micrograph();
    Path eds = in.eds();
    Map<String, Object> truth = in.truth();
    truth.put("seed", seed);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("source", "synthetic");
    props.put("generator", "SyntheticWorld.dualPhaseSteel");
    props.put("seed", Long.toString(seed));
    // the segmentation model: a pixel classifier trained on two other synthetic samples (held
    // out from the analysed one: different seeds), with their ground-truth phase maps
    Path training = out.resolve("training");
    Path images = training.resolve("images");
    Path masks = training.resolve("masks");
    Files.createDirectories(images);
    Files.createDirectories(masks);
    for (long s2 : new long[] {seed + 1000, seed + 1001}) {
      SyntheticSample t = SyntheticWorld.dualPhaseSteel(s2, size, pixelSizeUm * 1e-6);
      MicrographIO.writeTiff(t.bse(), images.resolve("dp-steel-" + s2 + ".tif"));
      LabelMapIO.writePng(t.phases(), masks.resolve("dp-steel-" + s2 + ".png"));
    }
    // a third held-out sample calibrates the class weights so that phase areas are unbiased
    Path calImages = training.resolve("calibration-images");
    Path calMasks = training.resolve("calibration-masks");
    Files.createDirectories(calImages);
    Files.createDirectories(calMasks);
    SyntheticSample cal = SyntheticWorld.dualPhaseSteel(seed + 1002, size, pixelSizeUm * 1e-6);
    MicrographIO.writeTiff(cal.bse(), calImages.resolve("dp-steel-" + (seed + 1002) + ".tif"));
    LabelMapIO.writePng(cal.phases(), calMasks.resolve("dp-steel-" + (seed + 1002) + ".png"));
    System.out.println("  training data: 2 held-out synthetic samples (seeds " + (seed + 1000) + ", "
        + (seed + 1001) + "), calibration sample (seed " + (seed + 1002) + ") in " + training);
    props.put("segmentationTraining", "seeds " + (seed + 1000) + "," + (seed + 1001)
        + "; calibration seed " + (seed + 1002));
    AnalysisSession.run(
        stack.settings(), micrograph, Double.NaN, eds, "synthetic-dp-steel-" + seed, "dp-steel",
        "pixel-classifier", 2, 0, props, truth,
        (store, analysisId) -> ModelTraining.trainPixelClassifier(
            store, analysisId, images, masks, calImages, calMasks,
            training.resolve("pixel-classifier.zip"), seed,
            stack.settings().dataDir().resolve("models")),
        out, System.out);
    return 0;
  }

  /** The multi-principal-element sample: micrograph + EDS spectrum to a hardness with SHAP. */
  private int mpea() throws Exception {
    Path inputs = out.resolve("inputs");
    Files.createDirectories(inputs);
    System.out.printf("generating synthetic cast Al0.7CoCrFeNi (seed %d, %dx%d px, %.3f um/px)%n",
        seed, size, size, pixelSizeUm);
    SyntheticSample s = io.alloyflow.synthetic.mpea.MpeaAlloy.sample(
        io.alloyflow.synthetic.mpea.MpeaAlloy.Params.defaults(size, pixelSizeUm * 1e-6), seed);
    SampleInputs in = writeInputs(s, inputs, "mpea-" + seed);
    Path micrograph = in.micrograph();
    Path eds = in.eds();
    Map<String, Object> truth = in.truth();
    truth.put("bulkAtomicComposition", s.parameters().get("truth.bulkAtomic"));
    truth.put("seed", seed);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("source", "synthetic");
    props.put("generator", "MpeaAlloy");
    props.put("seed", Long.toString(seed));
    props.put("processing", "CAST");
    props.put("phases", "FCC+BCC");
    AnalysisSession.run(
        stack.settings(), micrograph, Double.NaN, eds, "synthetic-mpea-" + seed, "mpea", "otsu", 2, 1.0,
        props, truth, null, out, System.out);
    return 0;
  }

  /** The files written for a synthetic sample and the truth recorded with its report. */
  private record SampleInputs(Path micrograph, Path eds, Map<String, Object> truth) {}

  /**
   * Writes a sample's micrograph (TIFF), its true phase map (PNG) and an EDS spectrum simulated
   * from its bulk composition (phase compositions weighted by phase fractions).
   */
  private SampleInputs writeInputs(SyntheticSample s, Path inputs, String stem) throws java.io.IOException {
    Path micrograph = inputs.resolve(stem + ".tif");
    MicrographIO.writeTiff(s.bse(), micrograph);
    LabelMapIO.writePng(s.phases(), inputs.resolve(stem + "-truth.png"));
    Map<String, Double> bulk = new TreeMap<>();
    s.phaseCompositions().forEach((phase, comp) -> {
      double f = s.phaseFractions().getOrDefault(phase, 0.0);
      comp.forEach((el, w) -> bulk.merge(el, f * w, Double::sum));
    });
    Spectrum spectrum = SyntheticWorld.simulateSpectrum(bulk, 20, 60, 1.0, seed);
    Path eds = inputs.resolve(stem + ".msa");
    EmsaIO.write(spectrum, eds);
    System.out.println("  wrote " + micrograph + " and " + eds);
    Map<String, Object> truth = new LinkedHashMap<>();
    truth.put("phaseFractions", s.phaseFractions());
    truth.put("bulkComposition", bulk);
    truth.put("parameters", s.parameters());
    return new SampleInputs(micrograph, eds, truth);
  }
}
