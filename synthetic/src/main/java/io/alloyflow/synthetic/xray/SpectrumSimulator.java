package io.alloyflow.synthetic.xray;

import com.github.tschoonj.xraylib.Xraylib;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.synthetic.random.PoissonSampler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates the EDS spectrum of a bulk, flat, homogeneous target.
 *
 * <p>Characteristic lines: ionisations per electron of each K, L1-L3 and M1-M5 subshell from the
 * Bethe cross-section integrated over the Joy-Luo stopping power, reduced by the backscatter
 * factor R; L-subshell vacancies redistributed by Coster-Kronig transitions (f12, f13, f23);
 * photons = vacancies x fluorescence yield x radiative rate of the line (xraylib); emission
 * through the matrix with an absorption factor: Philibert-Duncumb-Heinrich by default, or the
 * depth distribution of Pouchou and Pichoir's PAP or of the Packwood-Brown Gaussian; or, as a
 * whole, Pouchou and Pichoir's full PAP model for generation and absorption
 * ({@link XrayPhysics.EmissionModel}). Continuum: the
 * emitted thick-target bremsstrahlung of Castellano, Osan and Trincavelli (Spectrochim. Acta B 59,
 * 2004, 313) by default ({@link ContinuumModel}), absorbed like a characteristic line of edge E at
 * the same energy. Detection: solid angle, window/detector efficiency (including the finite
 * thickness of the Si crystal, through which high-energy photons pass), Gaussian response with Fano-limited width ({@link EdsDetector}), optional Si Ka escape peaks
 * with the escape fraction of S. J. B. Reed and N. G. Ware, "Escape peaks and internal
 * fluorescence in X-ray spectra recorded with lithium drifted silicon detectors", J. Phys. E 5
 * (1972) 582, and optional sum (pile-up) peaks for Poisson arrivals with a pulse-pair resolution
 * time. Counting: independent Poisson counts per channel (exact sampler,
 * {@link PoissonSampler}).
 *
 * <p>Not modelled: secondary (characteristic and continuum) fluorescence, incomplete charge
 * collection tails, coincidence losses beyond first-order pile-up, surface coatings.
 */
public final class SpectrumSimulator {

  private SpectrumSimulator() {}

  private static final double ELECTRON_CHARGE = 1.602176634e-19;
  private static final double SI_KA_EV = 1739.98;

  private record Shell(int shell, String name, double electrons, double b) {}

  private record LineDef(int shellIdx, int macro, String name, String family) {}

  private static final Shell[] SHELLS = {
    new Shell(Xraylib.K_SHELL, "K", 2, 0.35),
    new Shell(Xraylib.L1_SHELL, "L1", 2, 0.25),
    new Shell(Xraylib.L2_SHELL, "L2", 2, 0.25),
    new Shell(Xraylib.L3_SHELL, "L3", 4, 0.25),
    new Shell(Xraylib.M1_SHELL, "M1", 2, 0.25),
    new Shell(Xraylib.M2_SHELL, "M2", 2, 0.25),
    new Shell(Xraylib.M3_SHELL, "M3", 4, 0.25),
    new Shell(Xraylib.M4_SHELL, "M4", 4, 0.25),
    new Shell(Xraylib.M5_SHELL, "M5", 6, 0.25),
  };

  private static final LineDef[] LINES = {
    new LineDef(0, Xraylib.KL3_LINE, "Ka1 (KL3)", "K"),
    new LineDef(0, Xraylib.KL2_LINE, "Ka2 (KL2)", "K"),
    new LineDef(0, Xraylib.KM3_LINE, "Kb1 (KM3)", "K"),
    new LineDef(0, Xraylib.KM2_LINE, "Kb3 (KM2)", "K"),
    new LineDef(0, Xraylib.KN3_LINE, "Kb2 (KN3)", "K"),
    new LineDef(0, Xraylib.KN2_LINE, "Kb2' (KN2)", "K"),
    new LineDef(1, Xraylib.L1M3_LINE, "Lb3 (L1M3)", "L"),
    new LineDef(1, Xraylib.L1M2_LINE, "Lb4 (L1M2)", "L"),
    new LineDef(1, Xraylib.L1N3_LINE, "Lg3 (L1N3)", "L"),
    new LineDef(2, Xraylib.L2M4_LINE, "Lb1 (L2M4)", "L"),
    new LineDef(2, Xraylib.L2M1_LINE, "Ln (L2M1)", "L"),
    new LineDef(2, Xraylib.L2N4_LINE, "Lg1 (L2N4)", "L"),
    new LineDef(3, Xraylib.L3M5_LINE, "La1 (L3M5)", "L"),
    new LineDef(3, Xraylib.L3M4_LINE, "La2 (L3M4)", "L"),
    new LineDef(3, Xraylib.L3M1_LINE, "Ll (L3M1)", "L"),
    new LineDef(3, Xraylib.L3N5_LINE, "Lb2 (L3N5)", "L"),
    new LineDef(3, Xraylib.L3N1_LINE, "Lb6 (L3N1)", "L"),
    new LineDef(5, Xraylib.M2N4_LINE, "M2N4", "M"),
    new LineDef(6, Xraylib.M3N5_LINE, "Mg (M3N5)", "M"),
    new LineDef(7, Xraylib.M4N6_LINE, "Mb (M4N6)", "M"),
    new LineDef(8, Xraylib.M5N7_LINE, "Ma1 (M5N7)", "M"),
    new LineDef(8, Xraylib.M5N6_LINE, "Ma2 (M5N6)", "M"),
  };

  /** Characteristic lines (above 100 eV) emitted by a composition at a beam energy (PDH). */
  public static List<EmittedLine> lines(
      Map<String, Double> comp, double beamKeV, double takeoffDeg) {
    return lines(comp, beamKeV, takeoffDeg, XrayPhysics.EmissionModel.BETHE_PDH);
  }

  /** Characteristic lines emitted with a chosen emission (generation and absorption) model. */
  public static List<EmittedLine> lines(
      Map<String, Double> comp, double beamKeV, double takeoffDeg,
      XrayPhysics.EmissionModel emission) {
    checkComposition(comp);
    if (emission == null) {
      throw new IllegalArgumentException("emission model is required");
    }
    if (!(beamKeV > 0.2 && beamKeV <= 100)) {
      throw new IllegalArgumentException("beam energy must be in (0.2, 100] keV, found "
          + beamKeV);
    }
    List<EmittedLine> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      double c = e.getValue();
      if (c <= 0) {
        continue;
      }
      int z = XrayPhysics.z(e.getKey());
      if (z < 3) {
        continue; // H and He emit no characteristic X-rays
      }
      double[] vac = new double[SHELLS.length];
      double[] edge = new double[SHELLS.length];
      for (int s = 0; s < SHELLS.length; s++) {
        final int shell = SHELLS[s].shell();
        edge[s] = safe(() -> Xraylib.EdgeEnergy(z, shell));
        if (edge[s] <= 0 || edge[s] >= beamKeV) {
          continue;
        }
        double u0 = beamKeV / edge[s];
        if (emission == XrayPhysics.EmissionModel.PAP) {
          vac[s] = XrayPhysics.papIonisationsPerElectron(comp, z, c, edge[s],
              SHELLS[s].electrons(), SHELLS[s].b(), beamKeV,
              XrayPhysics.papExponent(z, SHELLS[s].name().substring(0, 1)));
        } else {
          double n = XrayPhysics.ionisationsPerElectron(
              comp, z, c, edge[s], SHELLS[s].electrons(), SHELLS[s].b(), beamKeV);
          vac[s] = n * XrayPhysics.backscatterFactor(comp, u0, beamKeV);
        }
      }
      // Coster-Kronig redistribution among L subshells
      double f12 = safe(() -> Xraylib.CosKronTransProb(z, Xraylib.FL12_TRANS));
      double f13 = safe(() -> Xraylib.CosKronTransProb(z, Xraylib.FL13_TRANS));
      double f23 = safe(() -> Xraylib.CosKronTransProb(z, Xraylib.FL23_TRANS));
      double l1 = vac[1];
      double l2 = vac[2] + f12 * l1;
      double l3 = vac[3] + f13 * l1 + f23 * l2;
      vac[2] = l2;
      vac[3] = l3;
      for (LineDef ld : LINES) {
        double v = vac[ld.shellIdx()];
        if (v <= 0) {
          continue;
        }
        double energy = safe(() -> Xraylib.LineEnergy(z, ld.macro()));
        if (energy < 0.1) {
          continue;
        }
        final int shell = SHELLS[ld.shellIdx()].shell();
        double omega = safe(() -> Xraylib.FluorYield(z, shell));
        double rate = safe(() -> Xraylib.RadRate(z, ld.macro()));
        double gen = v * omega * rate / (4 * Math.PI);
        if (gen <= 0) {
          continue;
        }
        double f = XrayPhysics.absorptionFactor(emission, comp, energy, edge[ld.shellIdx()],
            beamKeV, takeoffDeg, XrayPhysics.papExponent(z, ld.family()));
        out.add(new EmittedLine(e.getKey(), ld.name(), ld.family(), energy * 1000, gen, gen * f));
      }
    }
    return out;
  }

  private interface DoubleCall {
    double get();
  }

  private static double safe(DoubleCall c) {
    try {
      double v = c.get();
      return Double.isFinite(v) ? v : 0;
    } catch (IllegalArgumentException e) {
      return 0; // xraylib has no data for this element/shell/line
    }
  }

  static void checkComposition(Map<String, Double> comp) {
    if (comp == null || comp.isEmpty()) {
      throw new IllegalArgumentException("composition is empty");
    }
    double s = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      if (!(e.getValue() >= 0)) {
        throw new IllegalArgumentException(
            "mass fraction of " + e.getKey() + " must be >= 0, found " + e.getValue());
      }
      XrayPhysics.z(e.getKey());
      s += e.getValue();
    }
    if (!(s > 0.5 && s < 1.5)) {
      throw new IllegalArgumentException(
          "mass fractions must sum to about 1 (0.5..1.5), found " + s + " in " + comp);
    }
  }

  /**
   * Noiseless expected counts per channel.
   *
   * @param comp element to mass fraction
   * @param beamKeV beam energy
   * @param liveTimeS live time (s)
   * @param probeCurrentNa probe current (nA)
   * @param det detector
   * @param shiftEv calibration error: every event is recorded at its energy + shiftEv
   */
  public static double[] expected(
      Map<String, Double> comp, double beamKeV, double liveTimeS, double probeCurrentNa,
      EdsDetector det, double shiftEv) {
    return expected(comp, beamKeV, liveTimeS, probeCurrentNa, det, shiftEv, 0, null);
  }

  /**
   * Noiseless expected counts per channel for a target with a conductive carbon coating.
   *
   * @param carbonCoatNm thickness of a carbon coat on the target (density 1.9 g/cm^3), nm; the
   *     emitted X-rays are attenuated by exp(-mu_C rho t csc(takeoff)) (electron energy loss in
   *     the coat is neglected)
   * @param onlyElement when not null, only this element's characteristic lines (no continuum,
   *     no pile-up): a reference peak shape for fitting
   */
  public static double[] expected(
      Map<String, Double> comp, double beamKeV, double liveTimeS, double probeCurrentNa,
      EdsDetector det, double shiftEv, double carbonCoatNm, String onlyElement) {
    return expected(comp, beamKeV, liveTimeS, probeCurrentNa, det, shiftEv, carbonCoatNm,
        onlyElement, ContinuumModel.CASTELLANO_2004);
  }

  /** Bremsstrahlung models available to {@link #expected}. */
  public enum ContinuumModel {
    /** Castellano, Osan and Trincavelli, Spectrochim. Acta B 59 (2004) 313 (the default). */
    CASTELLANO_2004,
    /** Kramers (1923) with k = 2.2e-9 / eV (4 pi) and the Small et al. exponent (previous). */
    KRAMERS_1923
  }

  /**
   * Noiseless expected counts per channel with a chosen continuum model (see
   * {@link #expected(Map, double, double, double, EdsDetector, double, double, String)}).
   */
  public static double[] expected(
      Map<String, Double> comp, double beamKeV, double liveTimeS, double probeCurrentNa,
      EdsDetector det, double shiftEv, double carbonCoatNm, String onlyElement,
      ContinuumModel model) {
    return expected(comp, beamKeV, liveTimeS, probeCurrentNa, det, shiftEv, carbonCoatNm,
        onlyElement, model, XrayPhysics.EmissionModel.BETHE_PDH);
  }

  /**
   * Noiseless expected counts per channel with chosen continuum and emission models (lines and
   * continuum are absorbed through the same depth-distribution model).
   */
  public static double[] expected(
      Map<String, Double> comp, double beamKeV, double liveTimeS, double probeCurrentNa,
      EdsDetector det, double shiftEv, double carbonCoatNm, String onlyElement,
      ContinuumModel model, XrayPhysics.EmissionModel emission) {
    if (emission == null) {
      throw new IllegalArgumentException("emission model is required");
    }
    if (model == null) {
      throw new IllegalArgumentException("continuum model is required");
    }
    if (!(carbonCoatNm >= 0)) {
      throw new IllegalArgumentException("carbon coat thickness must be >= 0 nm, found "
          + carbonCoatNm);
    }
    if (!(liveTimeS > 0) || !(probeCurrentNa > 0)) {
      throw new IllegalArgumentException("live time and probe current must be positive, found "
          + liveTimeS + " s, " + probeCurrentNa + " nA");
    }
    double electrons = probeCurrentNa * 1e-9 * liveTimeS / ELECTRON_CHARGE;
    double scale = electrons * det.solidAngleSr();
    EnergyAxis ax = det.axis();
    int nch = det.channels();
    double[] spec = new double[nch];
    double gainKeV = ax.gainEvPerChannel() / 1000;
    // continuum, generated on the channel grid, then blurred
    double[] cont = new double[nch];
    for (int ch = 0; ch < nch; ch++) {
      double eEv = ax.energyEv(ch);
      double eKeV = eEv / 1000;
      if (eEv < 50 || eKeV >= beamKeV) {
        continue;
      }
      double n = (model == ContinuumModel.CASTELLANO_2004
          ? XrayPhysics.continuum(comp, eKeV, beamKeV)
          : XrayPhysics.kramersContinuum(comp, eKeV, beamKeV)) * gainKeV;
      double f = XrayPhysics.absorptionFactor(emission, comp, eKeV, eKeV, beamKeV,
          det.takeoffDeg(), 0.86);
      cont[ch] = onlyElement != null ? 0
          : n * f * det.efficiency(eKeV) * scale * coat(eKeV, carbonCoatNm, det);
    }
    for (int ch = 0; ch < nch; ch++) {
      if (cont[ch] > 0) {
        deposit(spec, det, ax.energyEv(ch), cont[ch], shiftEv);
      }
    }
    for (EmittedLine l : lines(comp, beamKeV, det.takeoffDeg(), emission)) {
      if (onlyElement != null && !onlyElement.equals(l.element())) {
        continue;
      }
      double eKeV = l.energyEv() / 1000;
      double counts = l.emittedPerElectronSr() * det.efficiency(eKeV) * scale
          * coat(eKeV, carbonCoatNm, det);
      deposit(spec, det, l.energyEv(), counts, shiftEv);
    }
    if (det.pulsePairResolutionS() > 0 && onlyElement == null) {
      addPileUp(spec, det, liveTimeS);
    }
    return spec;
  }

  private static double coat(double keV, double nm, EdsDetector det) {
    if (nm == 0) {
      return 1;
    }
    double mu = XrayPhysics.massAttenuation(6, keV);
    return Math.exp(-mu * 1.9 * nm * 1e-7 / Math.sin(Math.toRadians(det.takeoffDeg())));
  }

  /** Places counts at energy E with the detector's Gaussian response (and Si escape). */
  private static void deposit(
      double[] spec, EdsDetector det, double energyEv, double counts, double shiftEv) {
    double main = counts;
    if (det.escapePeaks() && energyEv > 1839) {
      double esc = counts * escapeFraction(energyEv / 1000);
      main -= esc;
      gaussian(spec, det, energyEv - SI_KA_EV + shiftEv, det.fwhmEv(energyEv - SI_KA_EV), esc);
    }
    gaussian(spec, det, energyEv + shiftEv, det.fwhmEv(energyEv), main);
  }

  private static void gaussian(
      double[] spec, EdsDetector det, double centreEv, double fwhmEv, double counts) {
    if (counts <= 0) {
      return;
    }
    EnergyAxis ax = det.axis();
    double sigma = fwhmEv / (2 * Math.sqrt(2 * Math.log(2)));
    double c = ax.channel(centreEv);
    double sc = sigma / ax.gainEvPerChannel();
    int lo = (int) Math.floor(c - 5 * sc);
    int hi = (int) Math.ceil(c + 5 * sc);
    double prev = cdf((lo - 0.5 - c) / sc);
    for (int ch = lo; ch <= hi; ch++) {
      double next = cdf((ch + 0.5 - c) / sc);
      if (ch >= 0 && ch < spec.length) {
        spec[ch] += counts * (next - prev);
      }
      prev = next;
    }
  }

  /** Standard normal CDF via erf (Abramowitz and Stegun 7.1.26, |error| < 1.5e-7). */
  static double cdf(double x) {
    double z = x / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * Math.abs(z));
    double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
        + 0.254829592) * t * Math.exp(-z * z);
    double erf = z >= 0 ? y : -y;
    return 0.5 * (1 + erf);
  }

  /** Si Ka escape fraction (Reed and Ware 1972) for a photon of energy E keV > Si K edge. */
  public static double escapeFraction(double keV) {
    double edge = 1.8389;
    if (keV <= edge) {
      return 0;
    }
    double omega = safe(() -> Xraylib.FluorYield(14, Xraylib.K_SHELL));
    double r = safe(() -> Xraylib.JumpFactor(14, Xraylib.K_SHELL));
    if (r <= 1) {
      r = 10.8;
    }
    double muI = XrayPhysics.photoAbsorption(14, keV);
    double muK = XrayPhysics.photoAbsorption(14, SI_KA_EV / 1000);
    double x = muI / muK;
    return 0.5 * omega * (1 - 1 / r) * (1 - Math.log(1 + x) / x);
  }

  private static void addPileUp(double[] spec, EdsDetector det, double liveTimeS) {
    double total = 0;
    for (double v : spec) {
      total += v;
    }
    if (total <= 0) {
      return;
    }
    double rate = total / liveTimeS;
    // probability that an event has a successor within the pulse-pair resolution time
    double piled = 1 - Math.exp(-rate * det.pulsePairResolutionS());
    double pairs = total * piled / 2;
    if (pairs <= 0) {
      return;
    }
    int n = spec.length;
    double offCh = det.axis().offsetEv() / det.axis().gainEvPerChannel();
    double[] sum = new double[n];
    for (int i = 0; i < n; i++) {
      double pi = spec[i] / total;
      if (pi < 1e-9) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        double pj = spec[j] / total;
        if (pj < 1e-9) {
          continue;
        }
        // E_i + E_j = offset + (i + j + offset/gain) * gain
        int k = (int) Math.round(i + j + offCh);
        if (k >= 0 && k < n) {
          sum[k] += pi * pj;
        }
      }
    }
    double keep = 1 - piled;
    for (int i = 0; i < n; i++) {
      spec[i] = spec[i] * keep + pairs * sum[i];
    }
  }

  /** Draws Poisson counts for an expected spectrum. */
  public static double[] sample(double[] expected, SplittableRandom rng) {
    double[] out = new double[expected.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = PoissonSampler.sample(rng, expected[i]);
    }
    return out;
  }

  /** A simulated spectrum with Poisson counts, as a core {@link Spectrum} (default emission). */
  public static Spectrum simulate(
      Map<String, Double> comp, double beamKeV, double liveTimeS, double probeCurrentNa,
      EdsDetector det, long seed) {
    return simulate(comp, beamKeV, liveTimeS, probeCurrentNa, det, seed,
        XrayPhysics.EmissionModel.BETHE_PDH);
  }

  /** A simulated spectrum with Poisson counts with a chosen emission model. */
  public static Spectrum simulate(
      Map<String, Double> comp, double beamKeV, double liveTimeS, double probeCurrentNa,
      EdsDetector det, long seed, XrayPhysics.EmissionModel emission) {
    double[] exp = expected(comp, beamKeV, liveTimeS, probeCurrentNa, det, 0, 0, null,
        ContinuumModel.CASTELLANO_2004, emission);
    double[] counts = sample(exp, new SplittableRandom(seed));
    Map<String, String> md = new LinkedHashMap<>();
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(String.format(Locale.ROOT, "(%s:%.4f)", e.getKey(), 100 * e.getValue()));
    }
    md.put("##SYNTH_COMPOSITION_WTPCT", sb.toString());
    md.put("##SYNTH_SEED", Long.toString(seed));
    md.put("##SYNTH_EMISSION_MODEL", emission.name());
    md.put("##SYNTH_SOLID_ANGLE_SR", Double.toString(det.solidAngleSr()));
    md.put("##SYNTH_FWHM_MNKA_EV", Double.toString(det.fwhmMnKaEv()));
    return new Spectrum(counts, det.axis(), liveTimeS, liveTimeS, beamKeV, det.takeoffDeg(),
        probeCurrentNa, "alloyflow synthetic spectrum", md);
  }
}
