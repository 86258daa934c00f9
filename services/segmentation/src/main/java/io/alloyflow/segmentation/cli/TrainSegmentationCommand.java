package io.alloyflow.segmentation.cli;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.instance.InstanceSegmenter;
import io.alloyflow.segmentation.instance.InstanceSettings;
import io.alloyflow.segmentation.instance.Resampling;
import io.alloyflow.segmentation.instance.ThreeClassTargets;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.MaskFormat;
import io.alloyflow.segmentation.io.SegmentationInputException;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import io.alloyflow.segmentation.pixelclassifier.PixelAugmentation;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifierTrainer;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
import io.alloyflow.segmentation.unet.TrainingConfig;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.segmentation.unet.EnsembleSegmenter;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import io.alloyflow.segmentation.unet.UNetTrainer;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train segmentation --images DIR --masks DIR [--format png|nasa|via] --out MODEL}: trains
 * the pixel classifier (default), the U-Net ({@code --method unet}) or both ({@code --method
 * auto}, which recommends the one that validated best). Without {@code --val-images} a seeded
 * fraction of the images is held out for validation; the per-class validation IoU is printed at
 * the end. Progress with a time estimate goes to stderr; {@code --max-minutes} bounds the run.
 */
@Command(
    name = "segmentation",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Train a segmentation model from labelled micrographs (or scribbles).",
      "Images: " + ImageInputs.FORMATS + "; colour is read as BT.601 luma.",
      "Progress and the validation report go to stderr; the model path to stdout."
    },
    footer = {
      "",
      "Examples:",
      "  alloyflow train segmentation --images imgs --masks masks --out model.zip",
      "  alloyflow train segmentation --images imgs --masks masks --method unet --out unet-dir"
          + " --max-minutes 20",
      "  alloyflow train segmentation --images imgs --masks masks --method auto --out models-dir"
    })
public final class TrainSegmentationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--images", required = true, paramLabel = "DIR",
      description = "directory (or single file) of training micrographs")
  Path images;

  @Option(names = "--masks", required = true, paramLabel = "DIR",
      description = "masks of --images: a directory of label images named like the images"
          + " (name.png or name_mask.png), or a VIA JSON file for --format via")
  Path masks;

  @Option(names = "--format", defaultValue = "png", paramLabel = "FMT",
      description = "mask format: png (pixel value = class index), nasa (grey/blue/red RGB masks)"
          + " or via (VIA polygon JSON)")
  String format;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "model to write: a ZIP file (pixel classifier), a folder (U-Net), or a folder"
          + " holding both (auto)")
  Path out;

  @Option(names = "--method", paramLabel = "M",
      description = "pixel-classifier (the default), unet, or auto (train both, keep both, fit the"
          + " weights of their ensemble on the validation images, recommend the best of the three;"
          + " the --out folder is then an ensemble model for segment --model); with --instances"
          + " unet (the default) or pixel-classifier")
  String method;

  @Option(names = "--val-images", paramLabel = "DIR",
      description = "labelled validation images (not trained on); default: hold out --val-split")
  Path valImages;

  @Option(names = "--val-masks", paramLabel = "DIR", description = "masks of --val-images")
  Path valMasks;

  @Option(names = "--val-split", defaultValue = "0.2", paramLabel = "F",
      description = "fraction of --images held out for validation when --val-images is not given"
          + " (seeded; at least one image when there are 3 or more; 0 = validate on the"
          + " training images)")
  double valSplit;

  @Option(names = "--max-minutes", defaultValue = "0", paramLabel = "MIN",
      description = "time budget in minutes (0 = none): the U-Net stops after the epoch that"
          + " crosses it keeping its best checkpoint; the pixel classifier stops adding"
          + " auto-context stages; auto gives each method half")
  double maxMinutes;

  @Option(names = "--seed", defaultValue = "42",
      description = "seed of every random choice (validation split, sampling, weights)")
  long seed;

  @Option(names = "--scribbles",
      description = "masks are sparse scribbles: 0 = unlabelled, k = class k-1 (pixel classifier)")
  boolean scribbles;

  @Option(names = "--class-names", split = ",", paramLabel = "NAMES",
      description = "class names in label order (default: from the format, else class0, class1,"
          + " ...)")
  List<String> classNames;

  @Option(names = "--instances",
      description = "train an instance model: the masks are instance-id maps (png: 0 ="
          + " background, 1..n = objects; or --format via) and a U-Net learns background,"
          + " inside and boundary (" + ThreeClassTargets.BOUNDARY_PX + " px) for"
          + " 'segment --instances'; the model folder records the scale and the watershed"
          + " settings (--instance-scale, --seed-threshold, --min-area)")
  boolean instances;

  @Option(names = "--instance-scale", defaultValue = "1", paramLabel = "F",
      description = "--instances: train at 1/F resolution (box-averaged images, boundary"
          + " max(1, " + ThreeClassTargets.BOUNDARY_PX + "/F) px); 'segment --instances'"
          + " downsamples likewise and upsamples the probabilities, so instances keep the"
          + " input's pixels; 1..8")
  int instanceScale;

  @Option(names = "--instance-boundary", defaultValue = "all", paramLabel = "KIND",
      description = "--instances: which object edges are the boundary class: all (against"
          + " background and other objects) or touching (only contacts between objects, so"
          + " small objects keep an inside core)")
  String instanceBoundary;

  @Option(names = "--seed-threshold", defaultValue = "0.5", paramLabel = "P",
      description = "--instances: inside probability that makes a watershed marker (recorded"
          + " in the model)")
  double seedThreshold;

  @Option(names = "--min-area", defaultValue = "12", paramLabel = "PX",
      description = "--instances: smallest instance kept, in full-resolution pixels (recorded"
          + " in the model)")
  int minArea;

  @Option(names = "--max-pixels", defaultValue = "268435456", paramLabel = "N",
      description = "refuse images with more pixels than this")
  long maxPixels;

  @ArgGroup(exclusive = false, validate = false, heading = "%nPixel classifier options:%n")
  PixelOptions pixel = new PixelOptions();

  @ArgGroup(exclusive = false, validate = false, heading = "%nU-Net options:%n")
  UNetOptions unet = new UNetOptions();

  /** Options of the pixel classifier (ilastik-style features + gradient-boosted trees). */
  static final class PixelOptions {
    @Option(names = "--learner", defaultValue = "xgboost",
        description = "xgboost or random-forest")
    String learner = "xgboost";

    @Option(names = "--trees", defaultValue = "80",
        description = "boosting rounds (xgboost) or forest size (random-forest)")
    int trees = 80;

    @Option(names = "--depth", defaultValue = "6", description = "maximum tree depth")
    int depth = 6;

    @Option(names = "--samples", defaultValue = "3000", paramLabel = "N",
        description = "training pixels per class and image (class-balanced; at most "
            + PixelClassifierTrainer.MAX_EXAMPLES_PER_CLASS + " per class in all, which bounds"
            + " memory)")
    int samples = 3000;

    @Option(names = "--auto-context", defaultValue = "1", paramLabel = "N",
        description = "auto-context stages on the class-probability maps (Tu & Bai 2010), 0..5")
    int autoContext = 1;

    @Option(names = "--prior-correction", defaultValue = "true", arity = "1",
        paramLabel = "true|false",
        description = "correct the class-balanced sample to the masks' class frequencies"
            + " (Saerens et al. 2002); default true")
    boolean priorCorrection = true;

    @Option(names = "--augment", defaultValue = "0", paramLabel = "N",
        description = "augmented copies of each training image (random magnification 0.6-1.6x,"
            + " gamma, blur, noise), so the model holds up on images taken under other"
            + " conditions; 0..10")
    int augment;

    @Option(names = "--min-region", defaultValue = "0", paramLabel = "PX",
        description = "merge regions smaller than PX pixels into their surroundings (0 = off)")
    int minRegion;

    @Option(names = "--calibration-images", paramLabel = "DIR",
        description = "labelled images NOT trained on, on which class weights are calibrated so"
            + " that predicted areas are unbiased (needs --calibration-masks)")
    Path calibrationImages;

    @Option(names = "--calibration-masks", paramLabel = "DIR",
        description = "masks of --calibration-images")
    Path calibrationMasks;
  }

  /** Options of the U-Net (DJL, CPU). */
  static final class UNetOptions {
    @Option(names = "--epochs", defaultValue = "30", description = "maximum epochs")
    int epochs = 30;

    @Option(names = "--steps-per-epoch", defaultValue = "50", paramLabel = "N",
        description = "optimiser steps per epoch")
    int stepsPerEpoch = 50;

    @Option(names = "--crop", defaultValue = "128", paramLabel = "PX",
        description = "side of the random training crops (multiple of 16)")
    int crop = 128;

    @Option(names = "--batch", defaultValue = "8", description = "crops per optimiser step")
    int batch = 8;

    @Option(names = "--learning-rate", defaultValue = "0.002", paramLabel = "LR",
        description = "Adam learning rate (cosine-annealed)")
    double learningRate = 0.002;

    @Option(names = "--patience", defaultValue = "8", paramLabel = "EPOCHS",
        description = "stop after this many epochs without validation improvement (0 = never)")
    int patience = 8;

    @Option(names = "--class-weights", defaultValue = "true", arity = "1",
        paramLabel = "true|false",
        description = "inverse-frequency class weights in the loss (rare classes count more,"
            + " capped at 10x); default true")
    boolean classWeights = true;

    @Option(names = "--init-from", paramLabel = "DIR",
        description = "start from this U-Net model's weights (fine-tuning; same classes)")
    Path initFrom;
  }

  @Override
  public Integer call() {
    return CliSupport.run(spec.commandLine().getErr(), this::execute);
  }

  /** Training and validation data. */
  private record Split(List<Datasets.Labelled> train, List<Datasets.Labelled> val, String what) {}

  private Integer execute() throws Exception {
    MaskFormat f = MaskFormat.parse(format);
    String m = method == null ? (instances ? "unet" : "pixel-classifier")
        : method.trim().toLowerCase(Locale.ROOT);
    InstanceSettings instanceSettings = null;
    if (instances) {
      if (!m.equals("unet") && !m.equals("pixel-classifier")) {
        throw new IllegalArgumentException("--instances trains a U-Net or a pixel classifier;"
            + " --method " + method + " does not apply");
      }
      if (f == MaskFormat.NASA || scribbles) {
        throw new IllegalArgumentException(
            "--instances needs instance-id masks (--format png or via), found --format " + format
                + (scribbles ? " with --scribbles" : ""));
      }
      if (instanceScale < 1 || instanceScale > 8) {
        throw new IllegalArgumentException(
            "--instance-scale must be in 1..8, found " + instanceScale);
      }
      if (!instanceBoundary.equals("all") && !instanceBoundary.equals("touching")) {
        throw new IllegalArgumentException(
            "--instance-boundary must be all or touching, found " + instanceBoundary);
      }
      instanceSettings = InstanceSettings.of("particle", instanceScale,
          Math.max(1, ThreeClassTargets.BOUNDARY_PX / instanceScale),
          instanceBoundary.equals("touching"), seedThreshold, minArea);
    }
    if (!m.equals("pixel-classifier") && !m.equals("unet") && !m.equals("auto")) {
      throw new IllegalArgumentException(
          "unknown training method '" + method + "': expected pixel-classifier, unet or auto");
    }
    if ((valImages == null) != (valMasks == null)) {
      throw new IllegalArgumentException("--val-images and --val-masks must be given together");
    }
    if (!(valSplit >= 0 && valSplit < 1)) {
      throw new IllegalArgumentException("--val-split must be in [0, 1), found " + valSplit);
    }
    if (!(maxMinutes >= 0)) {
      throw new IllegalArgumentException("--max-minutes must be >= 0, found " + maxMinutes);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Datasets.Labelled> data = scaled(Datasets.load(images, masks, f, maxPixels));
    List<String> names = classNames(data, f);
    if (names.size() < 2) {
      throw new SegmentationInputException(masks, "masks hold fewer than 2 classes");
    }
    Split split = split(data, f);
    err.printf("training on %d images, validating on %s (%d images); %d classes %s%n",
        split.train().size(), split.what(), split.val().size(), names.size(), names);
    err.flush();
    long start = System.nanoTime();
    double budget = maxMinutes * 60;
    double pcScore = Double.NaN;
    double unetScore = Double.NaN;
    Path pcOut = m.equals("auto") ? out.resolve("pixel-classifier.zip")
        : instances ? out.resolve(InstanceSegmenter.PIXEL_CLASSIFIER_FILE) : out;
    Path unetOut = m.equals("auto") ? out.resolve("unet") : out;
    if (m.equals("pixel-classifier") || m.equals("auto")) {
      double b = m.equals("auto") ? budget / 2 : budget;
      PixelClassifier pc = trainPixelClassifier(split.train(), names, f, b, err);
      if (pcOut.getParent() != null) {
        java.nio.file.Files.createDirectories(pcOut.getParent());
      }
      pc.save(pcOut);
      long[][] conf = new long[names.size()][names.size()];
      for (Datasets.Labelled d : split.val()) {
        Micrograph g = d.micrograph();
        SemanticMetrics.accumulate(conf, pc.predict(g.pixels(), g.width(), g.height()),
            truth(d, f));
      }
      pcScore = report("pixel-classifier", conf, names, split.what(), err);
    }
    if (m.equals("unet") || m.equals("auto")) {
      double used = (System.nanoTime() - start) / 1e9;
      double b = budget > 0 ? Math.max(60, budget - used) : 0;
      trainUNet(split, names, f, unetOut, b, err);
      UNetSegmenter seg = UNetSegmenter.load(unetOut);
      long[][] conf = new long[names.size()][names.size()];
      for (Datasets.Labelled d : split.val()) {
        SemanticMetrics.accumulate(conf, seg.predict(d.micrograph(), false).labels(),
            truth(d, f));
      }
      unetScore = report("unet", conf, names, split.what(), err);
    }
    if (instanceSettings != null) {
      instanceSettings.write(out);
      err.printf("instance model: scale 1/%d, seed threshold %s, min area %d px%n",
          instanceSettings.scale(), instanceSettings.seedThreshold(), instanceSettings.minArea());
    }
    if (m.equals("auto")) {
      double ensScore = fitEnsemble(split, f, pcOut, unetOut, err);
      boolean unetBetter = unetScore > pcScore;
      String rec = String.format(Locale.ROOT,
          "recommended: %s (validation mIoU %.4f; %s %.4f): segment --method %s --model %s",
          unetBetter ? "unet" : "pixel-classifier", unetBetter ? unetScore : pcScore,
          unetBetter ? "pixel-classifier" : "unet", unetBetter ? pcScore : unetScore,
          unetBetter ? "unet" : "pixel-classifier", unetBetter ? unetOut : pcOut);
      if (ensScore > Math.max(pcScore, unetScore) + 1e-4) {
        rec = String.format(Locale.ROOT,
            "recommended: ensemble (validation mIoU %.4f; pixel-classifier %.4f, unet %.4f):"
                + " segment --model %s", ensScore, pcScore, unetScore, out);
      }
      err.println(rec);
      io.alloyflow.core.io.AtomicFiles.write(out.resolve("RECOMMENDED.txt"),
          (rec + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    err.printf(Locale.ROOT, "done in %.0f s%n", (System.nanoTime() - start) / 1e9);
    err.flush();
    spec.commandLine().getOut().println(m.equals("auto") || instances ? out
        : m.equals("unet") ? unetOut : pcOut);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * {@code --method auto}: fits the per-class weights of the pixel-classifier + U-Net ensemble
   * ({@link EnsembleSegmenter}) on the validation images and writes its descriptor into the
   * output folder, which then is an ensemble model ({@code segment --model OUT}).
   */
  private double fitEnsemble(Split split, MaskFormat f, Path pcOut, Path unetOut,
      PrintWriter err) throws Exception {
    PixelClassifier pc = PixelClassifier.load(pcOut);
    List<Micrograph> ims = new ArrayList<>();
    List<int[]> truth = new ArrayList<>();
    for (Datasets.Labelled d : split.val()) {
      ims.add(d.micrograph());
      truth.add(truth(d, f));
    }
    EnsembleSegmenter.Fit fit;
    try (UNetSegmenter un = UNetSegmenter.load(unetOut)) {
      fit = EnsembleSegmenter.fitWeights(EnsembleSegmenter.memberProbabilities(pc, un, ims),
          truth);
    }
    EnsembleSegmenter.write(out, pcOut, unetOut, new EnsembleSegmenter.Descriptor(
        EnsembleSegmenter.FORMAT, pc.classNames(), fit.pixelWeight(), fit.mIoU(),
        split.what() + " (" + split.val().size() + " images)"));
    err.printf(Locale.ROOT, "ensemble validation (%s): mIoU %.4f with %s%n", split.what(),
        fit.mIoU(), fit);
    err.flush();
    return fit.mIoU();
  }

  /** With --instances and --instance-scale F > 1: images and instance maps at 1/F resolution. */
  private List<Datasets.Labelled> scaled(List<Datasets.Labelled> data) {
    if (!instances || instanceScale == 1) {
      return data;
    }
    List<Datasets.Labelled> out = new ArrayList<>();
    for (Datasets.Labelled d : data) {
      Micrograph g = d.micrograph();
      out.add(new Datasets.Labelled(d.image(), Resampling.downsample(g, instanceScale),
          Resampling.downsampleLabels(d.labels(), g.width(), g.height(), instanceScale),
          d.classNames()));
    }
    return out;
  }

  /** Prints per-class IoU and returns the mIoU. */
  private static double report(String what, long[][] conf, List<String> names, String on,
      PrintWriter err) {
    SemanticMetrics s = SemanticMetrics.fromConfusion(conf);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s validation (%s): mIoU %.4f, pixel accuracy %.4f%n",
        what, on, s.meanIoU(), s.pixelAccuracy()));
    for (int c = 0; c < names.size(); c++) {
      b.append(String.format(Locale.ROOT, "  IoU %-20s %.4f%n", names.get(c), s.perClassIoU()[c]));
    }
    err.print(b);
    err.flush();
    return s.meanIoU();
  }

  private List<String> classNames(List<Datasets.Labelled> data, MaskFormat f) {
    if (instances) {
      return ThreeClassTargets.CLASS_NAMES;
    }
    if (classNames != null && !classNames.isEmpty()) {
      return classNames;
    }
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
    if (f == MaskFormat.NASA) {
      return fromData;
    }
    if (f == MaskFormat.VIA) {
      return List.of("background", "instance");
    }
    int k = scribbles ? max : max + 1;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      names.add("class" + c);
    }
    return names;
  }

  private Split split(List<Datasets.Labelled> data, MaskFormat f) throws Exception {
    if (valImages != null) {
      return new Split(data, Datasets.load(valImages, valMasks, f, maxPixels),
          "--val-images " + valImages);
    }
    int n = data.size();
    int nVal = valSplit == 0 || n < 3 ? 0 : Math.max(1, (int) Math.round(valSplit * n));
    if (nVal == 0) {
      return new Split(data, data, "the training images (no held-out images: "
          + (n < 3 ? "fewer than 3 images" : "--val-split 0") + ")");
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<Datasets.Labelled> val = new ArrayList<>();
    List<Datasets.Labelled> train = new ArrayList<>();
    boolean[] isVal = new boolean[n];
    for (int i = 0; i < nVal; i++) {
      isVal[order[i]] = true;
    }
    for (int i = 0; i < n; i++) {
      (isVal[i] ? val : train).add(data.get(i));
    }
    List<String> held = val.stream().map(d -> d.image().getFileName().toString()).toList();
    return new Split(train, val, "held-out " + held);
  }

  private PixelClassifier trainPixelClassifier(List<Datasets.Labelled> data, List<String> names,
      MaskFormat f, double budgetSeconds, PrintWriter err) throws Exception {
    List<TrainingImage> train = new ArrayList<>();
    for (Datasets.Labelled d : data) {
      train.add(trainingImage(d, f));
    }
    PixelClassifier.Learner l =
        switch (pixel.learner.trim().toLowerCase(Locale.ROOT)) {
          case "xgboost" -> PixelClassifier.Learner.XGBOOST;
          case "random-forest", "rf" -> PixelClassifier.Learner.RANDOM_FOREST;
          default -> throw new IllegalArgumentException(
              "unknown learner '" + pixel.learner + "': expected xgboost or random-forest");
        };
    if ((pixel.calibrationImages == null) != (pixel.calibrationMasks == null)) {
      throw new IllegalArgumentException(
          "--calibration-images and --calibration-masks must be given together");
    }
    List<TrainingImage> calibration = new ArrayList<>();
    if (pixel.calibrationImages != null) {
      for (Datasets.Labelled d :
          Datasets.load(pixel.calibrationImages, pixel.calibrationMasks, f, maxPixels)) {
        calibration.add(trainingImage(d, f));
      }
    }
    long t0 = System.nanoTime();
    PixelClassifierTrainer.Progress progress = (step, pct, left) -> {
      double el = (System.nanoTime() - t0) / 1e9;
      err.printf(Locale.ROOT, "[pixel-classifier %3d%%] %s; %.0f s elapsed, %s%n", pct, step, el,
          Double.isNaN(left) ? "time left known after the first model fit"
              : String.format(Locale.ROOT, "about %.0f s left", left));
      err.flush();
    };
    PixelClassifier pc = PixelClassifierTrainer.train(
        train,
        names,
        FeatureBank.ilastik(),
        new PixelClassifier.Settings(l, pixel.trees, pixel.depth, pixel.samples, seed,
                Math.max(1, Runtime.getRuntime().availableProcessors()))
            .withRefinement(pixel.autoContext, pixel.priorCorrection, pixel.minRegion),
        PixelAugmentation.defaults().withCopies(pixel.augment),
        progress,
        () -> budgetSeconds > 0 && (System.nanoTime() - t0) / 1e9 > budgetSeconds);
    if (pc.autoContextStages() < pixel.autoContext) {
      err.printf("time budget reached: kept %d of %d auto-context stages%n",
          pc.autoContextStages(), pixel.autoContext);
    }
    if (!calibration.isEmpty()) {
      pc = pc.calibrateClassWeights(calibration);
    }
    return pc;
  }

  private void trainUNet(Split split, List<String> names, MaskFormat f, Path dir,
      double budgetSeconds, PrintWriter err) throws Exception {
    if (scribbles) {
      throw new IllegalArgumentException("--scribbles is supported by the pixel classifier only");
    }
    List<Micrograph> ims = new ArrayList<>();
    List<LabelMap> lms = new ArrayList<>();
    for (Datasets.Labelled d : split.train()) {
      ims.add(d.micrograph());
      lms.add(labelMap(d, f, names));
    }
    List<Micrograph> vIms = new ArrayList<>();
    List<LabelMap> vLms = new ArrayList<>();
    if (split.val() != split.train()) {
      for (Datasets.Labelled d : split.val()) {
        vIms.add(d.micrograph());
        vLms.add(labelMap(d, f, names));
      }
    }
    TrainingConfig cfg =
        TrainingConfig.defaults(UNetArchitecture.small(names.size()), names)
            .withEpochs(unet.epochs, unet.stepsPerEpoch)
            .withCrop(unet.crop, unet.batch)
            .withLearningRate(unet.learningRate)
            .withPatience(unet.patience)
            .withClassWeighting(unet.classWeights, 10.0)
            .withMaxSeconds(budgetSeconds)
            .withSeed(seed);
    PrintStream log = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        err.write(b);
      }

      @Override
      public void flush() {
        err.flush();
      }
    }, true, java.nio.charset.StandardCharsets.UTF_8);
    UNetTrainer.train(cfg, ims, lms, vIms, vLms, unet.initFrom, dir, log);
    log.flush();
  }

  private LabelMap labelMap(Datasets.Labelled d, MaskFormat f, List<String> names) {
    Micrograph g = d.micrograph();
    return new LabelMap(g.width(), g.height(), classLabels(d, f), names, g.pixelSizeM());
  }

  /**
   * Class labels of a dataset entry: with --instances background/inside/boundary targets of the
   * instance ids; else VIA instance ids become 0/1, unlabelled stays -1.
   */
  private int[] classLabels(Datasets.Labelled d, MaskFormat f) {
    if (instances) {
      Micrograph g = d.micrograph();
      return ThreeClassTargets.of(d.labels(), g.width(), g.height(),
          Math.max(1, ThreeClassTargets.BOUNDARY_PX / instanceScale),
          "touching".equals(instanceBoundary));
    }
    int[] lab = d.labels().clone();
    if (f == MaskFormat.VIA) {
      for (int i = 0; i < lab.length; i++) {
        lab[i] = lab[i] > 0 ? 1 : 0;
      }
    }
    return lab;
  }

  /** Class index per pixel for validation (-1 = unlabelled; scribble labels shifted down). */
  private int[] truth(Datasets.Labelled d, MaskFormat f) {
    int[] lab = classLabels(d, f);
    if (scribbles) {
      for (int i = 0; i < lab.length; i++) {
        lab[i] = lab[i] - 1;
      }
    }
    return lab;
  }

  private TrainingImage trainingImage(Datasets.Labelled d, MaskFormat f) {
    Micrograph g = d.micrograph();
    return new TrainingImage(g.pixels(), g.width(), g.height(), classLabels(d, f), scribbles,
        d.image().toString());
  }
}
