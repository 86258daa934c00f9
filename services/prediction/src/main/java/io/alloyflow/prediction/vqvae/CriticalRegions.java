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
    return overlay(map, side, side, diff, side / codeSide, scale, clip, 0, title,
        "red lowers / blue raises it (full: %.2f nats)");
  }

  /**
   * The overlay of a rectangular map with a value per square block.
   *
   * @param map phase map (width x height, 0 ferrite, 1 martensite)
   * @param width map width
   * @param height map height
   * @param diff per block value ((width/cell) x (height/cell), raster order); negative lowers the
   *     property (red), positive raises it (blue)
   * @param cell block side in map pixels (divides width and height)
   * @param scale output pixels per map pixel
   * @param clip |value| shown at full opacity; non-positive: the largest |value|
   * @param grid draw grid lines every {@code grid} map pixels (0: none), e.g. model cells
   * @param title caption line 1
   * @param legend caption line 2, a format with one %f for the full-opacity value
   */
  public static BufferedImage overlay(float[] map, int width, int height, float[] diff, int cell,
      int scale, double clip, int grid, String title, String legend) {
    if (cell < 1 || width % cell != 0 || height % cell != 0 || scale < 1
        || map.length != width * height || diff.length != (width / cell) * (height / cell)) {
      throw new IllegalArgumentException("overlay needs a " + width + "x" + height + " map and one"
          + " value per " + cell + "x" + cell + " block (" + cell + " dividing both sides), found "
          + map.length + " and " + diff.length + " values");
    }
    double c = clip;
    if (!(c > 0)) {
      for (float v : diff) {
        c = Math.max(c, Math.abs(v));
      }
      c = c > 0 ? c : 1;
    }
    int bw = width / cell;
    int w = width * scale;
    int h = height * scale;
    int caption = 34;
    BufferedImage img = new BufferedImage(w, h + caption, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double g = map[y * width + x] > 0.5f ? 70 : 205;
        double d = diff[(y / cell) * bw + x / cell];
        double a = Math.min(1, Math.abs(d) / c) * 0.75;
        double r;
        double gg;
        double b;
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
    if (grid > 0) {
      g2.setColor(new Color(255, 200, 0));
      for (int x = grid; x < width; x += grid) {
        g2.drawLine(x * scale, 0, x * scale, h - 1);
      }
      for (int y = grid; y < height; y += grid) {
        g2.drawLine(0, y * scale, w - 1, y * scale);
      }
    }
    g2.setColor(Color.WHITE);
    g2.fillRect(0, h, img.getWidth(), caption);
    g2.setColor(Color.BLACK);
    g2.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    g2.drawString(title, 4, h + 13);
    g2.drawString(String.format(Locale.ROOT, legend, c), 4, h + 28);
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
