package io.alloyflow.fusion.inclusions;

import io.alloyflow.fusion.classify.Scores;
import io.alloyflow.fusion.classify.TreeClassifiers;
import io.alloyflow.synthetic.fusion.InclusionField;
import io.alloyflow.synthetic.micro.InclusionSteel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Inclusion classification on held-out synthetic steels (issue 12): rules on full EDS, BSE-first
 * screening trade-off and software throughput. Train fields: seeds 1..T, calibration 501..510,
 * held-out 1001..1000+H (alloyflow.fusion.train = 20, alloyflow.fusion.test = 20). Run with
 * {@code bench/fusion/run_inclusions.sh}.
 */
@Tag("bench")
class InclusionBenchmark {

  static final List<String> CLASSES;

  static {
    List<String> c = new ArrayList<>(InclusionSteel.TYPES);
    c.add("other");
    CLASSES = List.copyOf(c);
  }

  static int index(String cls) {
    int i = CLASSES.indexOf(cls);
    return i < 0 ? CLASSES.size() - 1 : i;
  }

  @Test
  void heldOut() {
    int nTrain = Integer.getInteger("alloyflow.fusion.train", 20);
    int nTest = Integer.getInteger("alloyflow.fusion.test", 20);
    InclusionField.Params p = InclusionField.Params.defaults();
    SpotQuantifier q = new SpotQuantifier(SteelCase.ELEMENTS, SteelCase.factors(p));
    RuleSet rules = RuleSet.builtIn();
    List<SteelCase> train = new ArrayList<>();
    for (int s = 1; s <= nTrain; s++) {
      train.add(new SteelCase(p, s));
    }
    List<SteelCase> calib = new ArrayList<>();
    for (int s = 501; s <= 510; s++) {
      calib.add(new SteelCase(p, s));
    }
    List<SteelCase> test = new ArrayList<>();
    for (int s = 1; s <= nTest; s++) {
      test.add(new SteelCase(p, 1000 + s));
    }
    int trueN = 0;
    int det = 0;
    int matched = 0;
    for (SteelCase c : test) {
      trueN += c.trueCount;
      det += c.detected.size();
      matched += c.matched.size();
    }
    System.out.printf(Locale.ROOT, "rule set %s %s sha256 %s%n", rules.name(), rules.version(),
        rules.sha256());
    System.out.printf(Locale.ROOT, "held-out fields %d: true inclusions %d, detected particles %d,"
        + " matched to a true inclusion %d (EDS live time %.1f s, BSE dose %.0f e/px)%n", nTest,
        trueN, det, matched, p.liveTimeS(), p.semDose());
    // full EDS: rules
    List<Integer> truth = new ArrayList<>();
    List<Integer> edsPred = new ArrayList<>();
    long tQuant = 0;
    for (SteelCase c : test) {
      for (SteelCase.Matched m : c.matched) {
        long t0 = System.nanoTime();
        String cls = rules.classify(q.quantify(m.spectrum(), c.field.axis(), p.liveTimeS()));
        tQuant += System.nanoTime() - t0;
        truth.add(index(m.truth()));
        edsPred.add(index(cls));
      }
    }
    int[] yt = truth.stream().mapToInt(Integer::intValue).toArray();
    int[] ye = edsPred.stream().mapToInt(Integer::intValue).toArray();
    Scores full = Scores.of(yt, ye, CLASSES.size());
    System.out.printf(Locale.ROOT, "full EDS + rules: macroF1(truth classes) %.3f"
        + " macroF1(all predicted classes) %.3f microF1 %.3f per class %s%n",
        full.macroF1OverTruth(), full.macroF1(), full.microF1(), f1s(full));
    // BSE-only screening
    int m = ParticleDetector.FEATURE_NAMES.size();
    float[][] xy = rows(train, m);
    float[][] xyc = rows(calib, m);
    BseScreening scr = new BseScreening(TreeClassifiers.xgboost(150, 4, 11), CLASSES);
    scr.fit(xy[0], m, toInt(xy[1]), xyc[0], toInt(xyc[1]));
    float[][] xyt = rows(test, m);
    double[][] prob = scr.predict(xyt[0], m);
    System.out.printf(Locale.ROOT, "BSE-only XGBoost on %d training particles, temperature %.2f%n",
        xy[1].length, scr.temperature());
    int n = yt.length;
    int fields = test.size();
    System.out.println("threshold skippedEDS macroF1(truth classes) microF1 hours(EDS 1s) hours(EDS 2s)"
        + " hours(EDS 3s) particlesPerHour(EDS 2s)");
    for (double thr : new double[] {0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 1.01}) {
      int[] pred = new int[n];
      int skipped = 0;
      for (int r = 0; r < n; r++) {
        int best = 0;
        for (int c = 1; c < prob[r].length; c++) {
          if (prob[r][c] > prob[r][best]) {
            best = c;
          }
        }
        if (prob[r][best] >= thr) {
          pred[r] = best;
          skipped++;
        } else {
          pred[r] = ye[r];
        }
      }
      Scores s = Scores.of(yt, pred, CLASSES.size());
      double perField = 3.0; // stage move and settle 1 s + BSE frame 2 s
      double[] hours = new double[3];
      for (int e = 1; e <= 3; e++) {
        hours[e - 1] = (fields * perField + (n - skipped) * (double) e) / 3600;
      }
      System.out.printf(Locale.ROOT, "%.3f %.3f %.3f %.3f %.4f %.4f %.4f %.0f%n", thr,
          skipped / (double) n, s.macroF1OverTruth(), s.microF1(), hours[0], hours[1], hours[2],
          n / hours[1]);
    }
    // software throughput: detection + quantification + classification
    long t0 = System.nanoTime();
    int particles = 0;
    for (SteelCase c : test) {
      List<Particle> ps = ParticleDetector.detect(c.field.bse(),
          ParticleDetector.Options.defaults());
      particles += ps.size();
    }
    long tDetect = System.nanoTime() - t0;
    double sec = (tDetect + tQuant) / 1e9;
    System.out.printf(Locale.ROOT, "software: detection %.3f s for %d fields (%d particles),"
        + " quantification + rules %.3f s for %d spectra -> %.0f particles/hour%n", tDetect / 1e9,
        fields, particles, tQuant / 1e9, n, n / ((tDetect / 1e9) * n / Math.max(1, particles)
            + tQuant / 1e9) * 3600);
  }

  static String f1s(Scores s) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < CLASSES.size(); c++) {
      b.append(String.format(Locale.ROOT, "%s=%.3f ", CLASSES.get(c), s.f1()[c]));
    }
    return b.toString().trim();
  }

  static float[][] rows(List<SteelCase> cases, int m) {
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (SteelCase c : cases) {
      for (SteelCase.Matched mm : c.matched) {
        xs.add(mm.particle().bseFeatures());
        ys.add(index(mm.truth()));
      }
    }
    float[] x = new float[xs.size() * m];
    float[] y = new float[xs.size()];
    for (int r = 0; r < xs.size(); r++) {
      System.arraycopy(xs.get(r), 0, x, r * m, m);
      y[r] = ys.get(r);
    }
    return new float[][] {x, y};
  }

  static int[] toInt(float[] y) {
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (int) y[i];
    }
    return out;
  }
}
