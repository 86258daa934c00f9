package io.alloyflow.eds.peaks;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import java.util.ArrayList;
import java.util.List;

/** Regions of interest for a line family: merged intervals of +-{@code widthFwhm} FWHM. */
public final class Rois {
  private Rois() {}

  /**
   * Merged channel intervals covering every line of the family with weight >= minWeight and
   * energy below the beam energy, each +-widthFwhm x FWHM(E) wide.
   */
  public static List<int[]> of(
      int z,
      Family family,
      EnergyAxis axis,
      int channels,
      DetectorResolution res,
      double beamEv,
      double widthFwhm,
      double minWeight) {
    List<double[]> iv = new ArrayList<>();
    for (XrayLine l : XrayData.family(z, family)) {
      if (l.weight() < minWeight || l.energyEv() >= beamEv) {
        continue;
      }
      double w = widthFwhm * res.fwhmEv(l.energyEv());
      iv.add(new double[] {l.energyEv() - w, l.energyEv() + w});
    }
    iv.sort((a, b) -> Double.compare(a[0], b[0]));
    List<int[]> out = new ArrayList<>();
    for (double[] e : iv) {
      int lo = (int) Math.floor(axis.channel(e[0]));
      int hi = (int) Math.ceil(axis.channel(e[1]));
      lo = Math.max(lo, 0);
      hi = Math.min(hi, channels - 1);
      if (hi <= lo) {
        continue;
      }
      if (!out.isEmpty() && lo <= out.get(out.size() - 1)[1] + 1) {
        out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], hi);
      } else {
        out.add(new int[] {lo, hi});
      }
    }
    return out;
  }
}
