package io.alloyflow.eds.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.SyntheticSpectra;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A drifting session is brought onto one axis; counts are conserved; dose normalisation. */
class DriftCorrectionTest {
  @Test
  void sessionDriftIsRemoved() {
    EnergyAxis nominal = new EnergyAxis(0, 10);
    List<Spectrum> session = new ArrayList<>();
    double[] drift = {0, 15, -20};
    for (int i = 0; i < 3; i++) {
      // the detector drifts: true axis shifted by drift[i] eV, gain by 0.1 % per step
      EnergyAxis truth = new EnergyAxis(drift[i], 10 * (1 + 0.001 * i));
      double[] mu = SyntheticSpectra.expected(Map.of("Fe", 3e5, "Si", 1e5, "Cr", 8e4), truth,
          2048, 130, 20000, 30);
      session.add(SyntheticSpectra.spectrum(SyntheticSpectra.poisson(mu, i), nominal, 20, 60,
          1 + 0.1 * i, "s" + i));
    }
    DriftCorrection.Result r = DriftCorrection.correct(session, nominal);
    for (int i = 0; i < 3; i++) {
      EnergyCalibrator.Calibration c = r.calibrations().get(i);
      assertTrue(c.fitted(), "spectrum " + i + " calibrated: " + c.peaksUsed());
      assertEquals(drift[i], c.offsetEv(), 4, "offset of " + i + " gain " + c.gainEv() + " " + c.peaksUsed());
      assertEquals(session.get(i).totalCounts(), r.corrected().get(i).totalCounts(),
          1e-3 * session.get(i).totalCounts(), "counts conserved");
      // the Fe Ka peak maximum now sits in the same channel
      int peak = argmax(r.corrected().get(i).counts(), 600, 680);
      assertEquals((int) Math.round(nominal.channel(6404)), peak, 1, "Fe Ka channel of " + i);
    }
    double[] perDose = Normalization.perDose(session.get(2));
    assertEquals(session.get(2).counts()[640] / (60 * 1.2), perDose[640], 1e-9);
  }

  static int argmax(double[] v, int lo, int hi) {
    int best = lo;
    for (int i = lo; i <= hi; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
