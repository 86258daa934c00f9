package io.alloyflow.synthetic.xray;

import io.alloyflow.core.spectrum.EnergyAxis;
import java.util.Map;

/**
 * A silicon drift detector with its energy calibration, resolution, geometry and window.
 *
 * <p>Resolution: FWHM(E)^2 = FWHM(Mn Ka)^2 + (2 sqrt(2 ln 2))^2 F eps (E - 5895 eV), the
 * electronic-noise plus Fano-statistics relation (U. Fano, Phys. Rev. 72, 1947, 26; with the Si
 * Fano factor F = 0.115 and eps = 3.64 eV per electron-hole pair; e.g. Goldstein et al. 2003,
 * sec. 7.2.7). Efficiency: transmission through a polymer (polyimide) window with an Al light
 * barrier and a Si support grid of given open area, the Si dead layer, and absorption in the
 * active Si thickness: eps(E) = T_poly T_Al T_grid T_dead (1 - exp(-mu_Si rho t_active)).
 *
 * @param axis energy calibration (offset, eV/channel)
 * @param channels number of channels
 * @param fwhmMnKaEv FWHM at Mn Ka (5895 eV), eV
 * @param takeoffDeg takeoff (elevation) angle, degrees
 * @param solidAngleSr collection solid angle, sr
 * @param polymerWindowUm polyimide window thickness, um (0 = windowless)
 * @param aluminiumUm Al coating thickness, um
 * @param gridOpenFraction open-area fraction of the Si support grid (1 = no grid)
 * @param deadLayerUm Si dead-layer thickness, um
 * @param activeMm active Si thickness, mm
 * @param escapePeaks simulate Si Ka escape peaks
 * @param pulsePairResolutionS pile-up time constant in s (0 = no sum peaks)
 */
public record EdsDetector(
    EnergyAxis axis,
    int channels,
    double fwhmMnKaEv,
    double takeoffDeg,
    double solidAngleSr,
    double polymerWindowUm,
    double aluminiumUm,
    double gridOpenFraction,
    double deadLayerUm,
    double activeMm,
    boolean escapePeaks,
    double pulsePairResolutionS) {

  /** Fano factor of silicon. */
  public static final double FANO = 0.115;

  /** Mean energy per electron-hole pair in silicon, eV. */
  public static final double EV_PER_PAIR = 3.64;

  static final Map<String, Double> POLYIMIDE =
      Map.of("C", 0.6911, "H", 0.0264, "N", 0.0733, "O", 0.2092);

  public EdsDetector {
    if (axis == null) {
      throw new IllegalArgumentException("energy axis is required");
    }
    if (channels < 16 || channels > 65536) {
      throw new IllegalArgumentException("channels must be 16..65536, found " + channels);
    }
    if (!(fwhmMnKaEv >= 40 && fwhmMnKaEv <= 400)) {
      throw new IllegalArgumentException(
          "FWHM at Mn Ka must be 40..400 eV, found " + fwhmMnKaEv);
    }
    if (!(takeoffDeg > 0 && takeoffDeg <= 90)) {
      throw new IllegalArgumentException("takeoff angle must be in (0, 90] deg, found "
          + takeoffDeg);
    }
    if (!(solidAngleSr > 0 && solidAngleSr < 2 * Math.PI)) {
      throw new IllegalArgumentException("solid angle must be in (0, 2 pi) sr, found "
          + solidAngleSr);
    }
    if (!(polymerWindowUm >= 0) || !(aluminiumUm >= 0) || !(deadLayerUm >= 0)
        || !(activeMm > 0) || !(gridOpenFraction > 0 && gridOpenFraction <= 1)
        || !(pulsePairResolutionS >= 0)) {
      throw new IllegalArgumentException("window/layer thicknesses must be >= 0, active layer > 0,"
          + " grid open fraction in (0,1], pulse-pair resolution >= 0");
    }
  }

  /**
   * The default: 129 eV at Mn Ka, 10 eV/channel from 0 eV, 2048 channels, 35 deg takeoff,
   * 0.03 sr (a 30 mm^2 SDD at ~32 mm), Moxtek AP3.3-type window (0.3 um polymer + 0.03 um Al on
   * a 77 %-open Si grid), 0.03 um dead layer, 0.45 mm active Si, escape peaks on, 0.5 us pile-up.
   */
  public static EdsDetector defaultDetector() {
    return new EdsDetector(new EnergyAxis(0, 10), 2048, 129, 35, 0.03, 0.3, 0.03, 0.77, 0.03,
        0.45, true, 0.5e-6);
  }

  /** A copy on another energy axis and channel count. */
  public EdsDetector withAxis(EnergyAxis a, int n) {
    return new EdsDetector(a, n, fwhmMnKaEv, takeoffDeg, solidAngleSr, polymerWindowUm,
        aluminiumUm, gridOpenFraction, deadLayerUm, activeMm, escapePeaks, pulsePairResolutionS);
  }

  /** A copy with another polymer window thickness (detector efficiency calibration). */
  public EdsDetector withPolymerWindowUm(double um) {
    return new EdsDetector(axis, channels, fwhmMnKaEv, takeoffDeg, solidAngleSr, um,
        aluminiumUm, gridOpenFraction, deadLayerUm, activeMm, escapePeaks, pulsePairResolutionS);
  }

  /** A copy with another solid angle. */
  public EdsDetector withSolidAngleSr(double sr) {
    return new EdsDetector(axis, channels, fwhmMnKaEv, takeoffDeg, sr, polymerWindowUm,
        aluminiumUm, gridOpenFraction, deadLayerUm, activeMm, escapePeaks, pulsePairResolutionS);
  }

  /** A copy with another takeoff angle. */
  public EdsDetector withTakeoff(double deg) {
    return new EdsDetector(axis, channels, fwhmMnKaEv, deg, solidAngleSr, polymerWindowUm,
        aluminiumUm, gridOpenFraction, deadLayerUm, activeMm, escapePeaks, pulsePairResolutionS);
  }

  /** FWHM in eV at photon energy E (eV). */
  public double fwhmEv(double energyEv) {
    double k = 8 * Math.log(2) * FANO * EV_PER_PAIR;
    return Math.sqrt(Math.max(1.0, fwhmMnKaEv * fwhmMnKaEv + k * (energyEv - 5895)));
  }

  /** Detection efficiency at photon energy E (keV), 0..1. */
  public double efficiency(double keV) {
    if (keV <= 0.05) {
      return 0;
    }
    double tPoly = Math.exp(-XrayPhysics.massAttenuation(POLYIMIDE, keV) * 1.42
        * polymerWindowUm * 1e-4);
    double tAl = Math.exp(-XrayPhysics.massAttenuation(13, keV) * 2.70 * aluminiumUm * 1e-4);
    double muSi = XrayPhysics.massAttenuation(14, keV) * 2.33;
    double tGrid = gridOpenFraction + (1 - gridOpenFraction) * Math.exp(-muSi * 0.038);
    double tDead = Math.exp(-muSi * deadLayerUm * 1e-4);
    double absorbed = 1 - Math.exp(-muSi * activeMm * 0.1);
    return tPoly * tAl * tGrid * tDead * absorbed;
  }
}
