package io.alloyflow.eds.quant;

import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.background.ContinuumFit;
import io.alloyflow.eds.background.Snip;
import io.alloyflow.eds.calibration.ResolutionEstimator;
import io.alloyflow.eds.io.EmsaReader;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.peaks.GaussianFamilyFit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Standardless (first-principles) quantification, for elements that have no measured standard.
 * Net counts of every requested element's analytical family are fitted in the unknown (SNIP
 * background, Gaussian line families with the elements' other families as nuisance terms,
 * {@link GaussianFamilyFit}); the intensity a pure element would give is computed by {@link
 * StandardlessPhysics} (Casnati 1982 cross-section, xraylib fluorescence yield and radiative rate,
 * XPP, detector efficiency with the window fitted to the unknown's continuum by {@link
 * ContinuumFit} and the active/dead silicon layers of the EMSA header); mass fractions follow by
 * the fixed-point XPP iteration and are normalised to 100 % (the instrument constant, solid angle
 * times dose, is unknown).
 *
 * <p>Elements that do have a measured standard keep it: the standard's fitted intensity gives the
 * instrument constant for that element (a standards-based k-ratio with the same fit and XPP), and
 * the geometric mean of those constants scales the first-principles intensities of the others, so
 * a mixed analysis still normalises to 100 % but the pre-normalisation total is reported.
 *
 * <p>Accuracy: first-principles standardless EDS analysis errs by +-10-25 % relative for majors,
 * worse for light elements (Newbury, Swyt and Myklebust, Anal. Chem. 67 (1995) 1866, "'Standardless'
 * quantitative electron probe microanalysis with energy-dispersive X-ray spectrometry: is it worth
 * the risk?"); every element quantified this way carries a 15 % relative model sigma and is
 * listed in {@link Result#standardless()}, and a warning says so.
 *
 * <p>The {@code kRatio} of every element here is relative to the pure element (measured standards
 * converted through XPP, or computed), scaled by the instrument constant the normalisation
 * implies; it is not comparable with a k-ratio against a compound standard.
 */
public final class StandardlessQuantifier {
  private StandardlessQuantifier() {}

  /** Algorithm version, bumped when results may change. */
  public static final String VERSION = "1.0";

  /** Relative 1-sigma model uncertainty of a first-principles pure-element intensity. */
  public static final double MODEL_SIGMA = 0.15;

  /** Active silicon thickness used when the EMSA header gives none (#TACTLYR), cm. */
  public static final double DEFAULT_ACTIVE_CM = 0.045;

  /**
   * Result.
   *
   * @param quantification the normalised quantification (analytical total 1 by construction)
   * @param standardless elements whose pure-element intensity was computed, not measured
   * @param instrumentFactors element -> measured/computed pure-element intensity, for elements
   *     with a standard (their spread measures the first-principles model's error); empty when
   *     none
   * @param windowCarbonGcm2 fitted carbon-equivalent detector window
   * @param totalBeforeNormalisation sum of mass fractions before normalising (meaningful only
   *     when at least one standard anchors the instrument constant; NaN otherwise)
   */
  public record Result(
      Quantification quantification,
      Set<String> standardless,
      Map<String, Double> instrumentFactors,
      double windowCarbonGcm2,
      double totalBeforeNormalisation) {
    public Result {
      standardless = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(standardless));
      instrumentFactors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instrumentFactors));
    }
  }

  private record Fitted(double net, double sigma) {}

  /**
   * Quantifies an unknown; elements without a standard are quantified from first principles.
   *
   * @param unknown the unknown (beam energy, live time and takeoff angle required)
   * @param elements elements to quantify (O is computed by stoichiometry when options say so)
   * @param standards element -> measured standard (may be empty)
   * @param compositions element -> composition of its standard (else {@code ##D2STDCMP}, else
   *     pure)
   * @param options options (oxygen mode, valences, families, resolution, XPP iteration)
   */
  public static Result quantify(
      Spectrum unknown, List<String> elements, Map<String, Spectrum> standards,
      Map<String, Map<String, Double>> compositions, QuantOptions options) {
    Quantifier.checkConditions("unknown", unknown);
    boolean stoich = options.oxygen() == OxygenMode.STOICHIOMETRY;
    List<String> measured = new ArrayList<>();
    for (String e : elements) {
      String s = e.strip();
      XrayData.z(s);
      if (stoich && s.equals("O")) {
        continue;
      }
      if (measured.contains(s)) {
        throw new IllegalArgumentException("element " + s + " is listed twice");
      }
      measured.add(s);
    }
    if (measured.isEmpty()) {
      throw new IllegalArgumentException(
          "no element to quantify: list the elements (oxygen by stoichiometry is computed)");
    }
    List<String> warnings = new ArrayList<>();
    double beamEv = unknown.beamEnergyKeV() * 1000;
    double takeoff = Math.toRadians(unknown.takeoffAngleDeg());
    double fwhm = Double.isNaN(options.detectorFwhmMnKaEv())
        ? ResolutionEstimator.estimateMnKa(unknown, 132.0) : options.detectorFwhmMnKaEv();
    DetectorResolution res = DetectorResolution.of(fwhm);

    List<String> symbols = new ArrayList<>(measured);
    if (stoich) {
      symbols.add("O");
    }
    int m = measured.size();
    int ne = symbols.size();
    int[] z = symbols.stream().mapToInt(XrayData::z).toArray();
    Family[] fam = new Family[m];
    for (int j = 0; j < m; j++) {
      fam[j] = options.families().getOrDefault(measured.get(j),
          XrayData.analyticalFamily(z[j], beamEv));
    }
    Map<String, Fitted> fit = fit(unknown, symbols, options, res, beamEv);
    double doseU = Quantifier.dose(unknown);
    double[] rate = new double[m];
    double[] rateSig = new double[m];
    for (int j = 0; j < m; j++) {
      Fitted f = fit.get(measured.get(j) + " " + fam[j]);
      rate[j] = f.net() / doseU;
      rateSig[j] = f.sigma() / doseU;
      if (!(f.net() > 0)) {
        warnings.add(measured.get(j) + ": fitted net counts " + String.format(Locale.ROOT, "%.4g",
            f.net()) + " are not positive (element absent or below detection)");
      }
    }

    StandardlessPhysics.Detector det = new StandardlessPhysics.Detector(0,
        header(unknown, "#TDEADLYR", 0), header(unknown, "#TACTLYR", DEFAULT_ACTIVE_CM));
    // composition for the first continuum fit: equal parts of the measured elements
    double[] c = new double[ne];
    java.util.Arrays.fill(c, 1.0 / ne);
    double[] g = new double[m];
    Map<String, Double> factors = new LinkedHashMap<>();
    Set<String> standardless = new LinkedHashSet<>();
    int iterations = 0;
    boolean converged = false;
    // normalisation divisor of the last iteration: the instrument constant when it is unknown
    double scale = 1;
    for (int pass = 0; pass < 2; pass++) {
      det = new StandardlessPhysics.Detector(window(unknown, symbols, c, res),
          det.deadLayerCm(), det.activeLayerCm());
      // instrument constants: measured standards anchor their element; others share the mean
      factors.clear();
      standardless.clear();
      double logSum = 0;
      for (int j = 0; j < m; j++) {
        Spectrum std = standards == null ? null : standards.get(measured.get(j));
        if (std == null) {
          standardless.add(measured.get(j));
          continue;
        }
        g[j] = standardFactor(measured.get(j), fam[j], std, compositions, options, res, det,
            beamEv, takeoff, unknown);
        factors.put(measured.get(j), g[j]);
        logSum += Math.log(g[j]);
      }
      double gMean = factors.isEmpty() ? 1.0 : Math.exp(logSum / factors.size());
      for (int j = 0; j < m; j++) {
        if (standardless.contains(measured.get(j))) {
          g[j] = gMean;
        }
      }
      // first guess from pure-element intensities, then the XPP fixed point
      if (pass == 0) {
        for (int j = 0; j < m; j++) {
          double pure = StandardlessPhysics.intensityPerMassFraction(new int[] {z[j]},
              new double[] {1}, z[j], fam[j], beamEv, takeoff, det);
          c[j] = Math.max(rate[j], 0) / (g[j] * pure) + 1e-6;
        }
        finish(c, symbols, stoich, options, factors.isEmpty());
      }
      converged = false;
      for (iterations = 1; iterations <= options.maxIterations(); iterations++) {
        double[] next = c.clone();
        for (int j = 0; j < m; j++) {
          double t = StandardlessPhysics.intensityPerMassFraction(z, c, z[j], fam[j], beamEv,
              takeoff, det);
          next[j] = Math.max(rate[j], 0) / (g[j] * t) + 1e-9;
        }
        scale = finish(next, symbols, stoich, options, factors.isEmpty());
        double change = 0;
        for (int i = 0; i < ne; i++) {
          change = Math.max(change, Math.abs(next[i] - c[i]));
        }
        c = next;
        if (change < options.tolerance()) {
          converged = true;
          break;
        }
      }
    }
    if (!converged) {
      warnings.add("XPP iteration did not converge in " + options.maxIterations() + " iterations");
    }
    // pre-normalisation total (absolute only when standards anchor the instrument constant)
    double raw = 0;
    for (double v : c) {
      raw += v;
    }
    double totalBefore = factors.isEmpty() ? Double.NaN : raw;
    double[] cn = new double[ne];
    for (int i = 0; i < ne; i++) {
      cn[i] = c[i] / raw;
    }
    // effective instrument constant after normalisation, for the virtual k-ratios
    double[] sig = new double[ne];
    double molSum = 0;
    for (int i = 0; i < ne; i++) {
      molSum += cn[i] / XrayData.atomicWeight(z[i]);
    }
    Map<String, ElementQuant> out = new LinkedHashMap<>();
    for (int j = 0; j < m; j++) {
      double rk = rateSig[j] / Math.max(Math.abs(rate[j]), 1e-300);
      double rm = standardless.contains(measured.get(j)) ? MODEL_SIGMA
          : (fam[j] == Family.K && XrayData.family(z[j], fam[j]).get(0).energyEv() < 1000
              ? options.modelSigmaLight() : options.modelSigmaMedium());
      sig[j] = cn[j] * Math.sqrt(rk * rk + rm * rm);
    }
    if (stoich) {
      double var = 0;
      for (int j = 0; j < m; j++) {
        var += Math.pow(Stoichiometry.oxygenPerCationMass(measured.get(j), options) * sig[j], 2);
      }
      sig[ne - 1] = Math.sqrt(var);
    }
    List<OxideQuant> oxides = new ArrayList<>();
    double totalVar = 0;
    for (int i = 0; i < ne; i++) {
      String sym = symbols.get(i);
      double at = cn[i] / XrayData.atomicWeight(z[i]) / molSum;
      double atSig = at * sig[i] / Math.max(cn[i], 1e-300) * Math.sqrt(Math.max(0, 1 - at));
      totalVar += sig[i] * sig[i];
      if (i < m) {
        double pure = StandardlessPhysics.intensityPerMassFraction(new int[] {z[i]},
            new double[] {1}, z[i], fam[i], beamEv, takeoff, det);
        // k-ratio against the (virtual) pure element, with the instrument constant g * scale
        double k = rate[i] / (g[i] * scale * pure);
        double kSig = k * rateSig[i] / Math.max(Math.abs(rate[i]), 1e-300);
        Fitted f = fit.get(sym + " " + fam[i]);
        out.put(sym, new ElementQuant(sym, z[i], fam[i].name(), k, kSig, cn[i], sig[i], at, atSig,
            f.net(), f.sigma(), standardless.contains(sym) ? "standardless (first principles)"
                : standards.get(sym).title(), false));
        OxideQuant oxide = stoich ? Stoichiometry.oxide(sym, cn[i], sig[i], options) : null;
        if (oxide != null) {
          oxides.add(oxide);
        }
      } else {
        out.put(sym, new ElementQuant(sym, z[i], "-", Double.NaN, Double.NaN, cn[i], sig[i], at,
            atSig, Double.NaN, Double.NaN, "stoichiometry", true));
      }
    }
    if (!standardless.isEmpty()) {
      warnings.add(0, "STANDARDLESS: " + String.join(", ", standardless)
          + " quantified without standards (first-principles pure-element intensities: Casnati"
          + " 1982 cross-sections, xraylib yields and rates, XPP, fitted detector window);"
          + " result normalised to 100 %; expect errors of 10-25 % relative, more for light"
          + " elements");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("oxygen", options.oxygen().name());
    params.put("detectorFwhmMnKaEv", String.format(Locale.ROOT, "%.1f", fwhm));
    params.put("windowCarbonGcm2", String.format(Locale.ROOT, "%.3g", det.windowCarbonGcm2()));
    params.put("activeLayerCm", "" + det.activeLayerCm());
    params.put("deadLayerCm", "" + det.deadLayerCm());
    params.put("standardless", String.join(",", standardless));
    params.put("modelSigmaStandardless", "" + MODEL_SIGMA);
    params.put("elements", String.join(",", symbols));
    AlgorithmInfo info = new AlgorithmInfo("eds-standardless-xpp", VERSION,
        "Casnati, Tartari & Baraldi, J. Phys. B 15 (1982) 155 (ionisation); xraylib (Schoonjans"
            + " et al., Spectrochim. Acta B 66 (2011) 776) yields and rates; Pouchou & Pichoir,"
            + " XPP, in Electron Probe Quantitation, Plenum 1991; normalised to 100 %",
        params);
    Quantification q = new Quantification(out, oxides, 1.0, Math.sqrt(totalVar), iterations,
        converged, fwhm, Double.NaN, warnings, info);
    return new Result(q, standardless, factors, det.windowCarbonGcm2(), totalBefore);
  }

  /** Adds oxygen by stoichiometry (last entry) and, for fully standardless runs, normalises. */
  private static double finish(
      double[] c, List<String> symbols, boolean stoich, QuantOptions o, boolean normalise) {
    int ne = symbols.size();
    if (stoich) {
      double ox = 0;
      for (int i = 0; i < ne - 1; i++) {
        ox += Stoichiometry.oxygenPerCationMass(symbols.get(i), o) * c[i];
      }
      c[ne - 1] = ox;
    }
    if (!normalise) {
      return 1;
    }
    double s = 0;
    for (double v : c) {
      s += v;
    }
    for (int i = 0; i < ne; i++) {
      c[i] /= s;
    }
    return s;
  }

  /**
   * Fits the analytical and other families of the given elements (and of O, always, as it is in
   * most specimens' spectra) in a spectrum; returns "Sym FAMILY" -> net counts.
   */
  private static Map<String, Fitted> fit(
      Spectrum s, List<String> elements, QuantOptions o, DetectorResolution res, double beamEv) {
    List<GaussianFamilyFit.Term> terms = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>(elements);
    for (String el : seen) {
      int z = XrayData.z(el);
      for (Family f : Family.values()) {
        List<XrayLine> lines = XrayData.family(z, f);
        if (lines.isEmpty() || lines.get(0).energyEv() < 150 || lines.get(0).energyEv() >= beamEv
            || XrayData.familyEdgeEv(z, f) >= beamEv
            || s.axis().channel(lines.get(0).energyEv()) >= s.channels() - 1) {
          continue;
        }
        terms.add(new GaussianFamilyFit.Term(z, f));
      }
    }
    double[] gross = s.counts();
    double[] bg = Snip.background(gross, s.axis(), res, 1.5);
    double[] net = new double[gross.length];
    for (int i = 0; i < net.length; i++) {
      net[i] = gross[i] - bg[i];
    }
    double f0 = res.fwhmMnKaEv();
    GaussianFamilyFit.Result r = GaussianFamilyFit.fitWithResolution(net, gross, s.axis(), beamEv,
        terms, 0.85 * f0, 1.15 * f0);
    Map<String, Fitted> out = new LinkedHashMap<>();
    for (GaussianFamilyFit.Fitted f : r.terms()) {
      out.put(f.term().label(), new Fitted(f.netCounts(), f.netCountsSigma()));
    }
    for (String el : elements) {
      int z = XrayData.z(el);
      Family f = o.families().getOrDefault(el, XrayData.analyticalFamily(z, beamEv));
      if (!out.containsKey(el + " " + f) && !(el.equals("O")
          && o.oxygen() == OxygenMode.STOICHIOMETRY)) {
        throw new IllegalArgumentException("element " + el + ": its " + f
            + " lines are not inside the spectrum (0.15 keV .. beam energy and the last channel)");
      }
    }
    return out;
  }

  /** Carbon-equivalent window from the continuum of the spectrum at composition c. */
  private static double window(
      Spectrum s, List<String> symbols, double[] c, DetectorResolution res) {
    Map<String, Double> comp = new LinkedHashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      comp.put(symbols.get(i), Math.max(c[i], 1e-6));
    }
    double w = ContinuumFit.fit(s, comp, res).windowMassThickness();
    return Math.min(Math.max(w, 0), 0.0099);
  }

  /** Measured / computed pure-element intensity of an element from its standard. */
  private static double standardFactor(
      String sym, Family fam, Spectrum std, Map<String, Map<String, Double>> compositions,
      QuantOptions o, DetectorResolution res, StandardlessPhysics.Detector det, double beamEv,
      double takeoff, Spectrum unknown) {
    Quantifier.checkConditions("standard for " + sym, std);
    Stoichiometry.checkSameBeamEnergy(sym, unknown, std);
    Map<String, Double> comp = compositions == null ? null : compositions.get(sym);
    if (comp == null || comp.isEmpty()) {
      comp = EmsaReader.standardComposition(std);
    }
    if (comp.isEmpty()) {
      comp = Map.of(sym, 1.0);
    }
    if (!(comp.getOrDefault(sym, 0.0) > 0)) {
      throw new IllegalArgumentException("standard for " + sym + " ('" + std.title()
          + "') does not contain " + sym + ": its composition is " + comp);
    }
    List<String> els = new ArrayList<>(comp.keySet());
    Map<String, Fitted> f = fit(std, els, o.withOxygen(OxygenMode.MEASURED), res, beamEv);
    Fitted n = f.get(sym + " " + fam);
    if (n == null || !(n.net() > 0)) {
      throw new IllegalArgumentException("standard for " + sym + " ('" + std.title()
          + "') shows no " + fam + " peak of " + sym);
    }
    int[] z = els.stream().mapToInt(XrayData::z).toArray();
    double[] c = els.stream().mapToDouble(comp::get).toArray();
    double t = StandardlessPhysics.intensityPerMassFraction(z, c, XrayData.z(sym), fam, beamEv,
        Math.toRadians(std.takeoffAngleDeg()), det);
    return n.net() / Quantifier.dose(std) / (comp.get(sym) * t);
  }

  private static double header(Spectrum s, String key, double fallback) {
    String v = s.metadata().get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v.strip());
      return d > 0 && d < 1 ? d : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
