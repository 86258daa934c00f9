package io.alloyflow.fusion.inclusions;

import io.alloyflow.fusion.classify.TreeClassifiers;
import io.alloyflow.synthetic.fusion.InclusionField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Software throughput of the inclusion pipeline (issue 12): per field, BSE particle detection,
 * BSE-first screening inference (XGBoost on particle features), quantification of every
 * particle's spectrum, rule-set classification and the cleanliness report. The simulated
 * acquisition (BSE frame and spectra) is generated before the clock starts. One untimed warm-up
 * pass, then {@code alloyflow.fusion.passes} timed passes over {@code alloyflow.fusion.fields}
 * held-out fields (1001..). Run with {@code bench/fusion/run_throughput.sh}, which pins the JVM to
 * two cores.
 */
@Tag("bench")
class InclusionThroughputBenchmark {

  @Test
  void particlesPerHour() {
    int nFields = Integer.getInteger("alloyflow.fusion.fields", 20);
    int passes = Integer.getInteger("alloyflow.fusion.passes", 3);
    InclusionField.Params p = InclusionField.Params.defaults();
    SpotQuantifier q = new SpotQuantifier(SteelCase.ELEMENTS, SteelCase.factors(p));
    RuleSet rules = RuleSet.builtIn();
    // screening model trained on fields 1..10 (untimed)
    List<SteelCase> train = new ArrayList<>();
    for (int s = 1; s <= 10; s++) {
      train.add(new SteelCase(p, s));
    }
    List<SteelCase> calib = new ArrayList<>();
    for (int s = 501; s <= 505; s++) {
      calib.add(new SteelCase(p, s));
    }
    int m = ParticleDetector.FEATURE_NAMES.size();
    float[][] xy = InclusionBenchmark.rows(train, m);
    float[][] xyc = InclusionBenchmark.rows(calib, m);
    BseScreening scr = new BseScreening(TreeClassifiers.xgboost(150, 4, 11),
        InclusionBenchmark.CLASSES);
    scr.fit(xy[0], m, InclusionBenchmark.toInt(xy[1]), xyc[0], InclusionBenchmark.toInt(xyc[1]));
    // acquisition (untimed): the BSE frames and one spectrum per detected particle (the spectrum
    // of the true inclusion it covers, else the field's first spectrum: same cost to process)
    List<SteelCase> fields = new ArrayList<>();
    List<double[][]> spectra = new ArrayList<>();
    for (int s = 1; s <= nFields; s++) {
      SteelCase c = new SteelCase(p, 1000 + s);
      fields.add(c);
      double[][] sp = new double[c.detected.size()][];
      for (int k = 0; k < sp.length; k++) {
        sp[k] = c.field.spectra().get(0);
        for (SteelCase.Matched mm : c.matched) {
          if (mm.particle().id() == c.detected.get(k).id()) {
            sp[k] = mm.spectrum();
          }
        }
      }
      spectra.add(sp);
    }
    System.out.printf(Locale.ROOT, "cores available to the JVM: %d; fields %d of %d x %d px;"
        + " passes %d (after one warm-up)%n", Runtime.getRuntime().availableProcessors(), nFields,
        p.size(), p.size(), passes);
    long[] t = new long[4];
    long particles = 0;
    long classified = 0;
    for (int pass = 0; pass <= passes; pass++) {
      long[] tp = new long[4];
      long n = 0;
      long nc = 0;
      for (int f = 0; f < fields.size(); f++) {
        SteelCase c = fields.get(f);
        long t0 = System.nanoTime();
        List<Particle> ps = ParticleDetector.detect(c.field.bse(),
            ParticleDetector.Options.defaults());
        long t1 = System.nanoTime();
        float[] x = new float[ps.size() * m];
        for (int k = 0; k < ps.size(); k++) {
          System.arraycopy(ps.get(k).bseFeatures(), 0, x, k * m, m);
        }
        double[][] prob = ps.isEmpty() ? new double[0][] : scr.predict(x, m);
        long t2 = System.nanoTime();
        if (ps.size() != spectra.get(f).length) {
          throw new IllegalStateException("detection is not deterministic: " + ps.size()
              + " vs " + spectra.get(f).length + " particles");
        }
        InclusionAnalysis.Result r = InclusionAnalysis.classify(c.field.bse(), ps,
            spectra.get(f), c.field.axis(), p.liveTimeS(), rules, q);
        long t3 = System.nanoTime();
        tp[0] += t1 - t0;
        tp[1] += t2 - t1;
        tp[2] += t3 - t2;
        n += ps.size();
        nc += r.particles().size();
      }
      if (pass > 0) {
        for (int i = 0; i < 3; i++) {
          t[i] += tp[i];
        }
        particles += n;
        classified += nc;
      }
    }
    double total = (t[0] + t[1] + t[2]) / 1e9;
    System.out.printf(Locale.ROOT, "timed: %d particles (%d quantified and classified by rules)"
        + " in %.3f s: detection %.3f s, BSE screening inference %.3f s, quantification + rules +"
        + " cleanliness report %.3f s%n", particles, classified, total, t[0] / 1e9, t[1] / 1e9,
        t[2] / 1e9);
    System.out.printf(Locale.ROOT, "THROUGHPUT %.0f particles/hour (target >= 100000)%n",
        particles / total * 3600);
  }
}
