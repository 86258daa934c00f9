package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.SegmentationOptions;
import io.alloyflow.segmentation.Segmenter;
import io.alloyflow.segmentation.filters.Filters;
import io.alloyflow.segmentation.measure.GrainSize;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.morphology.ConnectedComponents;
import io.alloyflow.segmentation.morphology.Markers;
import io.alloyflow.segmentation.morphology.Watershed;
import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
import io.alloyflow.segmentation.unet.TiledPredictor;
import io.alloyflow.segmentation.unet.TrainingConfig;
import io.alloyflow.segmentation.unet.UNetModelCard;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import io.alloyflow.segmentation.unet.UNetTrainer;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.DualPhaseSteel;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Polycrystal;
import io.alloyflow.synthetic.micro.Powder;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Segmentation accuracy of the synthetic generators as a function of the SEM dose (electrons per
 * pixel), shared by the synthetic target tests ({@code SyntheticTargetsTest}) and the
 * accuracy-dose curve ({@link DoseCurve}, {@code bench/segmentation/run_dose_curve.sh}).
 *
 * <p>Images are made as {@code ./alloyflow synth KIND --dose D} makes them (same pixel sizes,
 * signals, probe, jitter and drift; see {@code SynthCommand}). Up to four paths ({@link Method})
 * are scored, all the segmentation service's own code: <b>classical</b> (Otsu or multi-Otsu on a Gaussian-smoothed
 * image, classes matched to truth by the Hungarian mapping, as {@code segment --method otsu}; for
 * grains: marker-controlled watershed of the smoothed image, markers = h-maxima of the bright
 * grain interiors, so that the watershed lines follow the dark etched grooves; Vincent L. and
 * Soille P., 1991, IEEE TPAMI 13:583) and <b>pixel classifier</b> (ilastik feature bank, XGBoost,
 * one auto-context stage and prior correction, as {@code train segmentation} makes it; Sommer C.
 * et al., 2011, ISBI 230-233; Tu Z. and Bai X., 2010, IEEE TPAMI 32:1744), trained on seeds 1..T
 * at the same dose as the test images (a user trains on their own micrographs). For grains the
 * classifier separates grain interior from the boundary band and the grains are the watershed of
 * its smoothed boundary probability from h-minima markers ({@link GrainSizeEvaluation#grains}).
 * <b>U-Net</b> ({@link UNet}): the service's DJL U-Net trainer ({@link UNetTrainer}, as {@code
 * train segmentation --method unet} runs it; Ronneberger O. et al., 2015, MICCAI, LNCS 9351,
 * 234-241) with the small fixed recipe {@link UNetRecipe#standard()}, trained on the same images
 * as the pixel classifier at the test dose, the checkpoint with the best validation mIoU kept
 * (validation images at that dose), and for grains the same marker-rule choice as the pixel path
 * applied to the U-Net's boundary probability. <b>U-Net, mixed doses</b> ({@code unet-mixdose}):
 * one U-Net per generator trained with the same recipe on the same training seeds rendered at
 * every dose of the run (dose augmentation: the model a user would ship), its checkpoint chosen on
 * the validation seeds at every dose, scored at each dose.
 *
 * <p>Scores: mIoU against the truth phase map (grains: interior vs boundary band), the signed
 * area-fraction error of the phase of interest (martensite; the eutectic; powder particles;
 * grains: none), and for grains the ASTM E112 Heyn intercept G of the segmented grain map minus
 * the generator's truth G (truth.json {@code astmGrainSizeNumber}).
 */
public final class DoseStudy {
  private DoseStudy() {}

  /** The generators of the study, with the phase whose fraction is scored. */
  public enum Kind {
    DP_STEEL("dp-steel", 0.25e-6, 1),
    GRAINS2D("grains2d", 0.5e-6, -1),
    AL_ALLOY("al-alloy", 0.5e-6, 1),
    POWDER("powder", 1.0e-6, 1);

    final String id;
    final double pixelSizeM;
    final int scoredClass;

    Kind(String id, double pixelSizeM, int scoredClass) {
      this.id = id;
      this.pixelSizeM = pixelSizeM;
      this.scoredClass = scoredClass;
    }

    public String id() {
      return id;
    }

    /** The kind named by {@code id}, e.g. {@code dp-steel}. */
    public static Kind parse(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown generator '" + id
          + "': expected dp-steel, grains2d, al-alloy or powder");
    }
  }

  /**
   * One synthetic sample.
   *
   * @param image the simulated micrograph
   * @param truth truth labels scored by mIoU (grains: 0 interior, 1 boundary band)
   * @param grainIds truth grain ids (grains only, else null)
   * @param truthG the generator's ASTM E112 G (grains only, else NaN)
   */
  public record Sample(Micrograph image, LabelMap truth, int[] grainIds, double truthG) {}

  /** Imaging conditions of {@code ./alloyflow synth KIND --dose D}. */
  static SemConditions conditions(Kind k, double dose) {
    SignalType sig = k == Kind.POWDER ? SignalType.SE : SignalType.BSE;
    double topo = sig == SignalType.SE ? 1.0
        : (k == Kind.DP_STEEL ? SyntheticWorld.DP_TOPOGRAPHY_WEIGHT : 0.0);
    return new SemConditions(sig, topo, dose, 0.8, Double.NaN, 1000, 0.15, 0.5, 0.3);
  }

  /** Microstructure of {@code ./alloyflow synth KIND} with default parameters. */
  static Microstructure micro(Kind k, long seed, int size) {
    return switch (k) {
      case DP_STEEL -> DualPhaseSteel.generate(DualPhaseSteel.Params.defaults(size, k.pixelSizeM),
          seed);
      case GRAINS2D -> Polycrystal.generate2d(new Polycrystal.Params2d(size, size, k.pixelSizeM,
          10e-6, 0.3, "ferrite", Materials.IRON), seed);
      case AL_ALLOY -> AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(size, k.pixelSizeM),
          seed);
      case POWDER -> Powder.generate(Powder.Params.defaults(size, k.pixelSizeM), seed);
    };
  }

  /** A sample of kind {@code k} at {@code dose} electrons per pixel. */
  public static Sample sample(Kind k, long seed, int size, double dose) {
    Microstructure m = micro(k, seed, size);
    Micrograph img = SemSimulator.render(m, conditions(k, dose), seed).image();
    if (k == Kind.GRAINS2D) {
      int[] ids = m.instanceMap().labels();
      LabelMap band = new LabelMap(size, size, GrainSizeEvaluation.boundaryBand(ids, size, size),
          List.of("interior", "boundary"), k.pixelSizeM);
      return new Sample(img, band, ids,
          ((Number) m.statistics().get("astmGrainSizeNumber")).doubleValue());
    }
    return new Sample(img, m.phaseMap(), null, Double.NaN);
  }

  /**
   * A validation sample of the grain paths: 14 um grains (the test grains are 10 um, so that the
   * choices made on validation are not tuned to the test grain size), boundary-band truth.
   */
  static Sample grainValidation(Kind k, int size, double dose, long seed) {
    Microstructure m = Polycrystal.generate2d(new Polycrystal.Params2d(size, size, k.pixelSizeM,
        14e-6, 0.3, "ferrite", Materials.IRON), seed);
    int[] ids = m.instanceMap().labels();
    LabelMap band = new LabelMap(size, size, GrainSizeEvaluation.boundaryBand(ids, size, size),
        List.of("interior", "boundary"), k.pixelSizeM);
    return new Sample(SemSimulator.render(m, conditions(k, dose), seed).image(), band, ids,
        ((Number) m.statistics().get("astmGrainSizeNumber")).doubleValue());
  }

  /** The validation seeds of every path (never scored). */
  static final long[] VALIDATION_SEEDS = {501, 502};

  /**
   * The grain marker rule (h-minima depth or EDT peak distance) with the smallest summed |Heyn G
   * error| on the validation samples, for a path's boundary-probability map; shared by the pixel
   * and U-Net paths so that both get the same rule choice.
   */
  static GrainSizeEvaluation.MarkerRule chooseGrainRule(Kind k, int size, List<Sample> val,
      Function<Micrograph, float[]> boundaryProbability) {
    List<GrainSizeEvaluation.MarkerRule> rules = List.of(
        new GrainSizeEvaluation.MarkerRule("hmin", 0.05),
        new GrainSizeEvaluation.MarkerRule("hmin", 0.1),
        new GrainSizeEvaluation.MarkerRule("hmin", 0.2),
        new GrainSizeEvaluation.MarkerRule("edt", 4),
        new GrainSizeEvaluation.MarkerRule("edt", 6));
    double[] err = new double[rules.size()];
    for (Sample s : val) {
      float[] pb = boundaryProbability.apply(s.image());
      for (int r = 0; r < rules.size(); r++) {
        int[] g = GrainSizeEvaluation.grains(pb, size, size, rules.get(r));
        err[r] += Math.abs(GrainSize.heynIntercept(g, size, size, k.pixelSizeM, size).g()
            - s.truthG());
      }
    }
    int best = 0;
    for (int r = 1; r < rules.size(); r++) {
      if (err[r] < err[best]) {
        best = r;
      }
    }
    return rules.get(best);
  }

  /** The segmentation paths of the study, by their id in the CSV files. */
  public enum Method {
    CLASSICAL("classical"),
    PIXEL_CLASSIFIER("pixel-classifier"),
    UNET("unet"),
    UNET_MIXDOSE("unet-mixdose");

    final String id;

    Method(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** The method named by {@code id}, e.g. {@code pixel-classifier}. */
    public static Method parse(String id) {
      for (Method m : values()) {
        if (m.id.equals(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown segmentation path '" + id
          + "': expected classical, pixel-classifier, unet or unet-mixdose");
    }

    /** A comma-separated list of path ids, e.g. {@code unet,unet-mixdose}. */
    public static Set<Method> parseList(String ids) {
      Set<Method> out = EnumSet.noneOf(Method.class);
      for (String id : ids.split(",")) {
        if (!id.isBlank()) {
          out.add(parse(id.trim()));
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no segmentation path named in '" + ids
            + "': expected a comma-separated list of classical, pixel-classifier, unet,"
            + " unet-mixdose");
      }
      return out;
    }
  }

  /**
   * Scores of one path on one test image.
   *
   * @param miou mean IoU over the truth classes
   * @param fractionError predicted minus true area fraction of the scored phase (NaN for grains)
   * @param maxFractionError largest |fraction error| over all classes
   * @param dG segmented Heyn G minus truth G (grains only, else NaN)
   */
  public record Score(double miou, double fractionError, double maxFractionError, double dG) {}

  /** Scores a predicted label array against a sample. */
  static Score score(Kind k, Sample s, int[] pred, int[] grains) {
    int classes = s.truth().classNames().size();
    SemanticMetrics m = SemanticMetrics.compute(pred, s.truth().labels(), classes);
    double[] err = SyntheticEvaluation.fractionErrors(pred, s.truth().fractions(), classes);
    double dG = Double.NaN;
    if (grains != null) {
      int w = s.image().width();
      dG = GrainSize.heynIntercept(grains, w, s.image().height(), k.pixelSizeM, w).g()
          - s.truthG();
    }
    return new Score(m.meanIoU(), k.scoredClass >= 0 ? err[k.scoredClass] : Double.NaN,
        SyntheticEvaluation.maxAbs(err), dG);
  }

  /** The classical path (no training). */
  public static final class Classical {
    /** Smoothing of the Otsu paths, pixels (the CLI default for classical methods). */
    static final double SIGMA = 1.0;

    /** Smoothing and h of the grain watershed, chosen on validation seeds 501-502. */
    final double grainSigma;
    final double grainH;

    Classical(double grainSigma, double grainH) {
      this.grainSigma = grainSigma;
      this.grainH = grainH;
    }

    /** Chooses the grain watershed parameters on validation seeds 501-502 (14 um grains). */
    static Classical select(Kind k, int size, double dose) {
      if (k != Kind.GRAINS2D) {
        return new Classical(Double.NaN, Double.NaN);
      }
      double[] sigmas = {1.0, 2.0, 3.0};
      double[] hs = {0.02, 0.05, 0.1, 0.2};
      double best = Double.POSITIVE_INFINITY;
      Classical chosen = null;
      List<Sample> val = new ArrayList<>();
      for (long seed : VALIDATION_SEEDS) {
        val.add(grainValidation(k, size, dose, seed));
      }
      for (double sg : sigmas) {
        for (double h : hs) {
          Classical c = new Classical(sg, h);
          double e = 0;
          for (Sample s : val) {
            int[] g = c.grains(s.image());
            e += Math.abs(GrainSize.heynIntercept(g, size, size, k.pixelSizeM, size).g()
                - s.truthG());
          }
          if (e < best) {
            best = e;
            chosen = c;
          }
        }
      }
      return chosen;
    }

    /** Grain map: watershed of the smoothed image from h-maxima of the grain interiors. */
    int[] grains(Micrograph img) {
      int w = img.width();
      int h = img.height();
      float[] sm = Filters.gaussian(img.pixels(), w, h, grainSigma);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (float v : sm) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      double span = Math.max(hi - lo, 1e-9);
      double[] up = new double[sm.length];
      double[] relief = new double[sm.length];
      for (int i = 0; i < sm.length; i++) {
        up[i] = (sm[i] - lo) / span;
        relief[i] = -up[i];
      }
      byte[] mk = Markers.hMaxima(up, w, h, grainH);
      int[] lab = ConnectedComponents.label(mk, w, h, true);
      return Watershed.flood(relief, lab, null, w, h, false);
    }

    /** Labels (grains: boundary band of the grain map) and grain map of one test image. */
    Result segment(Kind k, Micrograph img, List<String> truthClasses, int[] truthLabels) {
      int w = img.width();
      int h = img.height();
      if (k == Kind.GRAINS2D) {
        int[] g = grains(img);
        return new Result(GrainSizeEvaluation.boundaryBand(g, w, h), g);
      }
      int classes = truthClasses.size();
      String method = classes == 2 ? "otsu" : "multiotsu";
      PhaseSegmentation seg = Segmenter.segment(img,
          new SegmentationOptions(method, classes, null, SIGMA, false, 51, 4, 42L));
      int[] pred = seg.labels().labels().clone();
      long[][] c = new long[classes][classes];
      SemanticMetrics.accumulate(c, pred, truthLabels);
      int[] map = SemanticMetrics.bestMapping(c);
      for (int i = 0; i < pred.length; i++) {
        pred[i] = map[pred[i]];
      }
      return new Result(pred, null);
    }
  }

  /** Predicted labels and (grains) grain map. */
  record Result(int[] labels, int[] grains) {}

  /** The pixel-classifier path: a model trained at the test dose, plus its grain rule. */
  public static final class Learned {
    final PixelClassifier model;
    final GrainSizeEvaluation.MarkerRule rule;

    Learned(PixelClassifier model, GrainSizeEvaluation.MarkerRule rule) {
      this.model = model;
      this.rule = rule;
    }

    /**
     * Trains on seeds 1..nTrain at {@code dose}; calibrates class weights (phases) or chooses the
     * grain marker rule (grains, 14 um validation grains, {@link #grainValidation}) on validation
     * seeds 501-502.
     */
    static Learned train(Kind k, int size, double dose, int nTrain, PixelClassifier.Settings s) {
      List<TrainingImage> train = new ArrayList<>();
      List<String> names = null;
      for (long seed = 1; seed <= nTrain; seed++) {
        Sample sm = sample(k, seed, size, dose);
        names = sm.truth().classNames();
        train.add(new TrainingImage(sm.image().pixels(), size, size, sm.truth().labels(), false,
            k.id + "(seed=" + seed + ", dose=" + dose + ")"));
      }
      PixelClassifier pc = PixelClassifier.train(train, names, FeatureBank.ilastik(), s);
      if (k != Kind.GRAINS2D) {
        List<TrainingImage> val = new ArrayList<>();
        for (long seed = 501; seed <= 502; seed++) {
          Sample sm = sample(k, seed, size, dose);
          val.add(new TrainingImage(sm.image().pixels(), size, size, sm.truth().labels(), false,
              k.id + "(seed=" + seed + ")"));
        }
        return new Learned(pc.calibrateClassWeights(val), null);
      }
      List<Sample> val = new ArrayList<>();
      for (long seed : VALIDATION_SEEDS) {
        val.add(grainValidation(k, size, dose, seed));
      }
      return new Learned(pc, chooseGrainRule(k, size, val,
          img -> pc.probabilities(img.pixels(), size, size)[1]));
    }

    Result segment(Kind k, Micrograph img) {
      int w = img.width();
      int h = img.height();
      if (k == Kind.GRAINS2D) {
        float[] pb = model.probabilities(img.pixels(), w, h)[1];
        int[] g = GrainSizeEvaluation.grains(pb, w, h, rule);
        int[] lab = new int[pb.length];
        for (int i = 0; i < lab.length; i++) {
          lab[i] = pb[i] >= 0.5f ? 1 : 0;
        }
        return new Result(lab, g);
      }
      return new Result(model.predict(img.pixels(), w, h), null);
    }
  }

  /**
   * The fixed U-Net recipe of the dose study (small enough to train in about a minute per
   * generator and dose on one core at 128 px).
   *
   * @param base channels of the first U-Net level (doubling per level)
   * @param depth number of down-sampling steps
   * @param crop side of the training crops and of the inference tile, a multiple of 2^depth
   * @param batch crops per optimiser step
   * @param epochs epochs; the checkpoint with the best validation mIoU is kept
   * @param stepsPerEpoch optimiser steps per epoch
   * @param learningRate Adam start rate, cosine-annealed over the steps (Loshchilov and Hutter
   *     2017, ICLR)
   * @param seed seed of the initial weights, crops and augmentation
   */
  public record UNetRecipe(int base, int depth, int crop, int batch, int epochs,
      int stepsPerEpoch, double learningRate, long seed) {
    public UNetRecipe {
      if (base < 1 || depth < 1 || batch < 1 || epochs < 1 || stepsPerEpoch < 1) {
        throw new IllegalArgumentException("U-Net recipe: base, depth, batch, epochs and steps"
            + " per epoch must be >= 1, found " + base + ", " + depth + ", " + batch + ", "
            + epochs + ", " + stepsPerEpoch);
      }
      if (crop < 1 || crop % (1 << depth) != 0) {
        throw new IllegalArgumentException("U-Net recipe: crop must be a positive multiple of"
            + " 2^depth = " + (1 << depth) + ", found " + crop);
      }
      if (!(learningRate > 0 && learningRate < 1)) {
        throw new IllegalArgumentException("U-Net recipe: learning rate must be in (0, 1),"
            + " found " + learningRate);
      }
    }

    /**
     * Base width 8, depth 3, 128-px crops, batch 4, 12 epochs x 25 steps (300 steps, 1200
     * crops), Adam 2e-3 with cosine annealing, unweighted cross-entropy (the test images share
     * the training images' class fractions, and a fraction is what is scored), rotations and
     * flips only (the test images share the training images' dose, detector and pixel size).
     */
    public static UNetRecipe standard() {
      return new UNetRecipe(8, 3, 128, 4, 12, 25, 2e-3, 42L);
    }

    TrainingConfig config(List<String> classNames) {
      UNetArchitecture arch = new UNetArchitecture(1, classNames.size(), base, depth);
      return TrainingConfig.defaults(arch, classNames)
          .withEpochs(epochs, stepsPerEpoch)
          .withCrop(crop, batch)
          .withLearningRate(learningRate)
          .withSeed(seed)
          .withPatience(0)
          .withTiling(crop, crop / 4)
          .withMaxSeconds(0)
          .withClassWeighting(false, 1)
          .withAugmentation(SyntheticUNetEvaluation.augmentation("d4"));
    }
  }

  /**
   * The U-Net path: a model trained by the service's {@link UNetTrainer} on seeds 1..nTrain at
   * one dose ({@code unet}) or at several doses ({@code unet-mixdose}), the checkpoint with the
   * best mIoU on the validation seeds at the same doses kept, loaded back from its model folder
   * as {@code segment --method unet} loads it; for grains, plus the grain marker rule chosen on
   * the validation grains as for the pixel path. The model folder is a temporary directory,
   * deleted by {@link #close()}.
   */
  public static final class UNet implements AutoCloseable {
    final UNetSegmenter model;
    final GrainSizeEvaluation.MarkerRule rule;
    final UNetModelCard card;
    private final Path dir;

    private UNet(UNetSegmenter model, GrainSizeEvaluation.MarkerRule rule, UNetModelCard card,
        Path dir) {
      this.model = model;
      this.rule = rule;
      this.card = card;
      this.dir = dir;
    }

    /** Trains on seeds 1..nTrain rendered at every dose of {@code doses}. */
    public static UNet train(Kind k, int size, double[] doses, int nTrain, UNetRecipe recipe) {
      if (doses.length == 0 || nTrain < 1) {
        throw new IllegalArgumentException("U-Net path needs at least one dose and one training"
            + " image, found " + doses.length + " doses and " + nTrain + " images");
      }
      List<Micrograph> trainImgs = new ArrayList<>();
      List<LabelMap> trainMasks = new ArrayList<>();
      List<Sample> val = new ArrayList<>();
      for (double dose : doses) {
        for (long seed = 1; seed <= nTrain; seed++) {
          Sample sm = sample(k, seed, size, dose);
          trainImgs.add(sm.image());
          trainMasks.add(sm.truth());
        }
        for (long seed : VALIDATION_SEEDS) {
          val.add(k == Kind.GRAINS2D ? grainValidation(k, size, dose, seed)
              : sample(k, seed, size, dose));
        }
      }
      List<Micrograph> valImgs = val.stream().map(Sample::image).toList();
      List<LabelMap> valMasks = val.stream().map(Sample::truth).toList();
      Path dir = null;
      UNetSegmenter seg = null;
      try {
        dir = Files.createTempDirectory("alloyflow-dose-unet-");
        UNetModelCard card = UNetTrainer.train(recipe.config(trainMasks.get(0).classNames()),
            trainImgs, trainMasks, valImgs, valMasks, dir,
            new PrintStream(OutputStream.nullOutputStream()));
        seg = UNetSegmenter.load(dir);
        UNetSegmenter s = seg;
        GrainSizeEvaluation.MarkerRule rule = k == Kind.GRAINS2D
            ? chooseGrainRule(k, size, val, img -> s.predict(img, true).probabilities()[1])
            : null;
        return new UNet(seg, rule, card, dir);
      } catch (IOException e) {
        if (seg != null) {
          seg.close();
        }
        deleteTree(dir);
        throw new UncheckedIOException("U-Net training of the dose study failed for " + k.id
            + ": " + e.getMessage(), e);
      }
    }

    Result segment(Kind k, Micrograph img) {
      int w = img.width();
      int h = img.height();
      TiledPredictor.Result r = model.predict(img, k == Kind.GRAINS2D);
      if (k == Kind.GRAINS2D) {
        float[] pb = r.probabilities()[1];
        int[] g = GrainSizeEvaluation.grains(pb, w, h, rule);
        int[] lab = new int[pb.length];
        for (int i = 0; i < lab.length; i++) {
          lab[i] = pb[i] >= 0.5f ? 1 : 0;
        }
        return new Result(lab, g);
      }
      return new Result(r.labels(), null);
    }

    /** One line: network, kept epoch, validation mIoU, training time. */
    public String describe() {
      Object v = card.validation().get("mIoU");
      return String.format(Locale.ROOT, "U-Net %s, %d parameters, kept epoch %d of %d"
          + " (validation mIoU %s), trained in %.0f s", card.architecture(),
          model.parameterCount(), card.bestEpoch(), card.epochsRun(),
          v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "?",
          card.trainingSeconds()) + (rule == null ? "" : ", grain rule " + rule);
    }

    @Override
    public void close() {
      model.close();
      deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
      if (dir == null || !Files.exists(dir)) {
        return;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the temporary U-Net folder " + dir, e);
      }
    }
  }

  /** Scores of the paths run on one test seed. */
  public record SeedScores(long seed, Map<Method, Score> scores) {
    public SeedScores {
      Map<Method, Score> copy = new EnumMap<>(Method.class);
      copy.putAll(scores);
      scores = java.util.Collections.unmodifiableMap(copy);
    }

    /** The classical path's scores (null when it did not run). */
    public Score classical() {
      return scores.get(Method.CLASSICAL);
    }

    /** The pixel classifier's scores (null when it did not run). */
    public Score pixelClassifier() {
      return scores.get(Method.PIXEL_CLASSIFIER);
    }
  }

  /**
   * Trains and selects at {@code dose}, then scores the classical and pixel-classifier paths on
   * the test seeds.
   *
   * @param settings pixel-classifier training settings
   */
  public static List<SeedScores> evaluate(Kind k, int size, double dose, int nTrain,
      long[] testSeeds, PixelClassifier.Settings settings) {
    return evaluate(k, size, dose, nTrain, testSeeds, settings, true);
  }

  /**
   * As {@link #evaluate(Kind, int, double, int, long[], PixelClassifier.Settings)}; without
   * {@code withClassical} only the pixel-classifier path runs (classical scores are null).
   */
  public static List<SeedScores> evaluate(Kind k, int size, double dose, int nTrain,
      long[] testSeeds, PixelClassifier.Settings settings, boolean withClassical) {
    return evaluate(k, size, dose, nTrain, testSeeds, withClassical
        ? EnumSet.of(Method.CLASSICAL, Method.PIXEL_CLASSIFIER)
        : EnumSet.of(Method.PIXEL_CLASSIFIER), settings, UNetRecipe.standard(), null,
        line -> { });
  }

  /**
   * Trains and selects the chosen paths at {@code dose}, then scores them on the test seeds.
   *
   * @param methods the paths to run
   * @param settings pixel-classifier training settings
   * @param recipe U-Net recipe of the {@code unet} path
   * @param mixDose the model of the {@code unet-mixdose} path, trained on several doses (needed
   *     only when {@code methods} holds it; not closed here)
   * @param log receives one line describing the trained U-Net
   */
  public static List<SeedScores> evaluate(Kind k, int size, double dose, int nTrain,
      long[] testSeeds, Set<Method> methods, PixelClassifier.Settings settings,
      UNetRecipe recipe, UNet mixDose, Consumer<String> log) {
    if (methods.contains(Method.UNET_MIXDOSE) && mixDose == null) {
      throw new IllegalArgumentException("the unet-mixdose path needs a U-Net trained on mixed"
          + " doses (UNet.train with the run's doses), found none");
    }
    Classical classical = methods.contains(Method.CLASSICAL) ? Classical.select(k, size, dose)
        : null;
    Learned learned = methods.contains(Method.PIXEL_CLASSIFIER)
        ? Learned.train(k, size, dose, nTrain, settings) : null;
    try (UNet unet = methods.contains(Method.UNET)
        ? UNet.train(k, size, new double[] {dose}, nTrain, recipe) : null) {
      List<SeedScores> out = new ArrayList<>();
      for (long seed : testSeeds) {
        Sample s = sample(k, seed, size, dose);
        Map<Method, Score> sc = new EnumMap<>(Method.class);
        if (classical != null) {
          Result c = classical.segment(k, s.image(), s.truth().classNames(), s.truth().labels());
          sc.put(Method.CLASSICAL, score(k, s, c.labels(), c.grains()));
        }
        if (learned != null) {
          Result p = learned.segment(k, s.image());
          sc.put(Method.PIXEL_CLASSIFIER, score(k, s, p.labels(), p.grains()));
        }
        if (unet != null) {
          Result u = unet.segment(k, s.image());
          sc.put(Method.UNET, score(k, s, u.labels(), u.grains()));
        }
        if (methods.contains(Method.UNET_MIXDOSE)) {
          Result u = mixDose.segment(k, s.image());
          sc.put(Method.UNET_MIXDOSE, score(k, s, u.labels(), u.grains()));
        }
        out.add(new SeedScores(seed, sc));
      }
      if (unet != null) {
        log.accept(k.id + " dose " + dose + ": " + unet.describe());
      }
      return out;
    }
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5f", v);
  }
}
