package io.alloyflow.fusion.inclusions;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ternary diagrams of inclusion compositions (e.g. Al2O3-CaO-MgO, MnS-Al2O3-CaO) as PNG. Each
 * corner is a compound; a particle's element mass % are converted to compound mass by the
 * compound's mass per unit mass of its cation (e.g. Al2O3 = 1.889 x Al, CaO = 1.399 x Ca, MgO =
 * 1.658 x Mg, MnS = 1.584 x Mn), the three are normalised to 1 and plotted in barycentric
 * coordinates, coloured by class.
 */
public final class Ternary {

  /** Compound to (cation element, mass of compound per mass of cation). */
  public static final Map<String, Object[]> COMPOUNDS = Map.of(
      "Al2O3", new Object[] {"Al", 101.961 / (2 * 26.982)},
      "CaO", new Object[] {"Ca", 56.077 / 40.078},
      "MgO", new Object[] {"Mg", 40.304 / 24.305},
      "MnS", new Object[] {"Mn", 86.998 / 54.938},
      "CaS", new Object[] {"Ca", 72.138 / 40.078},
      "TiN", new Object[] {"Ti", 61.874 / 47.867});

  private Ternary() {}

  /** One point: class and composition (element mass %). */
  public record Point(String className, Map<String, Double> composition) {}

  /** Barycentric coordinates of a composition on three compounds, or null when all are zero. */
  public static double[] coordinates(Map<String, Double> comp, List<String> corners) {
    double[] v = new double[3];
    double s = 0;
    for (int i = 0; i < 3; i++) {
      Object[] c = COMPOUNDS.get(corners.get(i));
      if (c == null) {
        throw new IllegalArgumentException("unknown ternary corner " + corners.get(i)
            + ": expected one of " + COMPOUNDS.keySet());
      }
      v[i] = comp.getOrDefault((String) c[0], 0.0) * (Double) c[1];
      s += v[i];
    }
    if (!(s > 0)) {
      return null;
    }
    for (int i = 0; i < 3; i++) {
      v[i] /= s;
    }
    return v;
  }

  /** Writes a 640 x 600 PNG of the points on the three corners. */
  public static void write(List<Point> points, List<String> corners, Path file)
      throws IOException {
    int w = 640;
    int h = 600;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double[][] c = {{320, 60}, {70, 493}, {570, 493}};
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.5f));
    for (int i = 0; i < 3; i++) {
      g.drawLine((int) c[i][0], (int) c[i][1], (int) c[(i + 1) % 3][0], (int) c[(i + 1) % 3][1]);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(corners.get(0), 300, 45);
    g.drawString(corners.get(1), 30, 520);
    g.drawString(corners.get(2), 545, 520);
    List<String> classes = new ArrayList<>();
    for (Point p : points) {
      if (!classes.contains(p.className())) {
        classes.add(p.className());
      }
    }
    Color[] pal = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
        new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    for (Point p : points) {
      double[] b = coordinates(p.composition(), corners);
      if (b == null) {
        continue;
      }
      double x = b[0] * c[0][0] + b[1] * c[1][0] + b[2] * c[2][0];
      double y = b[0] * c[0][1] + b[1] * c[1][1] + b[2] * c[2][1];
      g.setColor(pal[classes.indexOf(p.className()) % pal.length]);
      g.fillOval((int) x - 4, (int) y - 4, 8, 8);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < classes.size(); i++) {
      g.setColor(pal[i % pal.length]);
      g.fillOval(20, 20 + 18 * i, 10, 10);
      g.setColor(Color.BLACK);
      g.drawString(classes.get(i), 36, 30 + 18 * i);
    }
    g.dispose();
    javax.imageio.ImageIO.write(img, "png", file.toFile());
  }
}
