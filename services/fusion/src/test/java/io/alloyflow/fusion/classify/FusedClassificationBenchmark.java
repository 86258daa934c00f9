package io.alloyflow.fusion.classify;

import io.alloyflow.synthetic.fusion.SemEdsPair;
import io.alloyflow.synthetic.micro.EutecticSilicon;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fused phase classification of the synthetic A356 alloy (issue 12): trains on seeds 1..T,
 * scores on held-out seeds 2001..2000+H, every method with BSE-only, EDS-only and fused (early)
 * features plus late fusion, per-class and macro/micro F1, and the eutectic microconstituent
 * fraction by the lever rule. System properties: alloyflow.fusion.train (3),
 * alloyflow.fusion.test (3), alloyflow.fusion.semDose (5000), alloyflow.fusion.dwell (0.02).
 * Run with {@code bench/fusion/run_classification.sh}.
 */
@Tag("bench")
class FusedClassificationBenchmark {

  static SemEdsPair.Params params(double dose, double dwell) {
    SemEdsPair.Params r = SemEdsPair.Params.registration();
    return new SemEdsPair.Params(64, 64, 2e-6, 8, 8, r.maxRotationDeg(), r.maxShiftFraction(),
        r.maxScaleError(), dwell, r.probeCurrentNa(), dose, r.channels(), r.margin());
  }

  static Map<String, Supplier<PixelClassifier>> methods() {
    Map<String, Supplier<PixelClassifier>> m = new LinkedHashMap<>();
    m.put("rf", () -> TreeClassifiers.randomForest(30, 12, 7));
    m.put("xgb", () -> TreeClassifiers.xgboost(80, 6, 7));
    m.put("knn", () -> new NearestNeighbours(7));
    m.put("lr", () -> LinearClassifiers.logistic(1e-4, 300));
    m.put("svm", () -> LinearClassifiers.linearSvm(1e-4, 10, 7));
    m.put("mlp", () -> MlpPixelClassifier.defaults(7));
    // -Dalloyflow.fusion.methods=xgb,rf restricts the comparison (default: all)
    String only = System.getProperty("alloyflow.fusion.methods", "");
    if (!only.isBlank()) {
      m.keySet().retainAll(java.util.Arrays.asList(only.split(",")));
    }
    return m;
  }

  @Test
  void comparison() {
    int nTrain = Integer.getInteger("alloyflow.fusion.train", 3);
    int nTest = Integer.getInteger("alloyflow.fusion.test", 3);
    double dose = Double.parseDouble(System.getProperty("alloyflow.fusion.semDose", "5000"));
    double dwell = Double.parseDouble(System.getProperty("alloyflow.fusion.dwell", "0.02"));
    SemEdsPair.Params p = params(dose, dwell);
    List<AlloyCase> train = new ArrayList<>();
    for (int s = 1; s <= nTrain; s++) {
      train.add(new AlloyCase(p, s, false));
    }
    List<AlloyCase> test = new ArrayList<>();
    // held-out seeds 2001..; -Dalloyflow.fusion.testBase=100 scores validation seeds 101.. instead
    int base = Integer.getInteger("alloyflow.fusion.testBase", 2000);
    for (int s = 1; s <= nTest; s++) {
      test.add(new AlloyCase(p, base + s, false));
    }
    System.out.printf(Locale.ROOT, "BSE dose %.0f e/px, EDS dwell %.3f s, SEM %dx%d, EDS 64x64,"
        + " train seeds 1..%d, scored seeds %d..%d, BSE context features %s, region features %s%n",
        dose, dwell, test.get(0).pair.sem().width(), test.get(0).pair.sem().height(), nTrain,
        base + 1, base + nTest, Boolean.getBoolean("alloyflow.fusion.context"),
        Boolean.getBoolean("alloyflow.fusion.regions"));
    for (AlloyCase c : test) {
      System.out.printf(Locale.ROOT, "held-out registration error %.3f EDS px (reliable %s),"
          + " true eutectic fraction %.4f%n", c.registrationErrorPx, c.registration.reliable(),
          c.eutecticFraction);
    }
    int k = AlloyCase.CLASSES.size();
    System.out.println("method features macroF1 microF1 F1[alpha-Al Si Mg2Si Al-Fe-Si]"
        + " eutecticFractionError(mean abs)");
    for (Map.Entry<String, Supplier<PixelClassifier>> me : methods().entrySet()) {
      Map<String, float[][]> probs = new LinkedHashMap<>();
      for (FeatureStack.Modality mod : FeatureStack.Modality.values()) {
        int perClass = me.getKey().equals("knn") ? 250 : 1500;
        List<float[]> xs = new ArrayList<>();
        List<int[]> ys = new ArrayList<>();
        int m = 0;
        for (int i = 0; i < train.size(); i++) {
          AlloyCase c = train.get(i);
          FeatureStack fs = stack(c, mod);
          int[] px = c.balancedSample(perClass, 100 + i);
          xs.add(fs.rows(px));
          ys.add(c.labelsOf(px));
          m = fs.count();
        }
        float[] x = concat(xs);
        int[] y = concatInt(ys);
        PixelClassifier clf = me.getValue().get();
        clf.fit(x, m, y, k);
        double[] prior = priorCorrection(train, y, k);
        float[][] pr = new float[test.size()][];
        List<int[]> truths = new ArrayList<>();
        List<int[]> preds = new ArrayList<>();
        double fracErr = 0;
        for (int i = 0; i < test.size(); i++) {
          AlloyCase c = test.get(i);
          int[] px = c.uniformSample(20000, 900 + i);
          FeatureStack fs = stack(c, mod);
          pr[i] = clf.predictProba(fs.rows(px), m);
          reweight(pr[i], prior);
          int[] pred = argmax(pr[i], k);
          truths.add(c.labelsOf(px));
          preds.add(pred);
          fracErr += Math.abs(eutecticFraction(pred) - c.eutecticFraction);
        }
        probs.put(mod.name(), pr);
        Scores sc = Scores.of(concatInt(truths), concatInt(preds), k);
        print(me.getKey(), mod.name(), sc, fracErr / test.size());
        if (Boolean.getBoolean("alloyflow.fusion.confusion")) {
          System.out.println("  confusion (rows truth, columns predicted): "
              + java.util.Arrays.deepToString(sc.confusion()));
        }
        String dump = System.getProperty("alloyflow.fusion.dumpDir", "");
        if (!dump.isBlank() && mod == FeatureStack.Modality.FUSED) {
          dumpMaps(java.nio.file.Path.of(dump), me.getKey(), test.get(0), clf, prior, k);
        }
      }
      // late fusion: mean of the BSE-only and EDS-only probabilities
      List<int[]> truths = new ArrayList<>();
      List<int[]> preds = new ArrayList<>();
      double fracErr = 0;
      for (int i = 0; i < test.size(); i++) {
        AlloyCase c = test.get(i);
        int[] px = c.uniformSample(20000, 900 + i);
        float[] a = probs.get("BSE")[i];
        float[] b = probs.get("EDS")[i];
        float[] avg = new float[a.length];
        for (int j = 0; j < a.length; j++) {
          avg[j] = (float) (Math.log(a[j] + 1e-4) + Math.log(b[j] + 1e-4));
        }
        int[] pred = argmax(avg, k);
        truths.add(c.labelsOf(px));
        preds.add(pred);
        fracErr += Math.abs(eutecticFraction(pred) - c.eutecticFraction);
      }
      print(me.getKey(), "LATE", Scores.of(concatInt(truths), concatInt(preds), k),
          fracErr / test.size());
    }
  }

  /** Writes the BSE image, the truth and the prediction of one scored case as PNGs. */
  static void dumpMaps(java.nio.file.Path dir, String method, AlloyCase c, PixelClassifier clf,
      double[] prior, int k) {
    try {
      java.nio.file.Files.createDirectories(dir);
      int n = c.truth.length;
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      float[] p = clf.predictProba(c.fused.rows(all), c.fused.count());
      reweight(p, prior);
      int[] pred = argmax(p, k);
      int w = c.pair.sem().width();
      int h = c.pair.sem().height();
      io.alloyflow.core.io.LabelMapIO.writeColorPng(new io.alloyflow.core.image.LabelMap(w, h,
          pred, AlloyCase.CLASSES, c.pair.sem().pixelSizeM()), dir.resolve(method + "-pred.png"));
      io.alloyflow.core.io.LabelMapIO.writeColorPng(new io.alloyflow.core.image.LabelMap(w, h,
          c.truth, AlloyCase.CLASSES, c.pair.sem().pixelSizeM()), dir.resolve("truth.png"));
      io.alloyflow.core.io.MicrographIO.writePng(c.pair.sem(), dir.resolve("bse.png"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Balanced training shifts the posteriors; multiplying by true prior / training prior restores
   * them (Saerens, Latinne and Decaestecker, Neural Comput. 14 (2002) 21).
   */
  static double[] priorCorrection(List<AlloyCase> train, int[] y, int k) {
    double[] trueP = new double[k];
    double n = 0;
    for (AlloyCase c : train) {
      for (int t : c.truth) {
        trueP[t]++;
        n++;
      }
    }
    double[] trainP = new double[k];
    for (int v : y) {
      trainP[v]++;
    }
    double[] r = new double[k];
    for (int c = 0; c < k; c++) {
      r[c] = (trueP[c] / n) / Math.max(1e-9, trainP[c] / y.length);
    }
    return r;
  }

  static void reweight(float[] p, double[] r) {
    int k = r.length;
    for (int i = 0; i < p.length / k; i++) {
      double s = 0;
      for (int c = 0; c < k; c++) {
        p[i * k + c] *= (float) r[c];
        s += p[i * k + c];
      }
      for (int c = 0; c < k; c++) {
        p[i * k + c] = (float) (s > 0 ? p[i * k + c] / s : 1.0 / k);
      }
    }
  }

  /** Lever rule: eutectic area fraction = Si area fraction / Si volume fraction in eutectic. */
  static double eutecticFraction(int[] pred) {
    long si = 0;
    for (int v : pred) {
      if (v == 1) {
        si++;
      }
    }
    return si / (double) pred.length / EutecticSilicon.SI_VOLUME_FRACTION;
  }

  static FeatureStack stack(AlloyCase c, FeatureStack.Modality m) {
    return switch (m) {
      case BSE -> c.bse;
      case EDS -> c.eds;
      case FUSED -> c.fused;
    };
  }

  static void print(String method, String features, Scores s, double fracErr) {
    System.out.printf(Locale.ROOT, "%s %s %.3f %.3f [%.3f %.3f %.3f %.3f] %.4f%n", method,
        features, s.macroF1(), s.microF1(), s.f1()[0], s.f1()[1], s.f1()[2], s.f1()[3], fracErr);
  }

  static int[] argmax(float[] p, int k) {
    int n = p.length / k;
    int[] out = new int[n];
    for (int r = 0; r < n; r++) {
      int b = 0;
      for (int c = 1; c < k; c++) {
        if (p[r * k + c] > p[r * k + b]) {
          b = c;
        }
      }
      out[r] = b;
    }
    return out;
  }

  static float[] concat(List<float[]> a) {
    int n = 0;
    for (float[] v : a) {
      n += v.length;
    }
    float[] out = new float[n];
    int o = 0;
    for (float[] v : a) {
      System.arraycopy(v, 0, out, o, v.length);
      o += v.length;
    }
    return out;
  }

  static int[] concatInt(List<int[]> a) {
    int n = 0;
    for (int[] v : a) {
      n += v.length;
    }
    int[] out = new int[n];
    int o = 0;
    for (int[] v : a) {
      System.arraycopy(v, 0, out, o, v.length);
      o += v.length;
    }
    return out;
  }
}
