package io.alloyflow.fusion.registration;

import io.alloyflow.synthetic.fusion.SemEdsPair;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Registration accuracy on held-out synthetic pairs (issue 12): {@code
 * -Dalloyflow.fusion.seeds=N} seeds from 1000, scale ratio 4x-20x, rotation up to 3 deg, shifts up
 * to 20 % of the field, 20 ms per EDS pixel. Prints one line per seed and the summary; run with
 * {@code bench/fusion/run_registration.sh}.
 */
@Tag("bench")
class RegistrationBenchmark {

  @Test
  void heldOutSeeds() {
    int seeds = Integer.getInteger("alloyflow.fusion.seeds", 100);
    int first = Integer.getInteger("alloyflow.fusion.firstSeed", 1000);
    double dwell = Double.parseDouble(System.getProperty("alloyflow.fusion.dwell", "0.02"));
    SemEdsPair.Params p = SemEdsPair.Params.registration().withDwell(dwell);
    int below = 0;
    int reliableBad = 0;
    int flagged = 0;
    int flaggedGood = 0;
    double[] errs = new double[seeds];
    System.out.println("seed ratio rotDeg errPx estPx splitHalfPx restartSpreadPx r2 peakRatio counts"
        + " reliable ms reason");
    for (int k = 0; k < seeds; k++) {
      long seed = first + k;
      SemEdsPair pair = SemEdsPair.aluminium(p, seed);
      long t0 = System.nanoTime();
      RegistrationResult r = SemEdsRegistration.register(pair.sem(), pair.spectrumImage(),
          SemEdsRegistration.Options.defaults());
      double ms = (System.nanoTime() - t0) / 1e6;
      AffineTransform2D truth = AffineTransform2D.of(pair.semToEds());
      double err = RegistrationAccuracy.rmsErrorEdsPx(truth, r.semToEds(), pair.sem().width(),
          pair.sem().height(), pair.spectrumImage().width(), pair.spectrumImage().height());
      errs[k] = err;
      if (err < 0.5) {
        below++;
      }
      if (!r.reliable()) {
        flagged++;
        if (err < 0.5) {
          flaggedGood++;
        }
      } else if (err >= 0.5) {
        reliableBad++;
      }
      System.out.printf(Locale.ROOT, "%d %.2f %.2f %.3f %.3f %.3f %.3f %.3f %.2f %.0f %s %.0fms"
          + " %s%n", seed, pair.edsToSem().scale(), pair.edsToSem().rotationDeg(), err,
          r.rmsResidualPx(), r.quality().get("splitHalfRmsPx"),
          r.quality().get("restartSpreadPx"), r.quality().get("adjustedR2"), r.quality().get("peakRatio"),
          r.quality().get("meanCountsPerPixel"), r.reliable(), ms, r.reason());
    }
    java.util.Arrays.sort(errs);
    System.out.printf(Locale.ROOT,
        "SUMMARY seeds=%d dwell=%.3fs below0.5px=%d (%.1f %%) medianErr=%.3f p95Err=%.3f"
            + " flagged=%d (of which error<0.5: %d) reliableButError>=0.5=%d%n",
        seeds, dwell, below, 100.0 * below / seeds, errs[seeds / 2],
        errs[(int) Math.min(seeds - 1, Math.floor(0.95 * seeds))], flagged, flaggedGood,
        reliableBad);
  }
}
