package io.alloyflow.eds.peaks;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.background.Snip;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DTSA-II-style filter fit of an unknown spectrum against reference spectra (Schamber 1977;
 * Statham 1977; as implemented in NIST DTSA-II by Ritchie). Unknown and references are filtered
 * with the same zero-sum top-hat ({@link TopHatFilter}), which removes the continuum; each
 * reference keeps only its element's regions of interest; the filtered unknown is then fitted as a
 * linear combination of the filtered references by weighted least squares, weights being the
 * inverse Poisson variance of the filtered unknown. The coefficient of a reference is the ratio of
 * the element's intensity in the unknown to that in the reference, in raw counts.
 */
public final class FilterFit {
  private FilterFit() {}

  /**
   * One fitted term.
   *
   * @param reference the reference
   * @param scale fitted coefficient (unknown counts / reference counts)
   * @param scaleSigma 1-sigma of the coefficient from the fit covariance
   * @param referenceNetCounts net counts of the family in the reference (ROI minus SNIP
   *     background)
   * @param referenceNetSigma counting sigma of referenceNetCounts
   */
  public record Term(
      FitReference reference,
      double scale,
      double scaleSigma,
      double referenceNetCounts,
      double referenceNetSigma) {
    /** Net counts attributed to this family in the unknown. */
    public double unknownNetCounts() {
      return scale * referenceNetCounts;
    }

    /** Counting sigma of {@link #unknownNetCounts()} (fit and reference statistics). */
    public double unknownNetSigma() {
      double r1 = scaleSigma / Math.max(Math.abs(scale), 1e-300);
      double r2 = referenceNetSigma / Math.max(referenceNetCounts, 1e-300);
      return Math.abs(unknownNetCounts()) * Math.sqrt(r1 * r1 + r2 * r2);
    }
  }

  /**
   * Result of a fit.
   *
   * @param terms one per reference, in input order
   * @param reducedChiSquare chi^2 / degrees of freedom over the fitted channels
   * @param filteredUnknown the filtered unknown spectrum
   * @param filteredFit the fitted filtered model
   */
  public record Result(
      List<Term> terms, double reducedChiSquare, double[] filteredUnknown, double[] filteredFit) {}

  /**
   * Filtered spectra and SNIP backgrounds of references, kept while their spectrum object lives
   * (standards are reused across many unknowns in batch quantification).
   */
  private static final Map<Spectrum, Map<String, double[]>> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static double[] cached(
      Spectrum s, double fwhm, String what, java.util.function.Supplier<double[]> f) {
    Map<String, double[]> m = CACHE.computeIfAbsent(s, k -> new ConcurrentHashMap<>());
    return m.computeIfAbsent(what + "@" + fwhm + "/" + s.axis(), k -> f.get());
  }

  /** Fits the unknown against the references. All spectra must share channel count and axis. */
  public static Result fit(Spectrum unknown, List<FitReference> refs, DetectorResolution res) {
    int n = unknown.channels();
    TopHatFilter filter = new TopHatFilter(unknown.axis(), n, res);
    double[] fu = filter.apply(unknown.counts());
    double[] var = filter.variance(unknown.counts());
    int p = refs.size();
    double[][] design = new double[p][];
    boolean[] used = new boolean[n];
    java.util.IdentityHashMap<Spectrum, double[]> filtered = new java.util.IdentityHashMap<>();
    for (int j = 0; j < p; j++) {
      FitReference r = refs.get(j);
      if (r.spectrum().channels() != n) {
        throw new IllegalArgumentException(
            "reference " + r.label() + " has " + r.spectrum().channels()
                + " channels, the unknown has " + n);
      }
      double[] fr = filtered.computeIfAbsent(r.spectrum(),
          s -> cached(s, res.fwhmEv(DetectorResolution.MN_KA_EV), "filtered",
              () -> filter.apply(s.counts())));
      double[] col = new double[n];
      for (int[] roi : r.rois()) {
        for (int c = roi[0]; c <= roi[1]; c++) {
          col[c] = fr[c];
          used[c] = true;
        }
      }
      design[j] = col;
    }
    double[] w = new double[n];
    int dof = -p;
    for (int c = 0; c < n; c++) {
      if (used[c] && Double.isFinite(var[c]) && var[c] > 0) {
        w[c] = 1.0 / var[c];
        dof++;
      }
    }
    Lls.Solution sol = Lls.solve(design, fu, w);
    double[] model = new double[n];
    for (int j = 0; j < p; j++) {
      for (int c = 0; c < n; c++) {
        model[c] += sol.coefficients()[j] * design[j][c];
      }
    }
    double chi2 = 0;
    for (int c = 0; c < n; c++) {
      if (w[c] > 0) {
        double d = fu[c] - model[c];
        chi2 += d * d * w[c];
      }
    }
    double red = chi2 / Math.max(dof, 1);
    List<Term> terms = new ArrayList<>();
    java.util.IdentityHashMap<Spectrum, double[]> bgs = new java.util.IdentityHashMap<>();
    for (int j = 0; j < p; j++) {
      FitReference r = refs.get(j);
      double[] bg =
          bgs.computeIfAbsent(r.spectrum(), s -> cached(s, res.fwhmEv(DetectorResolution.MN_KA_EV),
              "snip", () -> Snip.background(s.counts(), s.axis(), res)));
      double gross = 0;
      double back = 0;
      for (int[] roi : r.rois()) {
        for (int c = roi[0]; c <= roi[1]; c++) {
          gross += r.spectrum().counts()[c];
          back += bg[c];
        }
      }
      double net = gross - back;
      terms.add(
          new Term(
              r,
              sol.coefficients()[j],
              Math.sqrt(Math.max(sol.covariance()[j][j], 0)),
              net,
              Math.sqrt(gross + back)));
    }
    return new Result(List.copyOf(terms), red, fu, model);
  }
}
