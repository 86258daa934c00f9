package io.alloyflow.eds.quant;

import io.alloyflow.eds.calibration.Normalization;
import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.PhiRhoZ;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.calibration.AxisResampling;
import io.alloyflow.eds.calibration.ResolutionEstimator;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.peaks.FilterFit;
import io.alloyflow.eds.peaks.FitReference;
import io.alloyflow.eds.peaks.Rois;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standards-based EDS quantification of bulk specimens: k-ratios by filter fitting the unknown
 * against the measured standards ({@link FilterFit}), normalised per unit dose (live time x probe
 * current); phi(rho z) matrix correction of Pouchou and Pichoir, PAP ({@link
 * io.alloyflow.core.xray.Pap}, default) or XPP ({@link io.alloyflow.core.xray.Xpp}), chosen by
 * {@link QuantOptions#matrixCorrection()}, iterated to convergence
 * (fixed-point iteration C_A = k_A C_A,std F_std(chi_std) / F_unk(chi_unk; C)), oxygen measured
 * or by stoichiometry, atomic fractions, oxides, analytical total, and propagated uncertainties
 * (counting statistics of unknown and standard through the k-ratio, plus a relative
 * matrix-correction model term given in {@link QuantOptions} and, when the continuum fluorescence
 * correction is on, 50 % of the difference of that correction between unknown and standard;
 * first-order propagation, correlations neglected).
 */
public final class Quantifier {
  private Quantifier() {}

  /**
   * Relative 1-sigma of the continuum-fluorescence term (see {@link ContinuumFluorescence}): its
   * absolute scale rests on Kramers' constant and on the absolute K-shell cross-section, and the
   * Bethe constants in use (b = 0.35, c = 1, as in Goldstein et al. 2003) and Powell's fitted ones
   * (b = 0.9, c = 0.65) differ by a factor 1.5 in the primary yield at U0 ~ 3.
   */
  public static final double CONTINUUM_FLUORESCENCE_REL_SIGMA = 0.5;

  /** Algorithm version, bumped when results may change. */
  public static final String VERSION = "1.2";

  /** Default cation valences for oxygen by stoichiometry. */
  public static final Map<String, Integer> DEFAULT_VALENCES =
      Map.ofEntries(
          Map.entry("H", 1), Map.entry("Li", 1), Map.entry("Be", 2), Map.entry("B", 3),
          Map.entry("C", 4), Map.entry("N", 5), Map.entry("Na", 1), Map.entry("Mg", 2),
          Map.entry("Al", 3), Map.entry("Si", 4), Map.entry("P", 5), Map.entry("S", 6),
          Map.entry("K", 1), Map.entry("Ca", 2), Map.entry("Sc", 3), Map.entry("Ti", 4),
          Map.entry("V", 5), Map.entry("Cr", 3), Map.entry("Mn", 2), Map.entry("Fe", 2),
          Map.entry("Co", 2), Map.entry("Ni", 2), Map.entry("Cu", 2), Map.entry("Zn", 2),
          Map.entry("Ga", 3), Map.entry("Ge", 4), Map.entry("Rb", 1), Map.entry("Sr", 2),
          Map.entry("Y", 3), Map.entry("Zr", 4), Map.entry("Nb", 5), Map.entry("Mo", 6),
          Map.entry("Ag", 1), Map.entry("Sn", 4), Map.entry("Sb", 3), Map.entry("Ba", 2),
          Map.entry("La", 3), Map.entry("Ce", 4), Map.entry("Nd", 3), Map.entry("Hf", 4),
          Map.entry("Ta", 5), Map.entry("W", 6), Map.entry("Pb", 2), Map.entry("Bi", 3),
          Map.entry("Th", 4), Map.entry("U", 4), Map.entry("F", -1), Map.entry("Cl", -1));

  private record Measured(
      String symbol,
      int z,
      Family family,
      List<XrayLine> lines,
      Spectrum standard,
      int[] stdZ,
      double[] stdC,
      double stdMassFraction,
      double stdEmitted) {}

  /**
   * Quantifies an unknown.
   *
   * @param unknown the unknown spectrum
   * @param standards element symbol -> standard spectrum
   * @param compositions element symbol -> composition of that element's standard (symbol -> mass
   *     fraction 0..1); when absent the standard's {@code ##D2STDCMP} header is used; when that is
   *     absent too the standard is taken as the pure element (and a warning is added)
   * @param options options
   * @throws IllegalArgumentException with a one-line message on inconsistent input
   */
  public static Quantification quantify(
      Spectrum unknown,
      Map<String, Spectrum> standards,
      Map<String, Map<String, Double>> compositions,
      QuantOptions options) {
    List<String> warnings = new ArrayList<>();
    checkConditions("unknown", unknown);
    if (standards.isEmpty()) {
      throw new IllegalArgumentException("no standards given: need at least one element=standard");
    }
    double beamEv = unknown.beamEnergyKeV() * 1000;
    double takeoff = Math.toRadians(unknown.takeoffAngleDeg());
    double fwhm =
        Double.isNaN(options.detectorFwhmMnKaEv())
            ? ResolutionEstimator.estimateMnKa(unknown, 132.0)
            : options.detectorFwhmMnKaEv();
    DetectorResolution res = DetectorResolution.of(fwhm);

    List<Measured> measured = new ArrayList<>();
    List<FitReference> refs = new ArrayList<>();
    Map<String, String> calibrations = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Spectrum> e : standards.entrySet()) {
      String sym = e.getKey();
      int z = XrayData.z(sym);
      Spectrum std = e.getValue();
      checkConditions("standard for " + sym, std);
      checkCompatible(sym, unknown, std);
      if (!AxisResampling.sameAxis(unknown, std)) {
        // a standard measured on another day: re-derived on the unknown's energy axis
        calibrations.put(sym, AxisResampling.describe(std) + " resampled to the unknown's");
        std = AxisResampling.resample(std, unknown.axis(), unknown.channels());
      } else {
        calibrations.put(sym, AxisResampling.describe(std));
      }
      Measured me0 = measure(sym, std, compositions, options, beamEv, takeoff, warnings);
      Family fam = me0.family();
      measured.add(me0);
      refs.add(
          new FitReference(
              sym, fam, std,
              Rois.of(z, fam, std.axis(), std.channels(), res, beamEv, options.roiWidthFwhm(),
                  0.01)));
    }
    // other line families of the standards' elements are fitted too (e.g. Fe L next to O K),
    // as nuisance terms, so that their intensity is not attributed to a neighbour
    for (Measured me : measured) {
      for (Family f : Family.values()) {
        if (f == me.family() || options.families().containsKey(me.symbol() + "#" + f)) {
          continue;
        }
        List<XrayLine> fl = XrayData.family(me.z(), f);
        if (fl.isEmpty() || fl.get(0).energyEv() < 150 || fl.get(0).energyEv() >= beamEv
            || XrayData.familyEdgeEv(me.z(), f) >= beamEv) {
          continue;
        }
        List<int[]> rois = Rois.of(me.z(), f, me.standard().axis(), me.standard().channels(), res,
            beamEv, options.roiWidthFwhm(), 0.01);
        if (!rois.isEmpty()) {
          refs.add(new FitReference(me.symbol(), f, me.standard(), rois));
        }
      }
    }
    FilterFit.Result fit = FilterFit.fit(unknown, refs, res);
    double doseU = dose(unknown);
    if (Double.isNaN(unknown.probeCurrentNa())) {
      warnings.add("unknown has no probe current: k-ratios normalised by live time only");
    }

    int m = measured.size();
    double[] k = new double[m];
    double[] kSig = new double[m];
    for (int j = 0; j < m; j++) {
      FilterFit.Term t = fit.terms().get(j);
      Spectrum std = measured.get(j).standard();
      double doseS = dose(std);
      k[j] = t.scale() * doseS / doseU;
      double rFit = t.scaleSigma() / Math.max(Math.abs(t.scale()), 1e-300);
      double rStd = t.referenceNetSigma() / Math.max(t.referenceNetCounts(), 1e-300);
      kSig[j] = Math.abs(k[j]) * Math.sqrt(rFit * rFit + rStd * rStd);
      if (k[j] <= 0) {
        warnings.add(
            measured.get(j).symbol() + ": k-ratio " + String.format("%.4g", k[j])
                + " is not positive (element absent or below detection)");
      }
    }

    // composition vector: measured elements (+ O by stoichiometry)
    boolean stoich = options.oxygen() == OxygenMode.STOICHIOMETRY;
    List<String> symbols = new ArrayList<>();
    for (Measured me : measured) {
      symbols.add(me.symbol());
    }
    int oIndex = symbols.indexOf("O");
    if (stoich && oIndex < 0) {
      symbols.add("O");
      oIndex = symbols.size() - 1;
    }
    int ne = symbols.size();
    int[] zAll = new int[ne];
    for (int i = 0; i < ne; i++) {
      zAll[i] = XrayData.z(symbols.get(i));
    }
    double[] c = new double[ne];
    int iterOut = iterate(measured, symbols, zAll, k, stoich, oIndex, beamEv, takeoff, options, c);
    boolean converged = iterOut > 0;
    int iter = Math.abs(iterOut);
    if (!converged) {
      warnings.add(options.matrixCorrection() + " iteration did not converge in " + iter
          + " iterations");
    }
    if (stoich) {
      oxygenByStoichiometry(symbols, c, options, warnings, true);
    }

    // uncertainties
    double[] cSig = new double[ne];
    for (int j = 0; j < m; j++) {
      if (stoich && j == oIndex) {
        continue;
      }
      double rk = kSig[j] / Math.max(Math.abs(k[j]), 1e-300);
      Measured me = measured.get(j);
      double lineEv = me.lines().get(0).energyEv();
      double rm = lineEv < 1000 ? options.modelSigmaLight() : options.modelSigmaMedium();
      double rcf = 0;
      if (options.continuumFluorescence()) {
        // stated model term: half the difference of the continuum-fluorescence correction between
        // unknown and standard (Kramers' constant and the absolute K-shell cross-section)
        double cfU = ContinuumFluorescence.ratio(zAll, c, me.z(), me.family(), lineEv, beamEv,
            takeoff);
        double cfS = ContinuumFluorescence.ratio(me.stdZ(), me.stdC(), me.z(), me.family(),
            lineEv, beamEv, takeoff);
        rcf = CONTINUUM_FLUORESCENCE_REL_SIGMA * Math.abs(cfU - cfS);
      }
      cSig[j] = c[j] * Math.sqrt(rk * rk + rm * rm + rcf * rcf);
    }
    if (stoich) {
      double var = 0;
      for (int i = 0; i < ne; i++) {
        if (i == oIndex) {
          continue;
        }
        double perMass = Stoichiometry.oxygenPerCationMass(symbols.get(i), options);
        var += Math.pow(perMass * cSig[i], 2);
      }
      cSig[oIndex] = Math.sqrt(var);
    }
    double total = 0;
    double totalVar = 0;
    double molSum = 0;
    for (int i = 0; i < ne; i++) {
      total += c[i];
      totalVar += cSig[i] * cSig[i];
      molSum += c[i] / XrayData.atomicWeight(zAll[i]);
    }
    Map<String, ElementQuant> out = new LinkedHashMap<>();
    List<OxideQuant> oxides = new ArrayList<>();
    for (int i = 0; i < ne; i++) {
      String sym = symbols.get(i);
      double at = c[i] / XrayData.atomicWeight(zAll[i]) / molSum;
      double atSig = at * cSig[i] / Math.max(c[i], 1e-300) * Math.sqrt(Math.max(0, 1 - at));
      boolean isStoich = stoich && i == oIndex;
      if (i < m) {
        FilterFit.Term t = fit.terms().get(i);
        out.put(sym, new ElementQuant(sym, zAll[i], isStoich ? "-" : measured.get(i).family().name(),
            k[i], kSig[i], c[i], cSig[i], at, atSig, t.unknownNetCounts(), t.unknownNetSigma(),
            measured.get(i).standard().title(), isStoich));
      } else {
        out.put(sym, new ElementQuant(sym, zAll[i], "-", Double.NaN, Double.NaN, c[i], cSig[i], at,
            atSig, Double.NaN, Double.NaN, "stoichiometry", true));
      }
      OxideQuant oxide = stoich && i != oIndex ? Stoichiometry.oxide(sym, c[i], cSig[i], options)
          : null;
      if (oxide != null) {
        oxides.add(oxide);
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("oxygen", options.oxygen().name());
    params.put("detectorFwhmMnKaEv", String.format("%.1f", fwhm));
    params.put("roiWidthFwhm", "" + options.roiWidthFwhm());
    params.put("unknownCoatingNm", "" + options.unknownCoatingNm());
    params.put("standardCoatingNm", "" + options.standardCoatingNm());
    params.put("modelSigmaMedium", "" + options.modelSigmaMedium());
    params.put("modelSigmaLight", "" + options.modelSigmaLight());
    params.put("fluorescence", "" + options.fluorescence());
    params.put("continuumFluorescence", "" + options.continuumFluorescence());
    params.put("matrixCorrection", options.matrixCorrection().name());
    params.put("elements", String.join(",", symbols));
    params.put("calibration.unknown", AxisResampling.describe(unknown));
    calibrations.forEach((sym, cal) -> params.put("calibration.standard." + sym, cal));
    calibrations.forEach((sym, cal) -> {
      if (cal.endsWith("resampled to the unknown's")) {
        warnings.add("standard for " + sym + " (" + cal.replace(" resampled to the unknown's", "")
            + ") resampled to the unknown's calibration (" + AxisResampling.describe(unknown) + ")");
      }
    });
    AlgorithmInfo info =
        new AlgorithmInfo(
            "eds-filterfit-phirhoz-quant",
            VERSION,
            "Schamber 1977 / Statham 1977 top-hat filter fit (as NIST DTSA-II); Pouchou & Pichoir,"
                + " " + options.matrixCorrection() + ", in Electron Probe Quantitation, Plenum"
                + " 1991, pp 31-75"
                + (options.fluorescence()
                    ? "; characteristic fluorescence after Reed, Brit. J. Appl. Phys. 16 (1965) 913"
                    : " (no characteristic fluorescence correction)")
                + (options.continuumFluorescence()
                    ? "; continuum fluorescence of K lines after Henoc, NBS Spec. Publ. 298 (1968)"
                        + " 197, with Kramers' continuum and Reed's geometry"
                    : ""),
            params);
    return new Quantification(out, oxides, total, Math.sqrt(totalVar), iter, converged, fwhm,
        fit.reducedChiSquare(), warnings, info);
  }

  /**
   * Fixed-point XPP iteration C_A = k_A C_A,std F_std / F_unk(C); fills c (initial guess from the
   * k-ratios) and returns the iteration count, negative when not converged.
   */
  private static int iterate(
      List<Measured> measured, List<String> symbols, int[] zAll, double[] k, boolean stoich,
      int oIndex, double beamEv, double takeoff, QuantOptions options, double[] c) {
    int m = measured.size();
    int ne = symbols.size();
    for (int j = 0; j < m; j++) {
      c[j] = Math.max(k[j] * measured.get(j).stdMassFraction(), 1e-6);
    }
    if (stoich) {
      c[oIndex] = oxygenByStoichiometry(symbols, c, options, null, false);
    }
    int iter = 0;
    while (iter < options.maxIterations()) {
      iter++;
      double[] next = c.clone();
      for (int j = 0; j < m; j++) {
        Measured me = measured.get(j);
        if (stoich && j == oIndex) {
          continue;
        }
        double unkEmitted =
            emitted(zAll, c, me.z(), me.family(), me.lines(), beamEv, takeoff,
                options.unknownCoatingNm(), options);
        next[j] = Math.max(k[j], 0) * me.stdMassFraction() * me.stdEmitted() / unkEmitted;
      }
      if (stoich) {
        next[oIndex] = oxygenByStoichiometry(symbols, next, options, null, false);
      }
      double change = 0;
      for (int i = 0; i < ne; i++) {
        change = Math.max(change, Math.abs(next[i] - c[i]));
        c[i] = Math.max(next[i], 1e-9);
      }
      if (change < options.tolerance()) {
        return iter;
      }
    }
    return -iter;
  }

  /**
   * Matrix correction prepared once for many k-ratio vectors (quantitative maps): the standards'
   * XPP intensities are computed once; {@link #massFractions} then iterates one pixel.
   */
  public static final class Prepared {
    private final List<Measured> measured;
    private final List<String> symbols;
    private final int[] zAll;
    private final boolean stoich;
    private final int oIndex;
    private final double beamEv;
    private final double takeoff;
    private final QuantOptions options;

    private Prepared(List<Measured> measured, List<String> symbols, int[] zAll, boolean stoich,
        int oIndex, double beamEv, double takeoff, QuantOptions options) {
      this.measured = measured;
      this.symbols = symbols;
      this.zAll = zAll;
      this.stoich = stoich;
      this.oIndex = oIndex;
      this.beamEv = beamEv;
      this.takeoff = takeoff;
      this.options = options;
    }

    /** Element symbols of the result vector (measured ones first, then O by stoichiometry). */
    public List<String> symbols() {
      return symbols;
    }

    /** Mass fractions for k-ratios given in the order of the standards map. */
    public double[] massFractions(double[] k) {
      double[] c = new double[symbols.size()];
      iterate(measured, symbols, zAll, k, stoich, oIndex, beamEv, takeoff, options, c);
      return c;
    }
  }

  /**
   * Prepares the matrix correction for k-ratio vectors measured against standards (order of the
   * standards map), at the standards' beam energy and takeoff angle.
   */
  public static Prepared prepare(
      Map<String, Spectrum> standards, Map<String, Map<String, Double>> compositions,
      QuantOptions options) {
    List<Measured> measured = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Spectrum first = standards.values().iterator().next();
    double beamEv = first.beamEnergyKeV() * 1000;
    double takeoff = Math.toRadians(first.takeoffAngleDeg());
    for (Map.Entry<String, Spectrum> e : standards.entrySet()) {
      measured.add(measure(e.getKey(), e.getValue(), compositions, options, beamEv, takeoff,
          warnings));
    }
    List<String> symbols = new ArrayList<>();
    measured.forEach(me -> symbols.add(me.symbol()));
    boolean stoich = options.oxygen() == OxygenMode.STOICHIOMETRY;
    int oIndex = symbols.indexOf("O");
    if (stoich && oIndex < 0) {
      symbols.add("O");
      oIndex = symbols.size() - 1;
    }
    int[] zAll = symbols.stream().mapToInt(XrayData::z).toArray();
    return new Prepared(measured, List.copyOf(symbols), zAll, stoich, oIndex, beamEv, takeoff,
        options);
  }

  /** Resolves a standard's composition, family and lines, and its XPP intensity. */
  private static Measured measure(
      String sym, Spectrum std, Map<String, Map<String, Double>> compositions,
      QuantOptions options, double beamEv, double takeoff, List<String> warnings) {
    int z = XrayData.z(sym);
      Map<String, Double> comp =
          compositions == null ? null : compositions.get(sym);
      if (comp == null || comp.isEmpty()) {
        comp = io.alloyflow.eds.io.EmsaReader.standardComposition(std);
      }
      if (comp.isEmpty()) {
        comp = Map.of(sym, 1.0);
        warnings.add(
            "standard for " + sym + " ('" + std.title()
                + "') has no composition (no ##D2STDCMP, none given): assumed pure " + sym);
      }
      if (!comp.containsKey(sym) || !(comp.get(sym) > 0)) {
        throw new IllegalArgumentException(
            "standard for " + sym + " ('" + std.title() + "') does not contain " + sym
                + ": its composition is " + comp);
      }
      Family fam = options.families().getOrDefault(sym, XrayData.analyticalFamily(z, beamEv));
      List<XrayLine> lines = new ArrayList<>();
      for (XrayLine l : XrayData.family(z, fam)) {
        if (l.weight() >= 0.01 && l.energyEv() < beamEv) {
          lines.add(l);
        }
      }
      if (lines.isEmpty()) {
        throw new IllegalArgumentException(
            "element " + sym + " has no " + fam + " lines below the beam energy " + beamEv + " eV");
      }
      int[] sz = new int[comp.size()];
      double[] sc = new double[comp.size()];
      int i = 0;
      for (Map.Entry<String, Double> ce : comp.entrySet()) {
        sz[i] = XrayData.z(ce.getKey());
        sc[i] = ce.getValue();
        i++;
      }
      double stdEmitted =
          emitted(sz, sc, z, fam, lines, beamEv, takeoff, options.standardCoatingNm(), options);
    return new Measured(sym, z, fam, lines, std, sz, sc, comp.get(sym), stdEmitted);
  }

  /** Dose: live time x probe current ({@link Normalization#dose}). */
  static double dose(Spectrum s) {
    return Normalization.dose(s);
  }

  private static double oxygenByStoichiometry(
      List<String> symbols, double[] c, QuantOptions o, List<String> warnings, boolean warn) {
    double sum = 0;
    for (int i = 0; i < symbols.size(); i++) {
      String s = symbols.get(i);
      if (s.equals("O")) {
        continue;
      }
      if (warn && warnings != null && Stoichiometry.valence(s, o) == 0) {
        warnings.add("no valence known for " + s + ": it adds no oxygen by stoichiometry");
      }
      sum += Stoichiometry.oxygenPerCationMass(s, o) * c[i];
    }
    return sum;
  }

  /**
   * Emitted intensity per unit mass fraction: line-weighted F(chi) of the options' phi(rho z)
   * model (XPP or PAP) x coating transmission.
   */
  static double emitted(
      int[] z, double[] c, int zA, Family fam, List<XrayLine> lines, double beamEv,
      double takeoffRad, double coatingNm, QuantOptions o) {
    double sin = Math.sin(takeoffRad);
    Matrix matrix = Matrix.of(z, c);
    PhiRhoZ shape = null;
    int lastShell = Integer.MIN_VALUE;
    double cf = 0;
    double sum = 0;
    double wsum = 0;
    for (XrayLine l : lines) {
      double edge = XrayData.edgeEv(zA, l.shell());
      if (!(edge > 0) || edge >= beamEv) {
        continue;
      }
      if (shape == null || l.shell() != lastShell) {
        shape = o.matrixCorrection().shape(z, c, zA, fam, edge, beamEv);
        lastShell = l.shell();
        // continuum fluorescence (emitted per generated primary ionisation, F(0) ~ generated),
        // once per shell with the exit absorption of its first (strongest) line
        cf = o.continuumFluorescence()
            ? ContinuumFluorescence.ratio(z, c, zA, fam, l.energyEv(), beamEv, takeoffRad) : 0;
      }
      double chi = matrix.massAttenuation(l.energyEv() / 1000) / sin;
      double t = 1;
      if (coatingNm > 0) {
        double massThickness = o.coatingDensity() * coatingNm * 1e-7;
        t = Math.exp(-XrayData.massAttenuation(6, l.energyEv()) * massThickness / sin);
      }
      double fl = o.fluorescence()
          ? 1 + ReedFluorescence.ratio(z, c, zA, fam, l.energyEv(), beamEv, takeoffRad) : 1;
      sum += l.weight() * (shape.emitted(chi) * fl + cf * shape.emitted(0)) * t;
      wsum += l.weight();
    }
    if (wsum == 0) {
      throw new IllegalArgumentException(
          "no line of " + XrayData.symbol(zA) + " " + fam + " is excited at " + beamEv + " eV");
    }
    return sum / wsum;
  }

  /** Checks the acquisition keywords quantification needs (beam energy, live time, takeoff). */
  static void checkConditions(String what, Spectrum s) {
    if (!(s.beamEnergyKeV() > 0)) {
      throw new IllegalArgumentException(
          what + " ('" + s.title() + "'): beam energy (#BEAMKV) missing or not positive");
    }
    if (!(s.liveTimeS() > 0)) {
      throw new IllegalArgumentException(
          what + " ('" + s.title() + "'): live time (#LIVETIME) missing or not positive");
    }
    if (!(s.takeoffAngleDeg() > 0 && s.takeoffAngleDeg() < 90)) {
      throw new IllegalArgumentException(
          what + " ('" + s.title() + "'): takeoff angle (#ELEVANGLE) missing or not in (0,90)");
    }
  }

  private static void checkCompatible(String sym, Spectrum u, Spectrum s) {
    Stoichiometry.checkSameBeamEnergy(sym, u, s);
    double gu = u.axis().gainEvPerChannel();
    double gs = s.axis().gainEvPerChannel();
    if (Math.abs(gs / gu - 1) > AxisResampling.MAX_RELATIVE_GAIN_DIFFERENCE) {
      throw new IllegalArgumentException(String.format(
          "channel width of the standard for %s (%.4g eV) differs from the unknown's (%.4g eV)"
              + " by more than %.0f %%: not a calibration drift", sym, gs, gu,
          100 * AxisResampling.MAX_RELATIVE_GAIN_DIFFERENCE));
    }
  }
}
