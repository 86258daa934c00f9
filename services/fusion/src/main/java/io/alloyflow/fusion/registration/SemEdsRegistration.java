package io.alloyflow.fusion.registration;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers a SEM (BSE) image to an EDS spectrum image.
 *
 * <ol>
 *   <li><b>Initial transform from metadata</b>: the scale is the ratio of the pixel sizes (when
 *       one is unknown, equal fields of view are assumed and the result says so); the centres of
 *       the two fields coincide.
 *   <li><b>Similarity measure</b>: the BSE image is box-averaged over the footprint of one EDS
 *       pixel and sampled at each EDS pixel centre through the candidate transform; the measure
 *       is the adjusted R^2 of the least-squares fit of these values by an affine function of the
 *       EDS proxies ({@link EdsProxy}: total counts and leading Poisson-scaled PCA scores). With
 *       one proxy this is the squared normalised cross-correlation; with several it is the
 *       multiple correlation, which makes no assumption on the sign or mix of the Z contrast
 *       (a correlation-ratio-like criterion in the spirit of Roche et al., "The correlation
 *       ratio as a new similarity measure for multimodal image registration", MICCAI 1998).
 *   <li><b>Translation search</b>: exhaustive over shifts up to {@link Options#maxShiftFraction}
 *       of the field on a half-EDS-pixel grid (the exhaustive equivalent of phase correlation,
 *       Kuglin and Hines 1975, that also handles partial overlap and contrast inversion), with
 *       the ratio of the second-best to the best local maximum kept as an ambiguity measure.
 *   <li><b>Affine refinement</b>: Nelder-Mead (1965) over the six affine parameters,
 *       parameterised by the displacements of three corners of the EDS field in EDS pixels,
 *       started from the search peak rotated by 0, +-1.5 and +-3 degrees about the field centre
 *       (a zero-rotation start alone can settle on a shallow optimum at too small a rotation);
 *       the best of the five is kept.
 *   <li><b>Reliability</b>: two error terms added in quadrature. Noise: the refinement is
 *       repeated from the optimum on two independent halves of the counts (even and odd energy
 *       channels, BSE checkerboard parities), half their RMS disagreement (inflated, see {@link
 *       #SPLIT_HALF_INFLATION}) estimates the noise-driven error. Conditioning: the largest
 *       distance between the chosen optimum and the restarts that end inside its 95 %
 *       likelihood-ratio confidence region (equally supported by the data: a flat,
 *       ill-conditioned objective). The result is flagged unreliable when the counts are too few, the fit
 *       explains too little of the BSE signal (flat field), the translation optimum is
 *       ambiguous (periodic field), the overlap is too small, the fitted scale departs from the
 *       metadata, or the estimated error is too large.
 * </ol>
 */
public final class SemEdsRegistration {

  /** Algorithm name for provenance. */
  public static final String NAME = "sem-eds-registration";
  /** Algorithm version for provenance. */
  public static final String VERSION = "1.1";
  /** Literature reference for provenance. */
  public static final String REFERENCE = "Nelder and Mead 1965, Comput. J. 7:308; Keenan and"
      + " Kotula 2004, Surf. Interface Anal. 36:203; Roche et al. 1998, MICCAI (correlation"
      + " ratio); Kuglin and Hines 1975 (phase correlation)";

  /**
   * Options.
   *
   * @param components principal components used as proxies besides total counts
   * @param maxShiftFraction largest shift searched, as a fraction of the EDS field per axis
   * @param minOverlap smallest fraction of EDS pixels whose footprint must lie inside the SEM
   * @param minMeanCounts reliability: least mean counts per EDS pixel
   * @param minR2 reliability: least adjusted R^2 of the BSE fit
   * @param maxPeakRatio reliability: largest ratio of second-best to best translation optimum
   * @param maxErrorPx reliability: largest estimated RMS error (EDS pixels)
   * @param maxScaleDeparture reliability: largest relative departure of the fitted scale from
   *     the metadata scale
   */
  public record Options(int components, double maxShiftFraction, double minOverlap,
      double minMeanCounts, double minR2, double maxPeakRatio, double maxErrorPx,
      double maxScaleDeparture) {

    public Options {
      if (components < 1 || components > 16) {
        throw new IllegalArgumentException("components must be 1..16, found " + components);
      }
      if (!(maxShiftFraction >= 0 && maxShiftFraction <= 0.5)) {
        throw new IllegalArgumentException(
            "maxShiftFraction must be in [0, 0.5], found " + maxShiftFraction);
      }
      if (!(minOverlap > 0 && minOverlap <= 1)) {
        throw new IllegalArgumentException("minOverlap must be in (0, 1], found " + minOverlap);
      }
    }

    /** Defaults: 5 components, shifts up to 30 % of the field, 50 % least overlap. */
    public static Options defaults() {
      return new Options(5, 0.3, 0.5, 30, 0.15, 0.85, 0.3, 0.1);
    }
  }

  private SemEdsRegistration() {}

  /**
   * Registers the images.
   *
   * @param sem the SEM image (its pixel size, when known, sets the initial scale)
   * @param si the spectrum image (its pixel size, when known, sets the initial scale)
   */
  public static RegistrationResult register(Micrograph sem, SpectrumImage si, Options o) {
    List<String> reasons = new ArrayList<>();
    String note = null;
    int w = si.width();
    int h = si.height();
    double s0; // SEM pixels per EDS pixel
    boolean fromMetadata = sem.hasPixelSize() && Double.isFinite(si.pixelSizeM())
        && si.pixelSizeM() > 0;
    if (fromMetadata) {
      s0 = si.pixelSizeM() / sem.pixelSizeM();
    } else {
      s0 = Math.min(sem.width() / (double) w, sem.height() / (double) h);
      note = "pixel size unknown: equal fields of view assumed";
    }
    double fieldW = w * s0;
    double fieldH = h * s0;
    if (fieldW > 4 * sem.width() || fieldH > 4 * sem.height() || fieldW < sem.width() / 8.0
        || fieldH < sem.height() / 8.0) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "incompatible fields: the EDS map covers %.1f x %.1f SEM pixels but the SEM image is"
              + " %d x %d; expected fields within a factor of 4 (check the pixel sizes)",
          fieldW, fieldH, sem.width(), sem.height()));
    }
    if (s0 < 1) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "EDS pixel (%.3g m) is smaller than the SEM pixel (%.3g m): expected a SEM image at"
              + " least as fine as the EDS map", si.pixelSizeM(), sem.pixelSizeM()));
    }
    Objective full = new Objective(sem, EdsProxy.of(si, o.components(), EdsProxy.Channels.ALL),
        s0, o.minOverlap());
    // initial: centres coincide
    double tx0 = sem.width() / 2.0 - s0 * w / 2.0;
    double ty0 = sem.height() / 2.0 - s0 * h / 2.0;
    // exhaustive translation search on a half-pixel grid
    int range = (int) Math.ceil(2 * o.maxShiftFraction() * Math.max(w, h));
    int side = 2 * range + 1;
    double[] surf = new double[side * side];
    double best = Double.NEGATIVE_INFINITY;
    int bi = range;
    int bj = range;
    for (int j = 0; j < side; j++) {
      for (int i = 0; i < side; i++) {
        double du = (i - range) * 0.5;
        double dv = (j - range) * 0.5;
        if (Math.abs(du) > o.maxShiftFraction() * w || Math.abs(dv) > o.maxShiftFraction() * h) {
          surf[j * side + i] = Double.NaN;
          continue;
        }
        AffineTransform2D t = new AffineTransform2D(s0, 0, tx0 + du * s0, 0, s0, ty0 + dv * s0);
        double r2 = full.r2(t);
        surf[j * side + i] = r2;
        if (r2 > best) {
          best = r2;
          bi = i;
          bj = j;
        }
      }
    }
    double second = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < side; j++) {
      for (int i = 0; i < side; i++) {
        double v = surf[j * side + i];
        if (Double.isNaN(v) || Math.hypot(i - bi, j - bj) < 4) {
          continue;
        }
        boolean max = true;
        for (int dj = -1; dj <= 1 && max; dj++) {
          for (int di = -1; di <= 1; di++) {
            int ii = i + di;
            int jj = j + dj;
            if ((di != 0 || dj != 0) && ii >= 0 && jj >= 0 && ii < side && jj < side
                && surf[jj * side + ii] > v) {
              max = false;
              break;
            }
          }
        }
        if (max) {
          second = Math.max(second, v);
        }
      }
    }
    double peakRatio = best > 0 ? Math.max(0, second) / best : 1;
    AffineTransform2D start = new AffineTransform2D(s0, 0, tx0 + (bi - range) * 0.5 * s0, 0, s0,
        ty0 + (bj - range) * 0.5 * s0);
    // multi-start refinement: the translation search assumes no rotation, and from a zero-rotation
    // start Nelder-Mead can settle on a shallow optimum at too small a rotation; restarts rotated
    // about the field centre reach the deeper one, and their agreement is a quality metric
    List<Refined> runs = new ArrayList<>();
    List<AffineTransform2D> starts = new ArrayList<>();
    for (double th : ROTATION_STARTS_DEG) {
      starts.add(rotateAbout(start, th, w / 2.0, h / 2.0));
      runs.add(refine(full, starts.get(starts.size() - 1), w, h, s0, 0.5));
    }
    int bestRun = 0;
    for (int i = 1; i < runs.size(); i++) {
      if (runs.get(i).r2 > runs.get(bestRun).r2) {
        bestRun = i;
      }
    }
    Refined r = runs.get(bestRun);
    AffineTransform2D edsToSem = r.t;
    // split-half consistency: two independent Poisson halves of the counts (even and odd
    // channels; BSE checkerboard parities), each refined from the full-data optimum
    double split = Double.NaN;
    if (si.channels() >= 16) {
      Objective even = new Objective(sem,
          EdsProxy.of(si, o.components(), EdsProxy.Channels.EVEN), s0, o.minOverlap(), 0);
      Objective odd = new Objective(sem,
          EdsProxy.of(si, o.components(), EdsProxy.Channels.ODD), s0, o.minOverlap(), 1);
      AffineTransform2D ta = refine(even, r.t, w, h, s0, 0.25).t;
      AffineTransform2D tb = refine(odd, r.t, w, h, s0, 0.25).t;
      split = ta.rmsDifference(tb, w, h) / s0;
    }
    double[] fitted = new double[1];
    Objective.Sampled sampled = full.sample(edsToSem, fitted);
    // restart agreement: the restarts whose optimum lies inside the 95 % likelihood-ratio
    // confidence region of the best (SSE increase <= chi2(0.95, 6) residual variances, i.e.
    // R^2 within chi2 (1 - R^2) / n; Seber and Wild, Nonlinear Regression, 1989, 5.2) are
    // equally supported by the data; their largest distance from the chosen optimum measures how
    // flat (ill-conditioned) the objective is around it
    double nFit = Math.max(1, sampled.overlap * w * h);
    double tolerance = CHI2_95_6 * Math.max(0, 1 - r.r2) / nFit;
    double spread = 0;
    int agreeing = 0;
    for (Refined x : runs) {
      if (r.r2 - x.r2 <= tolerance) {
        agreeing++;
        spread = Math.max(spread, x.t.rmsDifference(r.t, w, h) / s0);
      }
    }
    // noise term (half the split-half disagreement, inflated by SPLIT_HALF_INFLATION because
    // halves started at the optimum under-spread) and landscape term added in quadrature
    double estError = Double.isNaN(split) ? spread
        : Math.hypot(SPLIT_HALF_INFLATION * split / 2, spread);
    double r2 = fitted[0];
    AffineTransform2D semToEds = edsToSem.inverse();
    double scale = edsToSem.scale();
    Map<String, Double> q = new LinkedHashMap<>();
    q.put("adjustedR2", r2);
    q.put("searchPeakR2", best);
    q.put("peakRatio", peakRatio);
    q.put("meanCountsPerPixel", full.proxy.meanCounts());
    q.put("overlapFraction", sampled.overlap);
    q.put("splitHalfRmsPx", split);
    q.put("restartSpreadPx", spread);
    q.put("restartsAgreeing", (double) agreeing);
    q.put("restarts", (double) runs.size());
    q.put("restartR2Tolerance", tolerance);
    q.put("estimatedErrorPx", estError);
    q.put("metadataScaleSemPxPerEdsPx", s0);
    q.put("fittedScaleSemPxPerEdsPx", scale);
    q.put("rotationDeg", edsToSem.rotationDeg());
    q.put("pixelSizeFromMetadata", fromMetadata ? 1.0 : 0.0);
    q.put("evaluations", (double) r.evaluations);
    if (full.proxy.meanCounts() < o.minMeanCounts()) {
      reasons.add(String.format(java.util.Locale.ROOT,
          "too few counts: %.1f per EDS pixel (need >= %.0f)", full.proxy.meanCounts(),
          o.minMeanCounts()));
    }
    if (!(r2 >= o.minR2())) {
      reasons.add(String.format(java.util.Locale.ROOT,
          "flat or uncorrelated field: the EDS proxies explain R2 = %.3f of the BSE signal"
              + " (need >= %.2f)", r2, o.minR2()));
    }
    if (peakRatio > o.maxPeakRatio()) {
      reasons.add(String.format(java.util.Locale.ROOT,
          "ambiguous (periodic?) field: a second translation optimum reaches %.0f %% of the"
              + " best (limit %.0f %%)", 100 * peakRatio, 100 * o.maxPeakRatio()));
    }
    if (sampled.overlap < o.minOverlap()) {
      reasons.add(String.format(java.util.Locale.ROOT,
          "overlap too small: %.0f %% of the EDS pixels lie inside the SEM image",
          100 * sampled.overlap));
    }
    if (Math.abs(scale / s0 - 1) > o.maxScaleDeparture()) {
      reasons.add(String.format(java.util.Locale.ROOT,
          "fitted scale %.3f departs %.0f %% from the metadata scale %.3f", scale,
          100 * Math.abs(scale / s0 - 1), s0));
    }
    if (!(estError <= o.maxErrorPx())) {
      reasons.add(String.format(java.util.Locale.ROOT,
          "estimated error %.2f EDS pixels (limit %.2f): split-half disagreement %.2f px,"
              + " spread of equally good restarts %.2f px", estError, o.maxErrorPx(),
          split, spread));
    }
    boolean reliable = reasons.isEmpty();
    String reason = reasons.isEmpty() ? "ok" : String.join("; ", reasons);
    if (note != null) {
      reason = reason + " (" + note + ")";
    }
    return new RegistrationResult(semToEds, estError, q, reliable, reason, sampled.bse,
        sampled.fit, w, h);
  }

  /** Rotations (deg) of the refinement starts about the field centre; the first is the search peak. */
  private static final double[] ROTATION_STARTS_DEG = {0, -1.5, 1.5, -3, 3};

  /** 95 % quantile of chi-square with 6 degrees of freedom (the six affine parameters). */
  static final double CHI2_95_6 = 12.59;

  /**
   * Inflation of the split-half error estimate: halves refined from the full-data optimum
   * under-spread (calibration seeds 3000-3032, never the held-out 1000-1099: true error / half
   * the split-half disagreement has a median near 2).
   */
  static final double SPLIT_HALF_INFLATION = 2.0;

  private record Refined(AffineTransform2D t, double r2, int evaluations) {}

  /** The start rotated by {@code deg} about the image of the EDS point (cu, cv). */
  static AffineTransform2D rotateAbout(AffineTransform2D t, double deg, double cu, double cv) {
    if (deg == 0) {
      return t;
    }
    double[] c = t.apply(cu, cv);
    double th = Math.toRadians(deg);
    double co = Math.cos(th);
    double si = Math.sin(th);
    double a = co * t.a() - si * t.c();
    double b = co * t.b() - si * t.d();
    double cc = si * t.a() + co * t.c();
    double d = si * t.b() + co * t.d();
    double tx = co * (t.tx() - c[0]) - si * (t.ty() - c[1]) + c[0];
    double ty = si * (t.tx() - c[0]) + co * (t.ty() - c[1]) + c[1];
    return new AffineTransform2D(a, b, tx, cc, d, ty);
  }

  private static Refined refine(Objective f, AffineTransform2D start, int w, int h, double s0,
      double step) {
    // parameters: displacements (EDS px) of the images of EDS corners (0,0), (w,0), (0,h)
    double[] p0 = start.apply(0, 0);
    double[] p1 = start.apply(w, 0);
    double[] p2 = start.apply(0, h);
    java.util.function.Function<double[], AffineTransform2D> build = d -> {
      double x0 = p0[0] + d[0] * s0;
      double y0 = p0[1] + d[1] * s0;
      double x1 = p1[0] + d[2] * s0;
      double y1 = p1[1] + d[3] * s0;
      double x2 = p2[0] + d[4] * s0;
      double y2 = p2[1] + d[5] * s0;
      return new AffineTransform2D((x1 - x0) / w, (x2 - x0) / h, x0, (y1 - y0) / w,
          (y2 - y0) / h, y0);
    };
    java.util.function.ToDoubleFunction<double[]> obj = d -> {
      try {
        return -f.r2(build.apply(d));
      } catch (IllegalArgumentException e) {
        return 10;
      }
    };
    // stage 1: translation only; stage 2: full affine, restarted twice from its optimum
    java.util.function.ToDoubleFunction<double[]> shift = d -> obj.applyAsDouble(
        new double[] {d[0], d[1], d[0], d[1], d[0], d[1]});
    NelderMead.Result t = NelderMead.minimize(shift, new double[2], new double[] {step, step},
        2e-3, 400);
    double[] x = {t.x()[0], t.x()[1], t.x()[0], t.x()[1], t.x()[0], t.x()[1]};
    double fx = t.value();
    int evals = t.evaluations();
    double[] steps = new double[6];
    for (double st : new double[] {step, step / 2, step / 4}) {
      java.util.Arrays.fill(steps, st);
      NelderMead.Result a = NelderMead.minimize(obj, x, steps, 1e-3, 2500);
      evals += a.evaluations();
      if (a.value() <= fx) {
        x = a.x();
        fx = a.value();
      }
    }
    return new Refined(build.apply(x), -fx, evals);
  }

  /** The similarity measure: adjusted R^2 of the BSE footprint means fitted by the proxies. */
  static final class Objective {
    final Micrograph sem;
    final EdsProxy proxy;
    final float[] boxed;
    final int k;
    final double minOverlap;

    Objective(Micrograph sem, EdsProxy proxy, double s0, double minOverlap) {
      this(sem, proxy, s0, minOverlap, -1);
    }

    /** parity 0 or 1: box averages over the SEM pixels with (x + y) % 2 == parity only. */
    Objective(Micrograph sem, EdsProxy proxy, double s0, double minOverlap, int parity) {
      this.sem = sem;
      this.proxy = proxy;
      this.k = Math.max(1, (int) Math.round(s0));
      this.boxed = box(sem.pixels(), sem.width(), sem.height(), k, parity);
      this.minOverlap = minOverlap;
    }

    record Sampled(float[] bse, float[] fit, double overlap) {}

    double r2(AffineTransform2D edsToSem) {
      return fit(edsToSem, null, null);
    }

    Sampled sample(AffineTransform2D edsToSem, double[] r2) {
      int n = proxy.width() * proxy.height();
      float[] b = new float[n];
      float[] fit = new float[n];
      r2[0] = fit(edsToSem, b, fit);
      int valid = 0;
      for (float v : b) {
        if (!Float.isNaN(v)) {
          valid++;
        }
      }
      return new Sampled(b, fit, valid / (double) n);
    }

    /** Adjusted R^2 (or -1 when the overlap is too small); optionally the samples and fit. */
    double fit(AffineTransform2D t, float[] outB, float[] outFit) {
      int w = proxy.width();
      int h = proxy.height();
      int m = proxy.count();
      int p = m + 1;
      double[] xtx = new double[p * p];
      double[] xty = new double[p];
      double syy = 0;
      double sy = 0;
      int n = 0;
      float[] f = proxy.features();
      int sw = sem.width();
      int sh = sem.height();
      double half = k / 2.0;
      double[] row = new double[p];
      for (int v = 0; v < h; v++) {
        for (int u = 0; u < w; u++) {
          double x = t.a() * (u + 0.5) + t.b() * (v + 0.5) + t.tx();
          double y = t.c() * (u + 0.5) + t.d() * (v + 0.5) + t.ty();
          int pix = v * w + u;
          if (x - half < 0 || y - half < 0 || x + half > sw || y + half > sh) {
            if (outB != null) {
              outB[pix] = Float.NaN;
            }
            continue;
          }
          double b = bilinear(boxed, sw, sh, k % 2 == 1 ? x - 0.5 : x, k % 2 == 1 ? y - 0.5 : y);
          if (outB != null) {
            outB[pix] = (float) b;
          }
          row[0] = 1;
          for (int j = 0; j < m; j++) {
            row[j + 1] = f[pix * m + j];
          }
          for (int i = 0; i < p; i++) {
            double ri = row[i];
            for (int j = i; j < p; j++) {
              xtx[i * p + j] += ri * row[j];
            }
            xty[i] += ri * b;
          }
          syy += b * b;
          sy += b;
          n++;
        }
      }
      if (n < minOverlap * w * h || n <= p + 2) {
        return -1;
      }
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < i; j++) {
          xtx[i * p + j] = xtx[j * p + i];
        }
        xtx[i * p + i] += 1e-9 * n;
      }
      double[] beta = solve(xtx, xty, p);
      double sst = syy - sy * sy / n;
      if (!(sst > 0)) {
        return 0;
      }
      double ssreg = 0;
      for (int i = 0; i < p; i++) {
        ssreg += beta[i] * xty[i];
      }
      double sse = Math.max(0, syy - ssreg);
      double r2 = 1 - sse / sst;
      double adj = 1 - (1 - r2) * (n - 1) / (n - p);
      if (outFit != null) {
        for (int pix = 0; pix < w * h; pix++) {
          double s = beta[0];
          for (int j = 0; j < m; j++) {
            s += beta[j + 1] * f[pix * m + j];
          }
          outFit[pix] = (float) s;
        }
      }
      return adj;
    }
  }

  /** Solves the symmetric positive definite system by Gaussian elimination with pivoting. */
  static double[] solve(double[] a0, double[] b0, int n) {
    double[] a = a0.clone();
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) {
          piv = r;
        }
      }
      if (piv != c) {
        for (int j = 0; j < n; j++) {
          double tmp = a[c * n + j];
          a[c * n + j] = a[piv * n + j];
          a[piv * n + j] = tmp;
        }
        double tmp = b[c];
        b[c] = b[piv];
        b[piv] = tmp;
      }
      double d = a[c * n + c];
      if (Math.abs(d) < 1e-300) {
        continue;
      }
      for (int r = c + 1; r < n; r++) {
        double fct = a[r * n + c] / d;
        if (fct == 0) {
          continue;
        }
        for (int j = c; j < n; j++) {
          a[r * n + j] -= fct * a[c * n + j];
        }
        b[r] -= fct * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int j = r + 1; j < n; j++) {
        s -= a[r * n + j] * x[j];
      }
      double d = a[r * n + r];
      x[r] = Math.abs(d) < 1e-300 ? 0 : s / d;
    }
    return x;
  }

  /**
   * Box average of width k via integral images: the value at index i averages the pixels
   * {@code [i - k/2, i - k/2 + k)}, i.e. it is centred at continuous coordinate i + 0.5 for odd k
   * and i for even k. With parity 0 or 1 only pixels with {@code (x + y) % 2 == parity} enter
   * (two independent half samples of the shot noise); -1 uses all pixels.
   */
  static float[] box(float[] img, int w, int h, int k, int parity) {
    double[] ii = new double[(w + 1) * (h + 1)];
    double[] cc = new double[(w + 1) * (h + 1)];
    for (int y = 0; y < h; y++) {
      double rs = 0;
      double rc = 0;
      for (int x = 0; x < w; x++) {
        if (parity < 0 || (x + y) % 2 == parity) {
          rs += img[y * w + x];
          rc++;
        }
        ii[(y + 1) * (w + 1) + x + 1] = ii[y * (w + 1) + x + 1] + rs;
        cc[(y + 1) * (w + 1) + x + 1] = cc[y * (w + 1) + x + 1] + rc;
      }
    }
    float[] out = new float[w * h];
    int lo = k / 2;
    int hi = k - lo;
    for (int y = 0; y < h; y++) {
      int y0 = Math.max(0, y - lo);
      int y1 = Math.min(h, y + hi);
      for (int x = 0; x < w; x++) {
        int x0 = Math.max(0, x - lo);
        int x1 = Math.min(w, x + hi);
        double s = ii[y1 * (w + 1) + x1] - ii[y0 * (w + 1) + x1] - ii[y1 * (w + 1) + x0]
            + ii[y0 * (w + 1) + x0];
        double c = cc[y1 * (w + 1) + x1] - cc[y0 * (w + 1) + x1] - cc[y1 * (w + 1) + x0]
            + cc[y0 * (w + 1) + x0];
        out[y * w + x] = (float) (c > 0 ? s / c : 0);
      }
    }
    return out;
  }

  /**
   * Bilinear interpolation of a row-major {@code w x h} image at index coordinates (pixel centres
   * at integers), clamped to the image; shared by the registration and the fused feature stacks.
   */
  public static double bilinear(float[] img, int w, int h, double x, double y) {
    x = Math.max(0, Math.min(w - 1.000001, x));
    y = Math.max(0, Math.min(h - 1.000001, y));
    int x0 = (int) x;
    int y0 = (int) y;
    double fx = x - x0;
    double fy = y - y0;
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    return (img[y0 * w + x0] * (1 - fx) + img[y0 * w + x1] * fx) * (1 - fy)
        + (img[y1 * w + x0] * (1 - fx) + img[y1 * w + x1] * fx) * fy;
  }
}
