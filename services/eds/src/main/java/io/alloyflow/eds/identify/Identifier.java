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

  /** Algorithm version. */
  public static final String VERSION = "1.0";

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
      int before = chosen.size();
      pick(hidden, fr, var, s, res, beamEv, maxEv, chosen, ambiguity, false);
      if (chosen.size() > before) {
        terms.clear();
        for (Candidate c : chosen) {
          terms.add(new GaussianFamilyFit.Term(c.z(), c.family()));
        }
        fit = GaussianFamilyFit.fitWithResolution(
            net, counts, s.axis(), beamEv, terms, Math.max(45, fwhm0 - 25), fwhm0 + 25);
      }
      fwhm = fit.resolution().fwhmMnKaEv();
      List<Candidate> kept = new ArrayList<>();
      List<GaussianFamilyFit.Fitted> keptFit = new ArrayList<>();
      for (int j = 0; j < chosen.size(); j++) {
        GaussianFamilyFit.Fitted f = fit.terms().get(j);
        if (f.netCounts() > 3 * f.netCountsSigma()) {
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
    Map<String, String> params = new LinkedHashMap<>();
    params.put("threshold", "" + threshold);
    params.put("detectorFwhmMnKaEv", String.format("%.1f", fwhm));
    params.put("beamEv", "" + beamEv);
    return new Identification(out, fwhm, new AlgorithmInfo("eds-identify", VERSION,
        "top-hat peak search (Statham 1977) + family consistency + Gaussian LLS (Fiori & Newbury"
            + " 1978 resolution); overlaps after Newbury, Scanning 31 (2009) 91",
        params));
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
          double score = consistency(z, f, p, s, fs, var, res, beamEv, maxEv);
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
