package io.alloyflow.fusion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.registration.AffineTransform2D;
import io.alloyflow.fusion.registration.RegistrationResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared readers and writers of the fusion commands. */
final class CliSupport {
  static final int BAD_INPUT = 2;
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CliSupport() {}

  static Micrograph readImage(Path p, double pixelSizeUm) throws IOException {
    Micrograph m = MicrographIO.read(p);
    if (pixelSizeUm > 0) {
      m = m.withPixelSizeM(pixelSizeUm * 1e-6);
    }
    return m;
  }

  static SpectrumImage readSpectrumImage(Path p, double pixelSizeUm) throws IOException {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    SpectrumImage si;
    if (n.endsWith(".rpl")) {
      si = RplIO.read(p);
    } else if (n.endsWith(".arrow")) {
      si = ArrowIO.spectrumImageFromArrow(Files.readAllBytes(p));
    } else {
      throw new IllegalArgumentException(p + ": expected a Lispix .rpl spectrum image (with its"
          + " .raw) or an Arrow IPC cube (.arrow)");
    }
    if (pixelSizeUm > 0) {
      si = new SpectrumImage(si.width(), si.height(), si.channels(), si.data(), si.axis(),
          pixelSizeUm * 1e-6, si.beamEnergyKeV(), si.liveTimePerPixelS());
    }
    return si;
  }

  /**
   * Overlay: grey SEM image in green and blue, the EDS Z-contrast proxy fitted by the
   * registration, resampled into the SEM frame through the transform, in red.
   */
  static void writeOverlay(Micrograph sem, RegistrationResult r, Path file) throws IOException {
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
    javax.imageio.ImageIO.write(img, "png", file.toFile());
  }

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

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ');
  }
}
