package io.alloyflow.eds.background;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.peaks.DetectorResolution;
import java.util.Map;

/**
 * Physics-based continuum (bremsstrahlung) background fit. The generated continuum follows the
 * Kramers law as modified by Lifshin ("Solid state X-ray detectors", in Advances in X-ray
 * Analysis 17, 1974): I(E) = (E0 - E)/E (a + b (E0 - E)), linear in a and b. It is absorbed in
 * the specimen with the Philibert-Heinrich factor f(chi) = (1 + h) / ((1 + chi/sigma)(1 + h (1 +
 * chi/sigma))), chi = mu/rho(E) / sin(takeoff), sigma = 4.5e5 / (E0^1.65 - E^1.65) (E in keV),
 * h = 1.2 A/Z^2 (Philibert, X-ray Optics and Microanalysis 1963, 379; Heinrich 1967), and in the
 * detector window, modelled as a carbon-equivalent mass thickness w fitted by golden-section
 * search. Fitted only on channels free of peaks (where the spectrum does not exceed its SNIP
 * background by more than 2 sigma) between 0.3 keV and 0.95 E0.
 */
public final class ContinuumFit {
  private ContinuumFit() {}

  /**
   * Result.
   *
   * @param background fitted continuum per channel
   * @param a Kramers coefficient
   * @param b Lifshin coefficient
   * @param windowMassThickness fitted carbon-equivalent window mass thickness (g/cm^2)
   * @param reducedChiSquare over the fitted channels
   */
  public record Result(
      double[] background, double a, double b, double windowMassThickness,
      double reducedChiSquare) {}

  /**
   * Fits the continuum of a spectrum of known (or estimated) composition.
   *
   * @param s spectrum (beam energy and takeoff angle required)
   * @param composition symbol -> mass fraction
   * @param res detector resolution (for peak masking)
   */
  public static Result fit(Spectrum s, Map<String, Double> composition, DetectorResolution res) {
    if (!(s.beamEnergyKeV() > 0) || !(s.takeoffAngleDeg() > 0)) {
      throw new IllegalArgumentException(
          "continuum fit needs beam energy and takeoff angle in '" + s.title() + "'");
    }
    if (composition == null || composition.isEmpty()) {
      throw new IllegalArgumentException("continuum fit needs a composition");
    }
    int n = s.channels();
    double e0 = s.beamEnergyKeV();
    double sin = Math.sin(Math.toRadians(s.takeoffAngleDeg()));
    int m = composition.size();
    int[] z = new int[m];
    double[] c = new double[m];
    int i = 0;
    double sumc = 0;
    for (Map.Entry<String, Double> e : composition.entrySet()) {
      z[i] = XrayData.z(e.getKey());
      c[i] = e.getValue();
      sumc += c[i];
      i++;
    }
    double aMean = 0;
    double zMean = 0;
    for (int k = 0; k < m; k++) {
      aMean += c[k] / sumc * XrayData.atomicWeight(z[k]);
      zMean += c[k] / sumc * z[k];
    }
    double h = 1.2 * aMean / (zMean * zMean);
    double[] bg = Snip.background(s.counts(), s.axis(), res, 2.0);
    boolean[] use = new boolean[n];
    double[] shape = new double[n];
    double[] macC = new double[n];
    for (int ch = 0; ch < n; ch++) {
      double ev = s.axis().energyEv(ch);
      double ek = ev / 1000;
      if (ev < 300 || ek > 0.95 * e0) {
        continue;
      }
      double y = s.counts()[ch];
      use[ch] = y - bg[ch] < 2 * Math.sqrt(Math.max(bg[ch], 1));
      double mac = 0;
      for (int k = 0; k < m; k++) {
        mac += c[k] / sumc * XrayData.massAttenuation(z[k], ev);
      }
      double chi = mac / sin;
      double sigma = 4.5e5 / (Math.pow(e0, 1.65) - Math.pow(ek, 1.65));
      double f = (1 + h) / ((1 + chi / sigma) * (1 + h * (1 + chi / sigma)));
      shape[ch] = f;
      macC[ch] = XrayData.massAttenuation(6, ev);
    }
    // golden-section search on the window mass thickness
    double lo = 0;
    double hi = 1e-3;
    double g = (Math.sqrt(5) - 1) / 2;
    double x1 = hi - g * (hi - lo);
    double x2 = lo + g * (hi - lo);
    double[] r1 = solve(s, use, shape, macC, e0, x1);
    double[] r2 = solve(s, use, shape, macC, e0, x2);
    for (int it = 0; it < 40; it++) {
      if (r1[2] < r2[2]) {
        hi = x2;
        x2 = x1;
        r2 = r1;
        x1 = hi - g * (hi - lo);
        r1 = solve(s, use, shape, macC, e0, x1);
      } else {
        lo = x1;
        x1 = x2;
        r1 = r2;
        x2 = lo + g * (hi - lo);
        r2 = solve(s, use, shape, macC, e0, x2);
      }
    }
    double w = 0.5 * (lo + hi);
    double[] r = solve(s, use, shape, macC, e0, w);
    double[] out = new double[n];
    for (int ch = 0; ch < n; ch++) {
      out[ch] = model(s.axis().energyEv(ch) / 1000, e0, shape[ch], macC[ch], w, r[0], r[1]);
    }
    return new Result(out, r[0], r[1], w, r[2]);
  }

  private static double model(
      double ek, double e0, double f, double macC, double w, double a, double b) {
    if (f == 0 || ek >= e0 || ek <= 0) {
      return 0;
    }
    double k = (e0 - ek) / ek;
    return Math.max(0, f * Math.exp(-macC * w) * k * (a + b * (e0 - ek)));
  }

  /** Linear least squares for a, b at a window thickness; returns {a, b, reduced chi^2}. */
  private static double[] solve(
      Spectrum s, boolean[] use, double[] shape, double[] macC, double e0, double w) {
    double s11 = 0, s12 = 0, s22 = 0, t1 = 0, t2 = 0;
    int n = 0;
    for (int ch = 0; ch < use.length; ch++) {
      if (!use[ch]) {
        continue;
      }
      double ek = s.axis().energyEv(ch) / 1000;
      double base = shape[ch] * Math.exp(-macC[ch] * w) * (e0 - ek) / ek;
      double x1 = base;
      double x2 = base * (e0 - ek);
      double y = s.counts()[ch];
      double wt = 1 / Math.max(y, 1);
      s11 += wt * x1 * x1;
      s12 += wt * x1 * x2;
      s22 += wt * x2 * x2;
      t1 += wt * x1 * y;
      t2 += wt * x2 * y;
      n++;
    }
    double det = s11 * s22 - s12 * s12;
    if (n < 3 || Math.abs(det) < 1e-300) {
      return new double[] {0, 0, Double.POSITIVE_INFINITY};
    }
    double a = (t1 * s22 - t2 * s12) / det;
    double b = (s11 * t2 - s12 * t1) / det;
    double chi2 = 0;
    for (int ch = 0; ch < use.length; ch++) {
      if (!use[ch]) {
        continue;
      }
      double ek = s.axis().energyEv(ch) / 1000;
      double mdl = shape[ch] * Math.exp(-macC[ch] * w) * (e0 - ek) / ek * (a + b * (e0 - ek));
      double y = s.counts()[ch];
      chi2 += (y - mdl) * (y - mdl) / Math.max(y, 1);
    }
    return new double[] {a, b, chi2 / Math.max(n - 3, 1)};
  }
}
