package io.alloyflow.eds.spectrumimage;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.util.Map;

/** Elementary spectrum-image operations: binning, ROI sums, sum spectra. */
public final class SpectrumImages {
  private SpectrumImages() {}

  /**
   * Sums bx x by pixel blocks and bc channel blocks (trailing partial blocks are dropped). The
   * energy axis is rebinned (channel centre of each block), the pixel size scaled by bx, the live
   * time per pixel multiplied by bx x by.
   */
  public static SpectrumImage bin(SpectrumImage si, int bx, int by, int bc) {
    if (bx < 1 || by < 1 || bc < 1) {
      throw new IllegalArgumentException("bin factors must be >= 1, found " + bx + "," + by + "," + bc);
    }
    int w = si.width() / bx;
    int h = si.height() / by;
    int c = si.channels() / bc;
    if (w < 1 || h < 1 || c < 1) {
      throw new IllegalArgumentException("bin factors larger than the cube "
          + si.width() + "x" + si.height() + "x" + si.channels());
    }
    float[] out = new float[w * h * c];
    int sc = si.channels();
    for (int y = 0; y < h * by; y++) {
      for (int x = 0; x < w * bx; x++) {
        int src = (y * si.width() + x) * sc;
        int dst = ((y / by) * w + x / bx) * c;
        for (int ch = 0; ch < c * bc; ch++) {
          out[dst + ch / bc] += si.data()[src + ch];
        }
      }
    }
    EnergyAxis a = si.axis();
    EnergyAxis na = new EnergyAxis(a.energyEv((bc - 1) / 2.0), a.gainEvPerChannel() * bc);
    return new SpectrumImage(w, h, c, out, na, si.pixelSizeM() * bx, si.beamEnergyKeV(),
        si.liveTimePerPixelS() * bx * by);
  }

  /** Map of counts summed over an energy window [loEv, hiEv]. */
  public static float[] roiSum(SpectrumImage si, double loEv, double hiEv) {
    int lo = Math.max(0, (int) Math.ceil(si.axis().channel(loEv)));
    int hi = Math.min(si.channels() - 1, (int) Math.floor(si.axis().channel(hiEv)));
    if (hi < lo) {
      throw new IllegalArgumentException(
          "energy window " + loEv + "-" + hiEv + " eV holds no channel of the cube");
    }
    int n = si.width() * si.height();
    float[] map = new float[n];
    for (int p = 0; p < n; p++) {
      int base = p * si.channels();
      float s = 0;
      for (int c = lo; c <= hi; c++) {
        s += si.data()[base + c];
      }
      map[p] = s;
    }
    return map;
  }

  /** Sum spectrum of the cube as a {@link Spectrum} (live time = per-pixel x pixels). */
  public static Spectrum sumSpectrum(SpectrumImage si, String title) {
    double lt = si.liveTimePerPixelS() * si.width() * si.height();
    return new Spectrum(si.sumSpectrum(), si.axis(), lt, Double.NaN, si.beamEnergyKeV(), 35.0,
        Double.NaN, title, Map.of());
  }
}
