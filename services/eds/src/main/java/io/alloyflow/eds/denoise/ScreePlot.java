package io.alloyflow.eds.denoise;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Scree plot (log10 of explained variance per component) with the noise edge, as PNG. */
public final class ScreePlot {
  private ScreePlot() {}

  /** Writes the scree plot of singular values; the dashed line marks the noise edge. */
  public static void write(double[] singularValues, double noiseEdge, int chosen, Path png)
      throws IOException {
    int w = 640;
    int h = 420;
    int ml = 70;
    int mb = 50;
    int mt = 30;
    int mr = 20;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int n = singularValues.length;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double s : singularValues) {
      if (s > 0) {
        double v = Math.log10(s * s);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    double edge = noiseEdge > 0 ? Math.log10(noiseEdge * noiseEdge) : lo;
    lo = Math.min(lo, edge) - 0.2;
    hi = hi + 0.2;
    g.setColor(Color.BLACK);
    g.drawRect(ml, mt, w - ml - mr, h - mt - mb);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("component index", w / 2 - 40, h - 12);
    g.drawString("log10(singular value^2)", 5, mt - 10);
    g.drawString(String.format("%.1f", hi), 10, mt + 10);
    g.drawString(String.format("%.1f", lo), 10, h - mb);
    final double flo = lo;
    final double fhi = hi;
    java.util.function.DoubleUnaryOperator yOf =
        v -> mt + (fhi - v) / (fhi - flo) * (h - mt - mb);
    java.util.function.IntUnaryOperator xOf =
        i -> ml + (int) Math.round((i + 0.5) * (w - ml - mr) / (double) Math.max(n, 1));
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    int ye = (int) yOf.applyAsDouble(edge);
    g.drawLine(ml, ye, w - mr, ye);
    g.drawString("noise edge", w - mr - 70, ye - 4);
    g.setStroke(new BasicStroke(1.5f));
    for (int i = 0; i < n; i++) {
      if (singularValues[i] <= 0) {
        continue;
      }
      int x = xOf.applyAsInt(i);
      int y = (int) yOf.applyAsDouble(Math.log10(singularValues[i] * singularValues[i]));
      g.setColor(i < chosen ? new Color(200, 30, 30) : new Color(30, 60, 200));
      g.fillOval(x - 4, y - 4, 8, 8);
    }
    g.setColor(Color.BLACK);
    g.drawString("components kept: " + chosen, ml + 10, mt + 20);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
