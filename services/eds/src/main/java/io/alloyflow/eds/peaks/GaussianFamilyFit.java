package io.alloyflow.eds.peaks;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Linear least-squares fit of Gaussian line families to a background-subtracted spectrum. Each
 * family contributes sum_l w_l G(E; E_l, sigma(E_l)) with relative weights w_l from xraylib
 * radiative rates ({@link XrayData}) and widths from the Fano-limited resolution model of {@link
 * DetectorResolution}; the amplitudes (net counts of each family) are linear parameters fitted with
 * Poisson weights 1/max(gross counts, 1). The detector resolution can be fitted too, by a golden
 * section search on the FWHM at Mn Ka minimising chi^2 (the amplitudes being re-solved at each
 * step).
 */
public final class GaussianFamilyFit {
  private GaussianFamilyFit() {}

  /** A family to fit. */
  public record Term(int z, Family family) {
    /** Label, e.g. {@code Fe K}. */
    public String label() {
      return XrayData.symbol(z) + " " + family;
    }
  }

  /**
   * Fitted family.
   *
   * @param term the family
   * @param netCounts fitted net counts (area of the whole family)
   * @param netCountsSigma 1-sigma from the fit covariance
   */
  public record Fitted(Term term, double netCounts, double netCountsSigma) {}

  /** Result: fitted families, resolution and reduced chi^2. */
  public record Result(List<Fitted> terms, DetectorResolution resolution, double reducedChiSquare) {}

  /**
   * Fits families to a net spectrum.
   *
   * @param net background-subtracted counts
   * @param gross gross counts (for Poisson weights)
   * @param axis energy axis
   * @param beamEv beam energy (lines above are ignored)
   * @param terms families to fit
   * @param res detector resolution
   */
  public static Result fit(
      double[] net, double[] gross, EnergyAxis axis, double beamEv, List<Term> terms,
      DetectorResolution res) {
    int n = net.length;
    int p = terms.size();
    double[][] design = new double[p][];
    boolean[] used = new boolean[n];
    for (int j = 0; j < p; j++) {
      design[j] = column(terms.get(j), axis, n, beamEv, res, used);
    }
    double[] w = new double[n];
    int dof = -p;
    for (int c = 0; c < n; c++) {
      if (used[c]) {
        w[c] = 1.0 / Math.max(gross[c], 1.0);
        dof++;
      }
    }
    Lls.Solution sol = Lls.solve(design, net, w);
    double chi2 = 0;
    for (int c = 0; c < n; c++) {
      if (w[c] > 0) {
        double m = 0;
        for (int j = 0; j < p; j++) {
          m += sol.coefficients()[j] * design[j][c];
        }
        chi2 += (net[c] - m) * (net[c] - m) * w[c];
      }
    }
    List<Fitted> out = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      out.add(new Fitted(terms.get(j), sol.coefficients()[j],
          Math.sqrt(Math.max(sol.covariance()[j][j], 0))));
    }
    return new Result(out, res, chi2 / Math.max(dof, 1));
  }

  /**
   * Model counts of one family with unit net counts (channel profile), marking the channels within
   * 2.5 sigma of its lines with weight >= 0.05 in {@code used} (may be null).
   */
  public static double[] column(
      Term t, EnergyAxis axis, int n, double beamEv, DetectorResolution res, boolean[] used) {
    double[] col = new double[n];
    double wsum = 0;
    List<XrayLine> lines = new ArrayList<>();
    for (XrayLine l : XrayData.family(t.z(), t.family())) {
      if (l.energyEv() < beamEv && l.weight() >= 0.005) {
        lines.add(l);
        wsum += l.weight();
      }
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("family " + t.label() + " has no line below the beam energy");
    }
    for (XrayLine l : lines) {
      double sigma = res.sigmaEv(l.energyEv());
      double amp = l.weight() / wsum * axis.gainEvPerChannel() / (sigma * Math.sqrt(2 * Math.PI));
      int lo = Math.max(0, (int) Math.floor(axis.channel(l.energyEv() - 3.5 * sigma)));
      int hi = Math.min(n - 1, (int) Math.ceil(axis.channel(l.energyEv() + 3.5 * sigma)));
      for (int c = lo; c <= hi; c++) {
        double d = (axis.energyEv(c) - l.energyEv()) / sigma;
        col[c] += amp * Math.exp(-0.5 * d * d);
        if (used != null && l.weight() >= 0.05 && Math.abs(d) < 2.5) {
          used[c] = true;
        }
      }
    }
    return col;
  }

  /** Model counts of fitted families. */
  public static double[] model(Result r, EnergyAxis axis, int n, double beamEv) {
    double[] m = new double[n];
    for (Fitted f : r.terms()) {
      double[] col = column(f.term(), axis, n, beamEv, r.resolution(), null);
      for (int c = 0; c < n; c++) {
        m[c] += f.netCounts() * col[c];
      }
    }
    return m;
  }

  /** As {@link #fit} with the FWHM at Mn Ka fitted in [lo, hi] eV by golden-section search. */
  public static Result fitWithResolution(
      double[] net, double[] gross, EnergyAxis axis, double beamEv, List<Term> terms,
      double lo, double hi) {
    double g = (Math.sqrt(5) - 1) / 2;
    double a = lo;
    double b = hi;
    double x1 = b - g * (b - a);
    double x2 = a + g * (b - a);
    double f1 = fit(net, gross, axis, beamEv, terms, DetectorResolution.of(x1)).reducedChiSquare();
    double f2 = fit(net, gross, axis, beamEv, terms, DetectorResolution.of(x2)).reducedChiSquare();
    for (int it = 0; it < 30 && b - a > 0.2; it++) {
      if (f1 < f2) {
        b = x2;
        x2 = x1;
        f2 = f1;
        x1 = b - g * (b - a);
        f1 = fit(net, gross, axis, beamEv, terms, DetectorResolution.of(x1)).reducedChiSquare();
      } else {
        a = x1;
        x1 = x2;
        f1 = f2;
        x2 = a + g * (b - a);
        f2 = fit(net, gross, axis, beamEv, terms, DetectorResolution.of(x2)).reducedChiSquare();
      }
    }
    return fit(net, gross, axis, beamEv, terms, DetectorResolution.of(0.5 * (a + b)));
  }
}
