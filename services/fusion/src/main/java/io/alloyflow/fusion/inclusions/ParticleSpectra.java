package io.alloyflow.fusion.inclusions;

import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.registration.AffineTransform2D;
import java.util.List;

/**
 * Particle spectra from a spectrum image: the sum of the spectra of the EDS pixels whose centres
 * fall on the particle under the SEM-to-EDS transform (the EDS pixel nearest to the particle's
 * centroid when none does, as for particles smaller than an EDS pixel).
 */
public final class ParticleSpectra {

  private ParticleSpectra() {}

  /** Summed spectrum per particle. */
  public static double[][] of(List<Particle> particles, SpectrumImage si,
      AffineTransform2D semToEds, int semWidth) {
    AffineTransform2D edsToSem = semToEds.inverse();
    int w = si.width();
    int h = si.height();
    int nch = si.channels();
    double[][] out = new double[particles.size()][];
    for (int k = 0; k < particles.size(); k++) {
      Particle p = particles.get(k);
      java.util.Set<Integer> pix = new java.util.HashSet<>();
      for (int q : p.pixels()) {
        pix.add(q);
      }
      double[] s = new double[nch];
      int used = 0;
      int x0 = Integer.MAX_VALUE;
      int x1 = Integer.MIN_VALUE;
      int y0 = Integer.MAX_VALUE;
      int y1 = Integer.MIN_VALUE;
      for (int q : p.pixels()) {
        double[] uv = semToEds.apply(q % semWidth + 0.5, q / semWidth + 0.5);
        x0 = Math.min(x0, (int) Math.floor(uv[0]) - 1);
        x1 = Math.max(x1, (int) Math.floor(uv[0]) + 1);
        y0 = Math.min(y0, (int) Math.floor(uv[1]) - 1);
        y1 = Math.max(y1, (int) Math.floor(uv[1]) + 1);
      }
      for (int v = Math.max(0, y0); v <= Math.min(h - 1, y1); v++) {
        for (int u = Math.max(0, x0); u <= Math.min(w - 1, x1); u++) {
          double[] xy = edsToSem.apply(u + 0.5, v + 0.5);
          int q = (int) Math.floor(xy[1]) * semWidth + (int) Math.floor(xy[0]);
          if (xy[0] >= 0 && xy[1] >= 0 && xy[0] < semWidth && pix.contains(q)) {
            add(s, si, u, v);
            used++;
          }
        }
      }
      if (used == 0) {
        double[] uv = semToEds.apply(p.cx(), p.cy());
        int u = (int) Math.floor(uv[0]);
        int v = (int) Math.floor(uv[1]);
        if (u >= 0 && v >= 0 && u < w && v < h) {
          add(s, si, u, v);
        }
      }
      out[k] = s;
    }
    return out;
  }

  private static void add(double[] s, SpectrumImage si, int u, int v) {
    int off = (v * si.width() + u) * si.channels();
    for (int c = 0; c < s.length; c++) {
      s[c] += si.data()[off + c];
    }
  }
}
