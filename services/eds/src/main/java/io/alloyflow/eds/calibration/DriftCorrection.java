package io.alloyflow.eds.calibration;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import java.util.ArrayList;
import java.util.List;

/**
 * Drift correction across a session: each spectrum is calibrated from its own peaks ({@link
 * EnergyCalibrator}) and rebinned, counts conserved, onto one common axis (the first spectrum's
 * calibrated axis, or a given one), so that spectra taken hours apart can be summed, compared or
 * used as standards for each other.
 */
public final class DriftCorrection {
  private DriftCorrection() {}

  /**
   * Result.
   *
   * @param corrected spectra on the common axis
   * @param calibrations the per-spectrum calibrations (offset and gain drift)
   * @param common the common axis
   */
  public record Result(
      List<Spectrum> corrected, List<EnergyCalibrator.Calibration> calibrations, EnergyAxis common) {}

  /** Corrects a session onto the first spectrum's calibrated axis. */
  public static Result correct(List<Spectrum> session) {
    return correct(session, null);
  }

  /** Corrects a session onto a given axis (null: the first spectrum's calibrated axis). */
  public static Result correct(List<Spectrum> session, EnergyAxis common) {
    if (session.isEmpty()) {
      throw new IllegalArgumentException("drift correction needs at least one spectrum");
    }
    List<EnergyCalibrator.Calibration> cals = new ArrayList<>();
    for (Spectrum s : session) {
      cals.add(EnergyCalibrator.calibrate(s));
    }
    EnergyAxis target = common != null ? common : cals.get(0).spectrum().axis();
    List<Spectrum> out = new ArrayList<>();
    for (EnergyCalibrator.Calibration c : cals) {
      out.add(Normalization.rebin(c.spectrum(), target));
    }
    return new Result(out, cals, target);
  }
}
