package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
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
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.DualPhaseSteel;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Polycrystal;
import io.alloyflow.synthetic.micro.Powder;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Segmentation accuracy of the synthetic generators as a function of the SEM dose (electrons per
 * pixel), shared by the synthetic target tests ({@code SyntheticTargetsTest}) and the
 * accuracy-dose curve ({@link DoseCurve}, {@code bench/segmentation/run_dose_curve.sh}).
 *
 * <p>Images are made as {@code ./alloyflow synth KIND --dose D} makes them (same pixel sizes,
 * signals, probe, jitter and drift; see {@code SynthCommand}). Two paths are scored, both the
 * segmentation service's own code: <b>classical</b> (Otsu or multi-Otsu on a Gaussian-smoothed
 * image, classes matched to truth by the Hungarian mapping, as {@code segment --method otsu}; for
 * grains: marker-controlled watershed of the smoothed image, markers = h-maxima of the bright
 * grain interiors, so that the watershed lines follow the dark etched grooves; Vincent L. and
 * Soille P., 1991, IEEE TPAMI 13:583) and <b>pixel classifier</b> (ilastik feature bank, XGBoost,
 * one auto-context stage and prior correction, as {@code train segmentation} makes it; Sommer C.
 * et al., 2011, ISBI 230-233; Tu Z. and Bai X., 2010, IEEE TPAMI 32:1744), trained on seeds 1..T
 * at the same dose as the test images (a user trains on their own micrographs). For grains the
 * classifier separates grain interior from the boundary band and the grains are the watershed of
 * its smoothed boundary probability from h-minima markers ({@link GrainSizeEvaluation#grains}).
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
      for (long seed = 501; seed <= 502; seed++) {
        Microstructure m = Polycrystal.generate2d(new Polycrystal.Params2d(size, size,
            k.pixelSizeM, 14e-6, 0.3, "ferrite", Materials.IRON), seed);
        val.add(new Sample(SemSimulator.render(m, conditions(k, dose), seed).image(), null,
            m.instanceMap().labels(),
            ((Number) m.statistics().get("astmGrainSizeNumber")).doubleValue()));
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
     * grain marker rule (grains, 14 um validation grains) on validation seeds 501-502.
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
      List<GrainSizeEvaluation.MarkerRule> rules = List.of(
          new GrainSizeEvaluation.MarkerRule("hmin", 0.05),
          new GrainSizeEvaluation.MarkerRule("hmin", 0.1),
          new GrainSizeEvaluation.MarkerRule("hmin", 0.2),
          new GrainSizeEvaluation.MarkerRule("edt", 4),
          new GrainSizeEvaluation.MarkerRule("edt", 6));
      double[] err = new double[rules.size()];
      for (long seed = 501; seed <= 502; seed++) {
        Microstructure m = Polycrystal.generate2d(new Polycrystal.Params2d(size, size,
            k.pixelSizeM, 14e-6, 0.3, "ferrite", Materials.IRON), seed);
        double gTrue = ((Number) m.statistics().get("astmGrainSizeNumber")).doubleValue();
        float[] pb = pc.probabilities(SemSimulator.render(m, conditions(k, dose), seed).image()
            .pixels(), size, size)[1];
        for (int r = 0; r < rules.size(); r++) {
          int[] g = GrainSizeEvaluation.grains(pb, size, size, rules.get(r));
          err[r] += Math.abs(GrainSize.heynIntercept(g, size, size, k.pixelSizeM, size).g()
              - gTrue);
        }
      }
      int best = 0;
      for (int r = 1; r < rules.size(); r++) {
        if (err[r] < err[best]) {
          best = r;
        }
      }
      return new Learned(pc, rules.get(best));
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

  /** Scores of both paths on one test seed. */
  public record SeedScores(long seed, Score classical, Score pixelClassifier) {}

  /**
   * Trains and selects at {@code dose}, then scores both paths on the test seeds.
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
    Classical classical = withClassical ? Classical.select(k, size, dose) : null;
    Learned learned = Learned.train(k, size, dose, nTrain, settings);
    List<SeedScores> out = new ArrayList<>();
    for (long seed : testSeeds) {
      Sample s = sample(k, seed, size, dose);
      Score cs = null;
      if (classical != null) {
        Result c = classical.segment(k, s.image(), s.truth().classNames(), s.truth().labels());
        cs = score(k, s, c.labels(), c.grains());
      }
      Result p = learned.segment(k, s.image());
      out.add(new SeedScores(seed, cs, score(k, s, p.labels(), p.grains())));
    }
    return out;
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5f", v);
  }
}
