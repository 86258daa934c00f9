package io.alloyflow.segmentation.cli;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.MaskFormat;
import io.alloyflow.segmentation.io.SegmentationInputException;
import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
import io.alloyflow.segmentation.unet.TrainingConfig;
import io.alloyflow.segmentation.unet.UNetArchitecture;
import io.alloyflow.segmentation.unet.UNetTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train segmentation --images DIR --masks DIR [--format png|nasa|via] --out MODEL}: trains
 * the pixel classifier (default) or, with {@code --method unet}, the U-Net of {@code
 * io.alloyflow.segmentation.unet}.
 */
@Command(
    name = "segmentation",
    mixinStandardHelpOptions = true,
    description = "Train a segmentation model from labelled images or scribbles.")
public final class TrainSegmentationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--images", required = true, description = "directory (or file) of images")
  Path images;

  @Option(names = "--masks", required = true, description = "mask directory or VIA JSON")
  Path masks;

  @Option(names = "--format", defaultValue = "png", description = "png, nasa or via")
  String format;

  @Option(names = "--out", required = true, description = "model file (ZIP) or U-Net directory")
  Path out;

  @Option(names = "--method", defaultValue = "pixel-classifier", description = "pixel-classifier or unet")
  String method;

  @Option(names = "--learner", defaultValue = "xgboost", description = "xgboost or random-forest")
  String learner;

  @Option(names = "--trees", defaultValue = "80") int trees;

  @Option(names = "--depth", defaultValue = "6") int depth;

  @Option(names = "--samples", defaultValue = "3000", description = "pixels per class per image")
  int samples;

  @Option(names = "--seed", defaultValue = "42") long seed;

  @Option(names = "--scribbles", description = "masks are sparse scribbles: 0 = unlabelled, k = class k-1")
  boolean scribbles;

  @Option(names = "--class-names", split = ",", description = "class names (default from the format)")
  List<String> classNames;

  @Option(names = "--epochs", defaultValue = "30", description = "U-Net epochs")
  int epochs;

  @Option(names = "--max-pixels", defaultValue = "268435456") long maxPixels;

  @Option(names = "--auto-context", defaultValue = "1", paramLabel = "N",
      description = "pixel classifier: auto-context stages on the class-probability maps"
          + " (Tu & Bai 2010), 0..5 (default 1)")
  int autoContext;

  @Option(names = "--prior-correction", defaultValue = "true", arity = "1", paramLabel = "true|false",
      description = "pixel classifier: correct the class-balanced sample to the masks' class"
          + " frequencies (Saerens et al. 2002; default true)")
  boolean priorCorrection;

  @Option(names = "--min-region", defaultValue = "0", paramLabel = "PX",
      description = "pixel classifier: merge regions smaller than PX pixels into their"
          + " surroundings after prediction (default 0 = off)")
  int minRegion;

  @Option(names = "--calibration-images", paramLabel = "DIR",
      description = "pixel classifier: labelled images NOT used for training on which the class"
          + " weights are calibrated so that predicted areas are unbiased (needs"
          + " --calibration-masks; same --format)")
  Path calibrationImages;

  @Option(names = "--calibration-masks", paramLabel = "DIR",
      description = "masks of --calibration-images")
  Path calibrationMasks;

  @Override
  public Integer call() {
    return CliSupport.run(spec.commandLine().getErr(), this::execute);
  }

  private Integer execute() throws Exception {
    MaskFormat f = MaskFormat.parse(format);
    List<Datasets.Labelled> data = Datasets.load(images, masks, f, maxPixels);
    List<String> names = classNames;
    if (names == null || names.isEmpty()) {
      int max = 0;
      List<String> fromData = List.of();
      for (Datasets.Labelled d : data) {
        for (int l : d.labels()) {
          max = Math.max(max, l);
        }
        if (d.classNames().size() > fromData.size()) {
          fromData = d.classNames();
        }
      }
      int k = scribbles ? max : max + 1;
      if (f == MaskFormat.NASA) {
        names = fromData;
      } else if (f == MaskFormat.VIA) {
        names = List.of("background", "instance");
      } else {
        names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          names.add("class" + c);
        }
      }
    }
    String m = method.trim().toLowerCase(Locale.ROOT);
    if (m.equals("unet")) {
      List<Micrograph> ims = new ArrayList<>();
      List<LabelMap> lms = new ArrayList<>();
      for (Datasets.Labelled d : data) {
        ims.add(d.micrograph());
        int[] lab = d.labels().clone();
        if (f == MaskFormat.VIA) {
          for (int i = 0; i < lab.length; i++) {
            lab[i] = lab[i] > 0 ? 1 : 0;
          }
        }
        lms.add(new LabelMap(d.micrograph().width(), d.micrograph().height(),
            java.util.Arrays.stream(lab).map(v -> Math.max(v, 0)).toArray(), names,
            d.micrograph().pixelSizeM()));
      }
      TrainingConfig cfg =
          TrainingConfig.defaults(UNetArchitecture.small(names.size()), names)
              .withEpochs(epochs, TrainingConfig.defaults(UNetArchitecture.small(names.size()), names)
                  .stepsPerEpoch())
              .withSeed(seed);
      UNetTrainer.train(cfg, ims, lms, out);
      spec.commandLine().getOut().println(out);
      return 0;
    }
    if (!m.equals("pixel-classifier")) {
      throw new IllegalArgumentException(
          "unknown training method '" + method + "': expected pixel-classifier or unet");
    }
    List<TrainingImage> train = new ArrayList<>();
    for (Datasets.Labelled d : data) {
      train.add(trainingImage(d, f));
    }
    if (names.size() < 2) {
      throw new SegmentationInputException(masks, "masks hold fewer than 2 classes");
    }
    PixelClassifier.Learner l =
        switch (learner.trim().toLowerCase(Locale.ROOT)) {
          case "xgboost" -> PixelClassifier.Learner.XGBOOST;
          case "random-forest", "rf" -> PixelClassifier.Learner.RANDOM_FOREST;
          default -> throw new IllegalArgumentException(
              "unknown learner '" + learner + "': expected xgboost or random-forest");
        };
    if ((calibrationImages == null) != (calibrationMasks == null)) {
      throw new IllegalArgumentException(
          "--calibration-images and --calibration-masks must be given together");
    }
    List<TrainingImage> calibration = new ArrayList<>();
    if (calibrationImages != null) {
      for (Datasets.Labelled d : Datasets.load(calibrationImages, calibrationMasks, f, maxPixels)) {
        calibration.add(trainingImage(d, f));
      }
    }
    PixelClassifier pc =
        PixelClassifier.train(
            train,
            names,
            FeatureBank.ilastik(),
            new PixelClassifier.Settings(l, trees, depth, samples, seed,
                    Math.max(1, Runtime.getRuntime().availableProcessors()))
                .withRefinement(autoContext, priorCorrection, minRegion));
    if (!calibration.isEmpty()) {
      pc = pc.calibrateClassWeights(calibration);
    }
    pc.save(out);
    spec.commandLine().getOut().println(out);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private TrainingImage trainingImage(Datasets.Labelled d, MaskFormat f) {
    int[] lab = d.labels();
    if (f == MaskFormat.VIA) {
      lab = java.util.Arrays.stream(lab).map(v -> v > 0 ? 1 : 0).toArray();
    }
    return new TrainingImage(d.micrograph().pixels(), d.micrograph().width(),
        d.micrograph().height(), lab, scribbles, d.image().toString());
  }
}
