package io.alloyflow.segmentation.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Line plot of a metric against dose (log10 x axis) for several paths, as PNG (Java2D); a path
 * with no value at a dose (NaN) is drawn through its measured doses only.
 */
final class DoseCurvePlot {
  private DoseCurvePlot() {}

  private static final Color[] COLORS = {new Color(30, 80, 200), new Color(210, 60, 30),
      new Color(30, 150, 60), new Color(130, 60, 170)};

  /** A path keeps its colour in every plot, whichever other paths are drawn. */
  static Color colour(String series, int index) {
    for (DoseStudy.Method m : DoseStudy.Method.values()) {
      if (m.id().equals(series)) {
        return COLORS[m.ordinal() % COLORS.length];
      }
    }
    return COLORS[index % COLORS.length];
  }

  /**
   * Writes the plot.
   *
   * @param target horizontal dashed target line (NaN: none)
   */
  static void write(String title, String yLabel, double[] doses, Map<String, double[]> series,
      double target, Path png) throws IOException {
    int w = 720;
    int h = 460;
    int ml = 80;
    int mr = 170;
    int mt = 40;
    int mb = 60;
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (double[] ys : series.values()) {
      for (double y : ys) {
        if (Double.isFinite(y)) {
          ylo = Math.min(ylo, y);
          yhi = Math.max(yhi, y);
        }
      }
    }
    if (Double.isFinite(target)) {
      ylo = Math.min(ylo, target);
      yhi = Math.max(yhi, target);
    }
    if (!(yhi > ylo)) {
      ylo = Double.isFinite(ylo) ? ylo - 0.5 : 0;
      yhi = ylo + 1;
    }
    double pad = 0.05 * (yhi - ylo);
    ylo = Math.max(0, ylo - pad);
    yhi += pad;
    double xlo = Math.log10(doses[0]);
    double xhi = Math.log10(doses[doses.length - 1]);
    if (!(xhi > xlo)) {
      xhi = xlo + 1;
    }
    final double fylo = ylo;
    final double fyhi = yhi;
    final double fxlo = xlo;
    final double fxhi = xhi;
    java.util.function.DoubleUnaryOperator px =
        d -> ml + (Math.log10(d) - fxlo) / (fxhi - fxlo) * (w - ml - mr);
    java.util.function.DoubleUnaryOperator py = v -> mt + (fyhi - v) / (fyhi - fylo) * (h - mt - mb);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    // grid and ticks: decades on x, 5 steps on y
    for (int e = (int) Math.ceil(xlo); e <= (int) Math.floor(xhi); e++) {
      int x = (int) px.applyAsDouble(Math.pow(10, e));
      g.setColor(new Color(225, 225, 225));
      g.drawLine(x, mt, x, h - mb);
      g.setColor(Color.BLACK);
      g.drawString("1e" + e, x - 10, h - mb + 16);
    }
    for (int i = 0; i <= 5; i++) {
      double v = ylo + i * (yhi - ylo) / 5;
      int y = (int) py.applyAsDouble(v);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(ml, y, w - mr, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.3f", v), 20, y + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(ml, mt, w - ml - mr, h - mt - mb);
    g.drawString(title, ml, 18);
    g.drawString("dose (primary electrons per pixel, log scale)", ml + 60, h - 16);
    g.drawString(yLabel, 5, mt - 6);
    if (Double.isFinite(target)) {
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
      int yt = (int) py.applyAsDouble(target);
      g.drawLine(ml, yt, w - mr, yt);
      g.drawString(String.format(Locale.ROOT, "target %.2f", target), w - mr + 6, yt + 4);
    }
    // default dose of the generators (1 nA x 2 us)
    g.setColor(new Color(120, 120, 120));
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {2f, 3f}, 0f));
    int xd = (int) px.applyAsDouble(12483);
    g.drawLine(xd, mt, xd, h - mb);
    g.drawString("default", xd + 3, h - mb - 6);
    int si = 0;
    for (var e : series.entrySet()) {
      Color c = colour(e.getKey(), si);
      g.setColor(c);
      g.setStroke(new BasicStroke(2f));
      double[] ys = e.getValue();
      int lx = -1;
      int ly = -1;
      for (int i = 0; i < doses.length; i++) {
        if (!Double.isFinite(ys[i])) {
          continue; // a dose this path was not run at: the line joins its neighbours
        }
        int x = (int) px.applyAsDouble(doses[i]);
        int y = (int) py.applyAsDouble(ys[i]);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (lx >= 0) {
          g.drawLine(lx, ly, x, y);
        }
        lx = x;
        ly = y;
      }
      int yl = mt + 20 + 20 * si;
      g.drawLine(w - mr + 6, yl - 4, w - mr + 26, yl - 4);
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), w - mr + 30, yl);
      si++;
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
