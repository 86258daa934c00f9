package io.alloyflow.fusion.registration;

import io.alloyflow.core.image.Micrograph;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The registration overlay shared by the CLI and the HTTP API: the grey SEM image in green and
 * blue, the EDS Z-contrast proxy fitted by the registration, resampled into the SEM frame through
 * the transform, in red (grey where both agree, coloured fringes where they do not).
 */
public final class RegistrationOverlay {
  private RegistrationOverlay() {}

  /** The overlay as an RGB image of the SEM's size. */
  public static BufferedImage render(Micrograph sem, RegistrationResult r) {
    int w = sem.width();
    int h = sem.height();
    float[] proxy = r.proxyOnEds();
    double[] pr = range(proxy);
    double[] sr = range(sem.pixels());
    AffineTransform2D t = r.semToEds();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g = clamp((sem.pixels()[y * w + x] - sr[0]) / (sr[1] - sr[0]));
        double[] uv = t.apply(x + 0.5, y + 0.5);
        int u = (int) Math.floor(uv[0]);
        int v = (int) Math.floor(uv[1]);
        int red = 0;
        if (u >= 0 && v >= 0 && u < r.edsWidth() && v < r.edsHeight()) {
          red = clamp((proxy[v * r.edsWidth() + u] - pr[0]) / (pr[1] - pr[0]));
        }
        img.setRGB(x, y, (red << 16) | (g << 8) | g);
      }
    }
    return img;
  }

  /** The overlay as PNG bytes. */
  public static byte[] png(Micrograph sem, RegistrationResult r) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(render(sem, r), "png", bos);
    return bos.toByteArray();
  }

  /** 1st and 99th percentiles (NaN-free input expected; NaNs sort last). */
  static double[] range(float[] a) {
    float[] s = a.clone();
    java.util.Arrays.sort(s);
    double lo = s[(int) (0.01 * (s.length - 1))];
    double hi = s[(int) (0.99 * (s.length - 1))];
    return new double[] {lo, hi > lo ? hi : lo + 1};
  }

  static int clamp(double f) {
    return (int) Math.max(0, Math.min(255, Math.round(255 * f)));
  }
}
