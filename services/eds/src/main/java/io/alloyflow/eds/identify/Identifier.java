package io.alloyflow.eds.identify;

import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.background.Snip;
import io.alloyflow.eds.calibration.ResolutionEstimator;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.peaks.GaussianFamilyFit;
import io.alloyflow.eds.peaks.PeakSearch;
import io.alloyflow.eds.peaks.TopHatFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic element identification. Peaks are found on the top-hat filtered spectrum ({@link
 * PeakSearch}); each peak, strongest first, is explained by the element line family whose
 * strongest line lies within tolerance and whose other lines are consistent with the spectrum
 * (e.g. K-beta/K-alpha ratio, L-beta next to L-alpha, an L family required when a candidate M
 * family's L shell is excited, a K family when an L family's K shell is); Si escape and
 * coincidence (sum) peaks of identified lines are recognised as artefacts. The chosen families are
 * then fitted jointly by Gaussian linear least squares ({@link GaussianFamilyFit}) with the
 * resolution refined, giving net counts and sigmas; families below 3 sigma are dropped. Confidence
 * combines significance, consistency and ambiguity; known overlaps ({@link Overlaps}) and
 * computed ones are flagged. Strategy after Statham ("Pitfalls and advances in EDS peak
 * identification", Microchim. Acta 2002) and Newbury (Scanning 31 (2009) 91).
 */
public final class Identifier {
  private Identifier() {}

  /**
   * Algorithm version (2.1: the pile-up column is the measured spectrum's self-convolution,
   * continuum included, instead of the fitted lines' alone).
   */
  public static final String VERSION = "2.1";

  /** Families identified with a lower confidence are not reported. */
  public static final double MIN_CONFIDENCE = 0.1;

  /** Residual peaks below this fraction of the filtered model there are model shape error. */
  public static final double RESIDUAL_MODEL_FRACTION = 0.2;

  /** The residual pass looks for hidden peaks above this energy (eV) only. */
  public static final double RESIDUAL_MIN_EV = 1000;

  private record Candidate(int z, Family family, XrayLine principal, double score) {}

  /** Identifies elements with default thresholds (peak significance 5). */
  public static Identification identify(Spectrum s) {
    return identify(s, 5.0);
  }

  /** Identifies elements; peaks below the significance threshold are ignored. */
  public static Identification identify(Spectrum s, double threshold) {
    return identify(s, threshold, List.of());
  }

  /**
   * Identifies elements; peaks below the significance threshold are ignored. Elements asked about
   * are accepted at the Currie decision level ({@link #ASKED_SIGNIFICANCE} sigma of their fitted
   * net counts) instead of the blind threshold, and each one not found gets a {@link
   * DetectionLimit}.
   *
   * @param s the spectrum
   * @param threshold significance a peak needs in the blind search
   * @param asked element symbols the analyst asks about (may be empty)
   */
  public static Identification identify(Spectrum s, double threshold, List<String> asked) {
    java.util.Set<Integer> askedZ = new java.util.LinkedHashSet<>();
    for (String a : asked) {
      askedZ.add(XrayData.z(a.strip()));
    }
    double beamEv = s.beamEnergyKeV() > 0 ? s.beamEnergyKeV() * 1000 : 20000;
    double fwhm0 = ResolutionEstimator.estimateMnKa(s, 130.0);
    DetectorResolution res = DetectorResolution.of(fwhm0);
    double[] counts = s.counts();
    List<PeakSearch.Peak> peaks = PeakSearch.find(counts, s.axis(), res, 150, threshold);
    TopHatFilter filter = new TopHatFilter(s.axis(), counts.length, res);
    double[] fs = filter.apply(counts);
    double[] var = filter.variance(counts);
    double maxEv = Math.min(beamEv, s.axis().energyEv(counts.length - 1));

    List<Candidate> chosen = new ArrayList<>();
    Map<String, String> ambiguity = new LinkedHashMap<>();
    pick(peaks, fs, var, s, res, beamEv, maxEv, chosen, ambiguity, true);
    // families that explain a peak of the spectrum itself; those found later (under neighbours'
    // lines or in the residual) must keep the blind search's evidence in the final fit
    java.util.Set<String> peakFamilies = new java.util.HashSet<>();
    chosen.forEach(c -> peakFamilies.add(key(c)));
    double[] bg = Snip.background(counts, s.axis(), res, 1.5);
    double[] net = new double[counts.length];
    for (int i = 0; i < net.length; i++) {
      net[i] = counts[i] - bg[i];
    }
    List<IdentifiedLine> out = new ArrayList<>();
    double fwhm = fwhm0;
    if (!chosen.isEmpty()) {
      List<GaussianFamilyFit.Term> terms = new ArrayList<>();
      for (Candidate c : chosen) {
        terms.add(new GaussianFamilyFit.Term(c.z(), c.family()));
      }
      GaussianFamilyFit.Result fit = GaussianFamilyFit.fitWithResolution(
          net, counts, s.axis(), beamEv, terms, Math.max(45, fwhm0 - 25), fwhm0 + 25);
      // second pass: peaks hidden under identified lines appear in the fit residual
      // (e.g. Mn Ka under Cr Kb); they are picked from the filtered residual and all refitted
      double[] residual = counts.clone();
      double[] model = GaussianFamilyFit.model(fit, s.axis(), counts.length, beamEv);
      for (int i = 0; i < residual.length; i++) {
        residual[i] = counts[i] - model[i];
      }
      double[] fr = filter.apply(residual);
      double[] fm = filter.apply(model);
      List<PeakSearch.Peak> hidden = new ArrayList<>();
      for (int i = 2; i < fr.length - 2; i++) {
        // a hidden peak must stand out from the model's own shape error (real peaks are not
        // exactly Gaussian: low-energy tails, unresolved satellites), taken as 20 % of the model;
        // below 1 keV incomplete charge collection distorts peaks too much for this test
        if (s.axis().energyEv(i) > RESIDUAL_MIN_EV && Double.isFinite(var[i]) && fr[i] > 0
            && fr[i] > RESIDUAL_MODEL_FRACTION * localAbsMax(fm, i, filter.halfWidth(i) * 2)
            && fr[i] >= fr[i - 1] && fr[i] > fr[i + 1] && fr[i] / Math.sqrt(var[i]) >= threshold) {
          hidden.add(new PeakSearch.Peak(i, s.axis().energyEv(i), fr[i], fr[i] / Math.sqrt(var[i])));
        }
      }
      hidden.sort((a, b) -> Double.compare(b.significance(), a.significance()));
      List<Candidate> before = List.copyOf(chosen);
      pick(hidden, fr, var, s, res, beamEv, maxEv, chosen, ambiguity, false);
      // third pass: whole-family, overlap-aware search of the residual (minor elements, and
      // families whose lines sit on neighbours' lines so that the peak-by-peak pass missed them)
      if (!chosen.equals(before)) {
        fit = refit(chosen, net, counts, s, beamEv, fwhm0);
      }
      before = List.copyOf(chosen);
      residualSearch(s, net, counts, chosen, fit.resolution(), beamEv, maxEv, threshold, askedZ);
      if (!chosen.equals(before)) { // families added or swapped
        fit = refit(chosen, net, counts, s, beamEv, fwhm0);
      }
      fwhm = fit.resolution().fwhmMnKaEv();
      List<Candidate> kept = new ArrayList<>();
      List<GaussianFamilyFit.Fitted> keptFit = new ArrayList<>();
      for (int j = 0; j < chosen.size(); j++) {
        GaussianFamilyFit.Fitted f = fit.terms().get(j);
        int zc = chosen.get(j).z();
        double keep = askedZ.contains(zc) ? ASKED_SIGNIFICANCE
            : (peakFamilies.contains(key(chosen.get(j))) ? 3 : threshold)
                * ElementPriors.significanceFactor(zc);
        if (f.netCounts() > keep * f.netCountsSigma()) {
          kept.add(chosen.get(j));
          keptFit.add(f);
        }
      }
      for (int j = 0; j < kept.size(); j++) {
        Candidate c = kept.get(j);
        GaussianFamilyFit.Fitted f = keptFit.get(j);
        double zsig = f.netCounts() / Math.max(f.netCountsSigma(), 1e-9);
        double detect = 1 - Math.exp(-zsig * zsig / 50.0);
        double conf = detect * Math.min(1, c.score());
        List<String> warn = new ArrayList<>();
        String amb = ambiguity.get(key(c));
        if (amb != null) {
          conf *= 0.6;
          warn.add(XrayData.symbol(c.z()) + " " + c.principal().siegbahn() + " " + amb);
        }
        warn.addAll(overlapWarnings(c, kept, res));
        if (conf < MIN_CONFIDENCE) {
          continue; // residual artefacts of stronger neighbours, not worth reporting
        }
        out.add(new IdentifiedLine(XrayData.symbol(c.z()), c.z(), c.family().name(),
            c.principal().energyEv(), f.netCounts(), f.netCountsSigma(),
            Math.max(0, Math.min(1, conf)), warn));
      }
      out.sort((a, b) -> Double.compare(b.netCounts(), a.netCounts()));
    }
    List<DetectionLimit> limits = new ArrayList<>();
    if (!askedZ.isEmpty()) {
      limits = detectionLimits(s, net, counts, out, askedZ, DetectorResolution.of(fwhm), beamEv,
          maxEv);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("threshold", "" + threshold);
    if (!askedZ.isEmpty()) {
      params.put("asked", String.join(",", asked.stream().map(String::strip).toList()));
    }
    params.put("detectorFwhmMnKaEv", String.format("%.1f", fwhm));
    params.put("beamEv", "" + beamEv);
    return new Identification(out, fwhm, new AlgorithmInfo("eds-identify", VERSION,
        "top-hat peak search (Statham 1977) + family consistency + Gaussian LLS (Fiori & Newbury"
            + " 1978 resolution) + whole-family residual search with element priors; overlaps"
            + " after Newbury, Scanning 31 (2009) 91; detection limits after Currie, Anal. Chem."
            + " 40 (1968) 586",
        params), limits);
  }

  /** Joint Gaussian fit of the chosen families with the resolution refined near fwhm0. */
  private static GaussianFamilyFit.Result refit(List<Candidate> chosen, double[] net,
      double[] counts, Spectrum s, double beamEv, double fwhm0) {
    List<GaussianFamilyFit.Term> terms = new ArrayList<>();
    for (Candidate c : chosen) {
      terms.add(new GaussianFamilyFit.Term(c.z(), c.family()));
    }
    return GaussianFamilyFit.fitWithResolution(
        net, counts, s.axis(), beamEv, terms, Math.max(45, fwhm0 - 25), fwhm0 + 25);
  }

  /** Explains peaks, strongest first, by the best-scoring candidate family. */
  private static void pick(
      List<PeakSearch.Peak> peaks, double[] fs, double[] var, Spectrum s, DetectorResolution res,
      double beamEv, double maxEv, List<Candidate> chosen, Map<String, String> ambiguity,
      boolean skipExplainedLines) {
    for (PeakSearch.Peak pk : peaks) {
      if (explained(pk.energyEv(), chosen, res, skipExplainedLines)) {
        continue;
      }
      double tol = Math.max(0.4 * res.fwhmEv(pk.energyEv()), 15);
      List<Candidate> cands = new ArrayList<>();
      for (int z = 4; z <= 94; z++) {
        for (Family f : Family.values()) {
          List<XrayLine> lines = XrayData.family(z, f);
          if (lines.isEmpty()) {
            continue;
          }
          XrayLine p = lines.get(0);
          double edge = XrayData.familyEdgeEv(z, f);
          if (!(edge > 0) || edge > 0.98 * beamEv || p.energyEv() < 150 || p.energyEv() > maxEv) {
            continue;
          }
          if (Math.abs(p.energyEv() - pk.energyEv()) > tol) {
            continue;
          }
          final int zz = z;
          if (!skipExplainedLines && (f != Family.K
              || chosen.stream().anyMatch(c -> c.z() == zz && c.family() == f))) {
            // residual pass: chosen families are already in the model; only K families are
            // sought under neighbours' K-beta lines (Ti Kb/V Ka, Cr Kb/Mn Ka, Mn Kb/Fe Ka, ...)
            continue;
          }
          double score = consistency(z, f, p, s, fs, var, res, beamEv, maxEv)
              * ElementPriors.weight(z);
          score *= Math.exp(-0.5 * Math.pow((p.energyEv() - pk.energyEv()) / (0.5 * tol), 2));
          cands.add(new Candidate(z, f, p, score));
        }
      }
      if (cands.isEmpty()) {
        continue;
      }
      cands.sort((a, b) -> Double.compare(b.score(), a.score()));
      Candidate best = cands.get(0);
      if (best.score() < 0.05) {
        continue;
      }
      if (chosen.stream().anyMatch(c -> c.z() == best.z() && c.family() == best.family())) {
        continue; // a shoulder or satellite of a family already chosen
      }
      chosen.add(best);
      if (cands.size() > 1 && cands.get(1).score() > 0.7 * best.score()) {
        Candidate alt = cands.get(1);
        ambiguity.put(key(best), "ambiguous with " + XrayData.symbol(alt.z()) + " "
            + alt.principal().siegbahn()
            + String.format(" (score %.2f vs %.2f)", alt.score(), best.score()));
      }
    }
  }

  /** Significance at which an element the analyst asks about is accepted (Currie's L_C). */
  public static final double ASKED_SIGNIFICANCE = 3.0;

  /**
   * Relative systematic error of the peak model per channel (line-weight and shape errors: real
   * and simulated K-beta/K-alpha and L-line ratios depend on absorption, and soft peaks carry
   * incomplete-charge tails), added in quadrature to the Poisson variance so that model error of
   * a major peak is not taken for a minor element under it.
   */
  static double modelError(double energyEv) {
    return energyEv < 1200 ? 0.08 : energyEv < 2500 ? 0.04 : 0.03;
  }

  /** Channel weights 1/(Poisson variance + (model error x model)^2). */
  private static double[] weights(double[] gross, double[] model, Spectrum s, double maxEv) {
    double[] w = new double[gross.length];
    for (int c = 0; c < w.length; c++) {
      double e = s.axis().energyEv(c);
      if (e < 100 || e > maxEv) {
        continue;
      }
      double sys = modelError(e) * Math.max(model[c], 0);
      w[c] = 1.0 / (Math.max(gross[c], 1.0) + sys * sys);
    }
    return w;
  }

  /** Is a family admissible as a candidate (excited, in range, above 150 eV)? */
  private static boolean admissible(int z, Family f, double beamEv, double maxEv) {
    List<XrayLine> lines = XrayData.family(z, f);
    if (lines.isEmpty()) {
      return false;
    }
    double edge = XrayData.familyEdgeEv(z, f);
    double e = lines.get(0).energyEv();
    return edge > 0 && edge <= 0.98 * beamEv && e >= 150 && e <= maxEv;
  }

  /**
   * Does the element's next higher family, when it is excited well enough to be seen (overvoltage
   * above 1.5, lines in range), appear among the chosen families? An L family without its excited
   * K family (or M without L) is a misidentification.
   */
  private static boolean higherFamilyPresent(
      int z, Family f, List<Candidate> chosen, double beamEv, double maxEv) {
    Family higher = f == Family.M ? Family.L : f == Family.L ? Family.K : null;
    if (higher == null) {
      return true;
    }
    List<XrayLine> hl = XrayData.family(z, higher);
    double edge = XrayData.familyEdgeEv(z, higher);
    if (hl.isEmpty() || !(edge > 0) || beamEv / edge < 1.5 || hl.get(0).energyEv() > maxEv) {
      return true;
    }
    return chosen.stream().anyMatch(c -> c.z() == z && c.family() == higher);
  }

  private record TrialFit(double net, double sigma) {}

  /** The weighted normal equations of the base columns, computed once per search step. */
  private record Normal(double[][] base, double[][] gram, double[] rhs, double[] net,
      double[] w, double[] edgesEv) {
    static Normal of(double[][] base, double[] net, double[] w) {
      return of(base, net, w, new double[0]);
    }

    static Normal of(double[][] base, double[] net, double[] w, double[] edgesEv) {
      int p = base.length;
      double[][] g = new double[p][p];
      double[] r = new double[p];
      for (int j = 0; j < p; j++) {
        for (int i = 0; i < net.length; i++) {
          r[j] += w[i] * base[j][i] * net[i];
        }
        for (int k = 0; k <= j; k++) {
          double sum = 0;
          for (int i = 0; i < net.length; i++) {
            sum += w[i] * base[j][i] * base[k][i];
          }
          g[j][k] = sum;
          g[k][j] = sum;
        }
      }
      return new Normal(base, g, r, net, w, edgesEv);
    }
  }

  /**
   * Fits base columns plus one candidate family column and a local linear background (constant and
   * slope) on each energy segment its lines occupy (+-1.5 FWHM), so that a slowly varying error of
   * the continuum estimate is not taken for a peak; the candidate's net counts and sigma. Only the
   * cross terms over the candidate's channels are computed (the base's are in {@code nb}).
   */
  private static TrialFit trial(
      Normal nb, GaussianFamilyFit.Term t, Spectrum s, double beamEv, DetectorResolution res) {
    int n = nb.net().length;
    double[] col = GaussianFamilyFit.column(t, s.axis(), n, beamEv, res, null);
    List<double[]> extra = new ArrayList<>();
    List<int[]> support = new ArrayList<>();
    int clo = n;
    int chi = -1;
    for (int c = 0; c < n; c++) {
      if (col[c] != 0) {
        clo = Math.min(clo, c);
        chi = c;
      }
    }
    if (chi < 0) {
      throw new IllegalArgumentException("empty column");
    }
    extra.add(col);
    support.add(new int[] {clo, chi});
    List<int[]> segments = new ArrayList<>();
    for (XrayLine l : XrayData.family(t.z(), t.family())) {
      if (l.weight() < 0.05 || l.energyEv() >= beamEv) {
        continue;
      }
      double half = 1.5 * res.fwhmEv(l.energyEv());
      int lo = Math.max(0, (int) Math.floor(s.axis().channel(l.energyEv() - half)));
      int hi = Math.min(n - 1, (int) Math.ceil(s.axis().channel(l.energyEv() + half)));
      if (lo < hi) {
        segments.add(new int[] {lo, hi});
      }
    }
    segments.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] g : segments) {
      if (!merged.isEmpty() && g[0] <= merged.get(merged.size() - 1)[1]) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], g[1]);
      } else {
        merged.add(g.clone());
      }
    }
    for (int[] g : merged) {
      double[] one = new double[n];
      double[] slope = new double[n];
      double mid = 0.5 * (g[0] + g[1]);
      double half = Math.max(0.5 * (g[1] - g[0]), 1);
      for (int c = g[0]; c <= g[1]; c++) {
        one[c] = 1;
        slope[c] = (c - mid) / half;
      }
      extra.add(one);
      support.add(g);
      extra.add(slope);
      support.add(g);
      // absorption edges of the identified elements step the continuum (e.g. Fe K at 7112 eV
      // under Co Ka in a steel): a step, smoothed by the resolution, where one lies inside
      for (double edge : nb.edgesEv()) {
        double ce = s.axis().channel(edge);
        if (ce > g[0] + 2 && ce < g[1] - 2) {
          double sig = res.sigmaEv(edge);
          double[] step = new double[n];
          for (int c = g[0]; c <= g[1]; c++) {
            step[c] = 0.5 * erfc(-(s.axis().energyEv(c) - edge) / (Math.sqrt(2) * sig));
          }
          extra.add(step);
          support.add(g);
        }
      }
    }
    int p = nb.base().length;
    int q = extra.size();
    double[][] m = new double[p + q][p + q];
    double[] r = new double[p + q];
    for (int j = 0; j < p; j++) {
      System.arraycopy(nb.gram()[j], 0, m[j], 0, p);
      r[j] = nb.rhs()[j];
    }
    double[] w = nb.w();
    double[] y = nb.net();
    for (int e = 0; e < q; e++) {
      double[] xe = extra.get(e);
      int lo = support.get(e)[0];
      int hi = support.get(e)[1];
      for (int j = 0; j < p; j++) {
        double[] xb = nb.base()[j];
        double sum = 0;
        for (int i = lo; i <= hi; i++) {
          sum += w[i] * xb[i] * xe[i];
        }
        m[j][p + e] = sum;
        m[p + e][j] = sum;
      }
      for (int f = 0; f <= e; f++) {
        double[] xf = extra.get(f);
        int lo2 = Math.max(lo, support.get(f)[0]);
        int hi2 = Math.min(hi, support.get(f)[1]);
        double sum = 0;
        for (int i = lo2; i <= hi2; i++) {
          sum += w[i] * xe[i] * xf[i];
        }
        m[p + e][p + f] = sum;
        m[p + f][p + e] = sum;
      }
      double sum = 0;
      for (int i = lo; i <= hi; i++) {
        sum += w[i] * xe[i] * y[i];
      }
      r[p + e] = sum;
    }
    double[][] inv = io.alloyflow.eds.peaks.Lls.invertSpd(m);
    double coef = 0;
    for (int k = 0; k < p + q; k++) {
      coef += inv[p][k] * r[k];
    }
    return new TrialFit(coef, Math.sqrt(Math.max(inv[p][p], 0)));
  }

  /** Complementary error function (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
        + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
        + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /** K, L3 and M5 absorption edges (eV) of the identified elements, below the beam energy. */
  private static double[] edges(List<Candidate> chosen, double beamEv) {
    java.util.TreeSet<Double> out = new java.util.TreeSet<>();
    for (Candidate c : chosen) {
      for (Family f : Family.values()) {
        double e = XrayData.familyEdgeEv(c.z(), f);
        if (e > 150 && e < beamEv) {
          out.add(e);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Overlap resolution with whole families: each identified family is compared with the
   * admissible families of other elements whose strongest line lies within half a resolution of
   * its own (S Ka / Mo La, Ti Ka / Ba La, ...); all families are fitted with their fixed line
   * weights (so the secondary lines decide: Mo Lb1 at 2.39 keV, S Kb at 2.46 keV), and the
   * alternative replaces the family when it lowers chi^2 by more than 9 (3 sigma) times the
   * ratio of their prior evidence factors. Families below {@link #SOFT_EV} are left as they are.
   */
  private static void resolveOverlaps(
      Spectrum s, double[] net, double[] gross, List<Candidate> chosen, DetectorResolution res,
      double beamEv, double maxEv, java.util.Set<Integer> asked, boolean debug) {
    double[] w = wholeFamilyWeights(s, net, gross, chosen, res, beamEv, maxEv);
    double chiC = wholeFamilyChi2(s, net, gross, chosen, res, beamEv, maxEv, w);
    for (int i = 0; i < chosen.size(); i++) {
      Candidate c = chosen.get(i);
      double pe = c.principal().energyEv();
      if (pe < SOFT_EV) {
        continue; // soft line ratios are too uncertain to decide between families
      }
      double tol = 0.5 * res.fwhmEv(pe);
      Candidate bestAlt = null;
      double bestChi = chiC;
      for (int z = 4; z <= 94; z++) {
        if (z == c.z()) {
          continue;
        }
        for (Family f : Family.values()) {
          final int zz = z;
          if (!admissible(z, f, beamEv, maxEv)
              || chosen.stream().anyMatch(o -> o.z() == zz && o.family() == f)
              || Math.abs(XrayData.family(z, f).get(0).energyEv() - pe) > tol) {
            continue;
          }
          List<Candidate> alt = new ArrayList<>(chosen);
          alt.set(i, new Candidate(z, f, XrayData.family(z, f).get(0), ElementPriors.weight(z)));
          if (!higherFamilyPresent(z, f, alt, beamEv, maxEv)) {
            continue;
          }
          double need = 9 * (asked.contains(z) ? 1 : ElementPriors.significanceFactor(z))
              / (asked.contains(c.z()) ? 1 : ElementPriors.significanceFactor(c.z()));
          double chi = wholeFamilyChi2(s, net, gross, alt, res, beamEv, maxEv, w);
          if (chi < bestChi - need) {
            bestChi = chi;
            bestAlt = alt.get(i);
          }
        }
      }
      if (bestAlt != null) {
        if (debug) {
          System.err.printf("swap %s %s -> %s %s (chi2 %.1f -> %.1f)%n",
              XrayData.symbol(c.z()), c.family(), XrayData.symbol(bestAlt.z()), bestAlt.family(),
              chiC, bestChi);
        }
        chosen.set(i, bestAlt);
        w = wholeFamilyWeights(s, net, gross, chosen, res, beamEv, maxEv);
        chiC = wholeFamilyChi2(s, net, gross, chosen, res, beamEv, maxEv, w);
      }
    }
  }

  /** Weights of the whole-family comparison: Poisson plus the model error of the current fit. */
  private static double[] wholeFamilyWeights(
      Spectrum s, double[] net, double[] gross, List<Candidate> fams, DetectorResolution res,
      double beamEv, double maxEv) {
    List<double[]> wc = new ArrayList<>();
    for (Candidate c : fams) {
      wc.add(GaussianFamilyFit.column(
          new GaussianFamilyFit.Term(c.z(), c.family()), s.axis(), net.length, beamEv, res, null));
    }
    double[][] wb = withArtefacts(wc, net, gross, s, maxEv);
    return weights(gross, fitModel(wb, net, gross, s, maxEv), s, maxEv);
  }

  /**
   * Weighted chi^2 of a whole-family fit (fixed line weights, plus pile-up and escape) with the
   * given weights (those of the current identification, so that alternatives are compared alike).
   */
  private static double wholeFamilyChi2(
      Spectrum s, double[] net, double[] gross, List<Candidate> fams, DetectorResolution res,
      double beamEv, double maxEv, double[] w) {
    int n = net.length;
    List<double[]> cols = new ArrayList<>();
    for (Candidate c : fams) {
      cols.add(GaussianFamilyFit.column(
          new GaussianFamilyFit.Term(c.z(), c.family()), s.axis(), n, beamEv, res, null));
    }
    double[][] base = withArtefacts(cols, net, gross, s, maxEv);
    double[] coef;
    try {
      coef = io.alloyflow.eds.peaks.Lls.solve(base, net, w).coefficients();
    } catch (IllegalArgumentException singular) {
      return Double.POSITIVE_INFINITY;
    }
    double chi = 0;
    for (int c = 0; c < n; c++) {
      if (w[c] == 0 || s.axis().energyEv(c) < SEARCH_MIN_EV) {
        continue;
      }
      double m = 0;
      for (int j = 0; j < base.length; j++) {
        m += coef[j] * base[j][c];
      }
      chi += w[c] * (net[c] - m) * (net[c] - m);
    }
    return chi;
  }

  /**
   * Columns of the identified families for the residual search and detection limits: one column
   * per resolved strong line (weight >= 0.1; weaker lines join the nearest strong one, lines
   * closer than half the resolution act as one). Line ratios within a family depend on absorption
   * in the specimen (K-beta/K-alpha by a few %, soft L lines by tens of %) and are not known well
   * enough to fit a major family with fixed weights at 10^6 counts: a misfit there must not pass
   * for a new element (Co Ka beside Fe Kb, O Ka between Cr Ll and Cr La).
   */
  private static List<double[]> baseColumns(
      List<Candidate> chosen, Spectrum s, int n, double beamEv, DetectorResolution res) {
    List<double[]> cols = new ArrayList<>();
    for (Candidate c : chosen) {
      List<XrayLine> lines = XrayData.family(c.z(), c.family());
      // strong lines closer than half the resolution act as one line (La1/La2)
      List<XrayLine> strong = new ArrayList<>();
      for (XrayLine l : lines) {
        if (l.weight() >= 0.1 && l.energyEv() < beamEv && strong.stream().noneMatch(
            o -> Math.abs(o.energyEv() - l.energyEv()) < 0.5 * res.fwhmEv(l.energyEv()))) {
          strong.add(l);
        }
      }
      if (strong.isEmpty()) {
        continue;
      }
      double[][] group = new double[strong.size()][n];
      for (XrayLine l : lines) {
        if (l.energyEv() >= beamEv || l.weight() < 0.005) {
          continue;
        }
        int g = 0;
        for (int k = 1; k < strong.size(); k++) {
          if (Math.abs(strong.get(k).energyEv() - l.energyEv())
              < Math.abs(strong.get(g).energyEv() - l.energyEv())) {
            g = k;
          }
        }
        double sigma = res.sigmaEv(l.energyEv());
        double amp = l.weight() * s.axis().gainEvPerChannel() / (sigma * Math.sqrt(2 * Math.PI));
        int lo = Math.max(0, (int) Math.floor(s.axis().channel(l.energyEv() - 3.5 * sigma)));
        int hi = Math.min(n - 1, (int) Math.ceil(s.axis().channel(l.energyEv() + 3.5 * sigma)));
        for (int ch = lo; ch <= hi; ch++) {
          double d = (s.axis().energyEv(ch) - l.energyEv()) / sigma;
          group[g][ch] += amp * Math.exp(-0.5 * d * d);
        }
      }
      for (double[] g : group) {
        if (java.util.Arrays.stream(g).anyMatch(v -> v > 0)) {
          cols.add(g);
        }
      }
    }
    return cols;
  }

  /**
   * The identified lines' columns plus two detector-artefact columns with free amplitudes, both
   * derived from the spectrum: coincidence (pile-up) events, proportional to the self-convolution
   * of the measured spectrum above 100 eV (first-order pile-up of Poisson arrivals: every pair of
   * photons sums, line x continuum pairs included; with the fitted lines alone a false Co was
   * reported in 4 of 9 simulated steel + Cu spectra, with this 2 of 9), and the fitted line model
   * m(E)'s Si K escape peaks, m(E) f(E) moved to E - 1740 eV with the escape fraction f of Reed
   * and Ware (J. Phys. E 5 (1972) 582). A minor element is then not confused with O Ka + O Ka at Na Ka,
   * Ca Ka + Si Ka at Cr Ka or Ca Kb + O Ka at Ti Ka.
   */
  private static double[][] withArtefacts(
      List<double[]> lines, double[] net, double[] gross, Spectrum s, double maxEv) {
    int n = net.length;
    double[][] base = lines.toArray(new double[0][]);
    if (base.length == 0) {
      return base;
    }
    double[] m = fitModel(base, net, gross, s, maxEv);
    double gain = s.axis().gainEvPerChannel();
    int shift = (int) Math.round(s.axis().offsetEv() / gain);
    double[] pile = new double[n];
    double[] esc = new double[n];
    int escShift = (int) Math.round(1740 / gain);
    double muK = XrayData.massAttenuation(14, 1740);
    // coincidences of every pair of detected photons, continuum included: the self-convolution
    // of the measured spectrum above 100 eV (to first order the spectrum before pile-up)
    int lo = (int) Math.max(0, Math.ceil(s.axis().channel(100)));
    for (int i = lo; i < n; i++) {
      double gi = Math.max(gross[i], 0);
      if (gi > 0) {
        for (int j = i; j < n; j++) {
          int c = i + j + shift;
          if (c >= n) {
            break;
          }
          if (c >= 0 && gross[j] > 0) {
            pile[c] += (i == j ? 1 : 2) * gi * gross[j];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!(m[i] > 0)) {
        continue;
      }
      double e = s.axis().energyEv(i);
      if (e > 1839 && i - escShift >= 0) {
        double muI = XrayData.massAttenuation(14, e);
        // Reed & Ware: f = 0.5 omega_K (1 - 1/r) [1 - (mu_K/mu_I) ln(1 + mu_I/mu_K)], Si
        double f = 0.5 * 0.047 * (1 - 1 / 10.9) * (1 - muK / muI * Math.log(1 + muI / muK));
        esc[i - escShift] += m[i] * f;
      }
    }
    List<double[]> out = new ArrayList<>(lines);
    for (double[] a : new double[][] {pile, esc}) {
      double sum = java.util.Arrays.stream(a).sum();
      if (sum > 0) {
        for (int c = 0; c < n; c++) {
          a[c] /= sum;
        }
        out.add(a);
      }
    }
    return out.toArray(new double[0][]);
  }

  /** Least-squares model of the columns, weighted by Poisson variance only. */
  private static double[] fitModel(
      double[][] base, double[] net, double[] gross, Spectrum s, double maxEv) {
    int n = net.length;
    double[] model = new double[n];
    if (base.length > 0) {
      double[] coef = io.alloyflow.eds.peaks.Lls.solve(
          base, net, weights(gross, new double[n], s, maxEv)).coefficients();
      for (int j = 0; j < base.length; j++) {
        for (int c = 0; c < n; c++) {
          model[c] += coef[j] * base[j][c];
        }
      }
    }
    return model;
  }

  /** Energy of the nearest chosen line (weight >= 0.05) to e, as a distance in eV. */
  private static double nearestChosenLine(double e, List<Candidate> chosen) {
    double best = Double.POSITIVE_INFINITY;
    for (Candidate c : chosen) {
      for (XrayLine l : XrayData.family(c.z(), c.family())) {
        if (l.weight() >= 0.05) {
          best = Math.min(best, Math.abs(l.energyEv() - e));
        }
      }
    }
    return best;
  }

  /**
   * Below this energy (eV) the continuum carries the detector window's absorption edges (C, N, O)
   * and the specimen's L edges, which a local linear background cannot follow: a blind candidate
   * needs {@link #SOFT_FACTOR} times the evidence, and one unresolved from an identified line is
   * only considered when asked about.
   */
  public static final double SOFT_EV = 1200;

  /** Evidence factor for blind candidates below {@link #SOFT_EV}. */
  public static final double SOFT_FACTOR = 3;

  /** The residual search considers families whose strongest line lies above this energy, eV. */
  public static final double SEARCH_MIN_EV = 250;

  /**
   * Below this energy a candidate whose strongest line is unresolved from an identified line
   * needs four times the evidence: there the identified families' line ratios and shapes are too
   * uncertain (absorption, incomplete charge) to attribute a misfit to a new element.
   */
  public static final double SOFT_OVERLAP_EV = 2500;

  /**
   * Greedy forward selection over whole line families: every admissible family not yet chosen is
   * fitted together with the chosen ones (all lines of the family, overlap with its neighbours
   * resolved by the joint least squares, model error in the weights) and the one whose net counts
   * are most significant relative to the evidence it needs (the blind threshold times the
   * element's prior factor, or {@link #ASKED_SIGNIFICANCE} for an element asked about) is added;
   * repeated until no family clears its bar. After Statham (2002): fit the identified majors, then
   * look for minor elements in what they leave unexplained.
   */
  private static void residualSearch(
      Spectrum s, double[] net, double[] gross, List<Candidate> chosen, DetectorResolution res,
      double beamEv, double maxEv, double threshold, java.util.Set<Integer> asked) {
    int n = net.length;
    boolean debug = Boolean.getBoolean("alloyflow.eds.debugIdentify");
    resolveOverlaps(s, net, gross, chosen, res, beamEv, maxEv, asked, debug);
    for (int iter = 0; iter < 12; iter++) {
      double[][] base = withArtefacts(
          baseColumns(chosen, s, n, beamEv, res), net, gross, s, maxEv);
      double[] model = fitModel(base, net, gross, s, maxEv);
      double[] w = weights(gross, model, s, maxEv);
      Normal nb = Normal.of(base, net, w, edges(chosen, beamEv));
      Candidate best = null;
      double bestMargin = 1;
      for (int z = 4; z <= 94; z++) {
        for (Family f : Family.values()) {
          final int zz = z;
          if (!admissible(z, f, beamEv, maxEv)
              || chosen.stream().anyMatch(c -> c.z() == zz && c.family() == f)
              || !higherFamilyPresent(z, f, chosen, beamEv, maxEv)) {
            continue;
          }
          double pe = XrayData.family(z, f).get(0).energyEv();
          if (pe < SEARCH_MIN_EV) {
            continue;
          }
          TrialFit t;
          try {
            t = trial(nb, new GaussianFamilyFit.Term(z, f), s, beamEv, res);
          } catch (IllegalArgumentException singular) {
            continue; // the candidate is indistinguishable from identified lines
          }
          if (!(t.net() > 0 && t.sigma() > 0)) {
            continue;
          }
          boolean isAsked = asked.contains(z);
          double need = isAsked ? ASKED_SIGNIFICANCE
              : threshold * ElementPriors.significanceFactor(z);
          double near = nearestChosenLine(pe, chosen) / res.fwhmEv(pe);
          if (pe < SOFT_EV && near < 1.0) {
            if (!isAsked) {
              continue; // unresolved from an identified soft line: only reported when asked
            }
            need *= 4;
          } else if (pe < SOFT_OVERLAP_EV && near < 0.6) {
            need *= 4;
          }
          if (pe < SOFT_EV && !isAsked) {
            need *= SOFT_FACTOR;
          }
          if (debug) {
            System.err.printf("  cand %s %s z=%.1f need %.1f%n", XrayData.symbol(z), f,
                t.net() / t.sigma(), need);
          }
          double margin = t.net() / t.sigma() / need;
          if (margin > bestMargin) {
            bestMargin = margin;
            best = new Candidate(z, f, XrayData.family(z, f).get(0), ElementPriors.weight(z));
          }
        }
      }
      if (best == null) {
        return;
      }
      if (debug) {
        System.err.printf("added %s %s margin %.2f%n", XrayData.symbol(best.z()), best.family(),
            bestMargin);
      }
      chosen.add(best);
    }
  }

  /**
   * Minimum detectable mass fraction of each asked element not found, after Currie (Anal. Chem.
   * 40 (1968) 586): the net-count detection limit L_D = 2.71 + 4.65 sigma_0 of the element's
   * analytical family, with sigma_0 the standard deviation of its fitted net counts when it is
   * absent (joint fit with the identified families and the model error, so overlaps raise it),
   * converted to mass fraction with the first-principles sensitivity (XPP emission, Casnati
   * cross-section, detector efficiency) relative to the identified elements, whose mass fractions
   * are estimated the same way and normalised.
   */
  static List<DetectionLimit> detectionLimits(
      Spectrum s, double[] net, double[] gross, List<IdentifiedLine> found,
      java.util.Set<Integer> asked, DetectorResolution res, double beamEv, double maxEv) {
    int n = net.length;
    java.util.Set<Integer> foundZ = new java.util.HashSet<>();
    found.forEach(l -> foundZ.add(l.z()));
    List<Candidate> chosen = new ArrayList<>();
    double[] foundNet = new double[found.size()];
    for (int j = 0; j < found.size(); j++) {
      IdentifiedLine l = found.get(j);
      Family f = Family.valueOf(l.family());
      chosen.add(new Candidate(l.z(), f, XrayData.family(l.z(), f).get(0), 1));
      foundNet[j] = l.netCounts();
    }
    double[][] base = withArtefacts(
        baseColumns(chosen, s, n, beamEv, res), net, gross, s, maxEv);
    double[] w = weights(gross, fitModel(base, net, gross, s, maxEv), s, maxEv);
    Normal nb = Normal.of(base, net, w, edges(chosen, beamEv));
    Sensitivity sens = Sensitivity.of(s, found, foundNet, beamEv);
    List<DetectionLimit> out = new ArrayList<>();
    for (int z : asked) {
      if (foundZ.contains(z)) {
        continue;
      }
      Family f = XrayData.analyticalFamily(z, beamEv);
      if (f == null || !admissible(z, f, beamEv, maxEv)) {
        out.add(new DetectionLimit(XrayData.symbol(z), "-", Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, "no line of " + XrayData.symbol(z) + " is excited and measurable at "
                + beamEv / 1000 + " keV within the spectrum's range"));
        continue;
      }
      double sigma0 = trial(nb, new GaussianFamilyFit.Term(z, f), s, beamEv, res).sigma();
      double ld = 2.71 + 4.65 * sigma0;
      double perMassFraction = sens.countsPerMassFraction(z, f);
      double mdl = perMassFraction > 0 ? ld / perMassFraction : Double.NaN;
      out.add(new DetectionLimit(XrayData.symbol(z), f.name(),
          XrayData.family(z, f).get(0).energyEv(), sigma0, ld, mdl,
          Double.isNaN(mdl) ? "no identified element to scale the sensitivity" : ""));
    }
    return out;
  }

  private static double localAbsMax(double[] v, int i, int half) {
    double m = 0;
    for (int k = Math.max(0, i - half); k <= Math.min(v.length - 1, i + half); k++) {
      m = Math.max(m, Math.abs(v[k]));
    }
    return m;
  }

  private static String key(Candidate c) {
    return c.z() + "/" + c.family();
  }

  /** Is a peak explained by a chosen family, its Si escape or a coincidence peak? */
  private static boolean explained(
      double e, List<Candidate> chosen, DetectorResolution res, boolean lines) {
    double tol = 0.5 * res.fwhmEv(e);
    for (Candidate c : chosen) {
      for (XrayLine l : XrayData.family(c.z(), c.family())) {
        if (lines && l.weight() >= 0.02 && Math.abs(l.energyEv() - e) < tol) {
          return true;
        }
        // Si K escape peak (1739.98 eV below a line above the Si K edge)
        if (l.weight() >= 0.5 && l.energyEv() > 1839
            && Math.abs(l.energyEv() - 1740 - e) < tol) {
          return true;
        }
      }
    }
    // coincidence (sum) peaks of the strong lines of every pair of families, e.g. Fe Ka + Fe Ka
    // at 12.81 keV and Fe Ka + Fe Kb at 13.46 keV (which would otherwise pass for Rb Ka)
    for (Candidate a : chosen) {
      for (Candidate b : chosen) {
        for (XrayLine la : XrayData.family(a.z(), a.family())) {
          if (la.weight() < 0.1) {
            continue;
          }
          for (XrayLine lb : XrayData.family(b.z(), b.family())) {
            if (lb.weight() >= 0.1 && Math.abs(la.energyEv() + lb.energyEv() - e) < tol) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * Consistency score (0..1) of a family with the filtered spectrum: the ratio of observed to
   * expected filtered intensity at each resolvable secondary line, and the presence of the higher
   * family when that shell is excited.
   */
  private static double consistency(
      int z, Family f, XrayLine p, Spectrum s, double[] fs, double[] var,
      DetectorResolution res, double beamEv, double maxEv) {
    double obsP = localMax(fs, s, p.energyEv(), res);
    if (obsP <= 0) {
      return 0;
    }
    double score = 1;
    for (XrayLine l : XrayData.family(z, f)) {
      if (l == p || l.weight() < 0.1 || l.energyEv() > maxEv || l.energyEv() < 150) {
        continue;
      }
      if (Math.abs(l.energyEv() - p.energyEv()) < 0.8 * res.fwhmEv(p.energyEv())) {
        continue;
      }
      double expected = obsP * l.weight() / p.weight()
          * res.fwhmEv(p.energyEv()) / res.fwhmEv(l.energyEv());
      int ch = (int) Math.round(s.axis().channel(l.energyEv()));
      if (ch < 0 || ch >= fs.length || !Double.isFinite(var[ch])) {
        continue;
      }
      double sd = Math.sqrt(var[ch]);
      if (expected < 3 * sd) {
        continue; // too weak to test
      }
      double obs = localMax(fs, s, l.energyEv(), res);
      double r = obs / expected;
      if (r < 0.3) {
        score *= Math.max(0.05, r / 0.3);
      } else if (r > 3 && f != Family.K) {
        score *= 0.8;
      }
    }
    // a higher-energy family whose shell is clearly excited must be seen too
    Family higher = f == Family.M ? Family.L : f == Family.L ? Family.K : null;
    if (higher != null) {
      List<XrayLine> hl = XrayData.family(z, higher);
      double edge = XrayData.familyEdgeEv(z, higher);
      if (!hl.isEmpty() && edge > 0 && beamEv / edge > 1.3 && hl.get(0).energyEv() < maxEv) {
        int ch = (int) Math.round(s.axis().channel(hl.get(0).energyEv()));
        if (ch >= 0 && ch < fs.length && Double.isFinite(var[ch])) {
          double obs = localMax(fs, s, hl.get(0).energyEv(), res);
          if (obs < 3 * Math.sqrt(var[ch])) {
            score *= 0.1;
          }
        }
      }
    }
    return score;
  }

  private static double localMax(double[] fs, Spectrum s, double e, DetectorResolution res) {
    double tol = 0.3 * res.fwhmEv(e);
    int lo = Math.max(0, (int) Math.floor(s.axis().channel(e - tol)));
    int hi = Math.min(fs.length - 1, (int) Math.ceil(s.axis().channel(e + tol)));
    double m = Double.NEGATIVE_INFINITY;
    for (int c = lo; c <= hi; c++) {
      m = Math.max(m, fs[c]);
    }
    return m;
  }

  private static List<String> overlapWarnings(
      Candidate c, List<Candidate> all, DetectorResolution res) {
    List<String> out = new ArrayList<>();
    String sym = XrayData.symbol(c.z());
    for (Candidate o : all) {
      if (o == c) {
        continue;
      }
      for (XrayLine a : XrayData.family(c.z(), c.family())) {
        if (a.weight() < 0.05) {
          continue;
        }
        for (XrayLine b : XrayData.family(o.z(), o.family())) {
          if (b.weight() >= 0.05
              && Math.abs(a.energyEv() - b.energyEv()) < 0.5 * res.fwhmEv(a.energyEv())) {
            out.add(a.label() + " overlaps " + b.label());
          }
        }
      }
    }
    String fam = c.family() == Family.K ? "K" : c.family() == Family.L ? "L" : "M";
    for (List<String> g : Overlaps.groupsOf(sym, fam)) {
      for (String other : g) {
        if (!other.startsWith(sym + " ")) {
          String msg = "known overlap: " + g.stream().filter(x -> x.startsWith(sym + " "))
              .findFirst().orElse(sym) + " / " + other;
          if (!out.contains(msg)) {
            out.add(msg);
          }
        }
      }
    }
    return out.stream().distinct().toList();
  }
}
