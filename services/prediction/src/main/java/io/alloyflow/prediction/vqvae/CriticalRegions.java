package io.alloyflow.prediction.vqvae;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * PNG overlays of the per-position likelihood difference (high minus low property condition) on
 * the phase map: ferrite light grey, martensite dark grey, red where the microstructure lowers the
 * predicted property (the "critical" regions), blue where it raises it, opacity proportional to
 * |difference| / {@code clip}.
 */
public final class CriticalRegions {

  private CriticalRegions() {}

  /**
   * The overlay image.
   *
   * @param map phase map (side x side, 0 ferrite, 1 martensite)
   * @param side map side
   * @param diff per code position difference (codeSide x codeSide, raster order)
   * @param codeSide code-map side (divides side)
   * @param scale output pixels per map pixel
   * @param clip difference (nats) shown at full opacity; non-positive: the map's largest |diff|
   * @param title caption drawn under the map
   */
  public static BufferedImage overlay(float[] map, int side, float[] diff, int codeSide,
      int scale, double clip, String title) {
    if (map.length != side * side || diff.length != codeSide * codeSide || side % codeSide != 0
        || scale < 1) {
      throw new IllegalArgumentException("overlay needs a " + side + "x" + side + " map and a "
          + codeSide + "x" + codeSide + " difference map with " + codeSide + " dividing " + side
          + ", found " + map.length + " and " + diff.length + " values");
    }
    double c = clip;
    if (!(c > 0)) {
      for (float v : diff) {
        c = Math.max(c, Math.abs(v));
      }
      c = c > 0 ? c : 1;
    }
    int cell = side / codeSide;
    int w = side * scale;
    int caption = 34;
    BufferedImage img = new BufferedImage(w, w + caption, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double g = map[y * side + x] > 0.5f ? 70 : 205;
        double d = diff[(y / cell) * codeSide + x / cell];
        double a = Math.min(1, Math.abs(d) / c) * 0.75;
        double r = g;
        double gg = g;
        double b = g;
        if (d < 0) {
          r = (1 - a) * g + a * 230;
          gg = (1 - a) * g + a * 30;
          b = (1 - a) * g + a * 30;
        } else {
          r = (1 - a) * g + a * 30;
          gg = (1 - a) * g + a * 80;
          b = (1 - a) * g + a * 230;
        }
        int rgb = ((int) r << 16) | ((int) gg << 8) | (int) b;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            img.setRGB(x * scale + dx, y * scale + dy, rgb);
          }
        }
      }
    }
    Graphics2D g2 = img.createGraphics();
    g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g2.setColor(Color.WHITE);
    g2.fillRect(0, w, w, caption);
    g2.setColor(Color.BLACK);
    g2.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    g2.drawString(title, 4, w + 13);
    g2.drawString(String.format(Locale.ROOT, "red lowers / blue raises it (full: %.2f nats)", c), 4,
        w + 28);
    g2.dispose();
    return img;
  }

  /** PNG bytes of an image. */
  public static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bo);
    return bo.toByteArray();
  }
}
