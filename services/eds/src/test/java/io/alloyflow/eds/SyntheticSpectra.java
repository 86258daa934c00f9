package io.alloyflow.eds;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import io.alloyflow.eds.peaks.DetectorResolution;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Test spectra with ground truth: Kramers continuum (absorbed at low energy) plus Gaussian line
 * families with xraylib weights, Poisson sampled.
 */
public final class SyntheticSpectra {
  private SyntheticSpectra() {}

  /** Expected counts for families (symbol -> net counts of its analytical family). */
  public static double[] expected(
      Map<String, Double> familyCounts, EnergyAxis axis, int n, double fwhmMn, double beamEv,
      double continuumScale) {
    DetectorResolution res = DetectorResolution.of(fwhmMn);
    double[] mu = new double[n];
    for (int c = 0; c < n; c++) {
      double e = axis.energyEv(c);
      if (e > 100 && e < beamEv) {
        double abs = Math.exp(-Math.pow(700.0 / e, 3));
        mu[c] = continuumScale * (beamEv - e) / e * abs;
      }
    }
    for (Map.Entry<String, Double> fc : familyCounts.entrySet()) {
      int z = XrayData.z(fc.getKey());
      Family f = XrayData.analyticalFamily(z, beamEv);
      List<XrayLine> lines = XrayData.family(z, f);
      double wsum = 0;
      for (XrayLine l : lines) {
        if (l.energyEv() < beamEv && l.weight() >= 0.005) {
          wsum += l.weight();
        }
      }
      for (XrayLine l : lines) {
        if (l.energyEv() >= beamEv || l.weight() < 0.005) {
          continue;
        }
        double area = fc.getValue() * l.weight() / wsum;
        double sigma = res.sigmaEv(l.energyEv());
        for (int c = 0; c < n; c++) {
          double d = (axis.energyEv(c) - l.energyEv()) / sigma;
          if (Math.abs(d) < 6) {
            mu[c] += area * axis.gainEvPerChannel() / (sigma * Math.sqrt(2 * Math.PI))
                * Math.exp(-0.5 * d * d);
          }
        }
      }
    }
    return mu;
  }

  /** Poisson sample of expected counts. */
  public static double[] poisson(double[] mu, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[mu.length];
    for (int i = 0; i < mu.length; i++) {
      out[i] = poisson(mu[i], r);
    }
    return out;
  }

  /** One Poisson variate (Knuth for small means, normal approximation above 50). */
  public static double poisson(double m, SplittableRandom r) {
    if (m <= 0) {
      return 0;
    }
    if (m > 50) {
      double u1 = r.nextDouble();
      double u2 = r.nextDouble();
      double g = Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
      return Math.max(0, Math.round(m + Math.sqrt(m) * g));
    }
    double l = Math.exp(-m);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** A spectrum with the given counts and conditions. */
  public static Spectrum spectrum(double[] counts, EnergyAxis axis, double beamKeV, double lt,
      double pc, String title) {
    return new Spectrum(counts, axis, lt, lt * 1.2, beamKeV, 35, pc, title, Map.of());
  }
}
