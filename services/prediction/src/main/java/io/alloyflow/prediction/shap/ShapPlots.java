package io.alloyflow.prediction.shap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG charts of Shapley values: global importance bars and a per-prediction waterfall. */
public final class ShapPlots {
  private static final Color POS = new Color(0xD6, 0x27, 0x28);
  private static final Color NEG = new Color(0x1F, 0x77, 0xB4);
  private static final Color BAR = new Color(0x44, 0x6F, 0xA8);

  private ShapPlots() {}

  /** Horizontal bars of mean |SHAP| per player, largest first. */
  public static byte[] importance(List<String> players, double[] meanAbs, String unit, String title) {
    Integer[] order = sortedByMagnitude(meanAbs);
    int rowH = 26;
    int w = 760;
    int left = 210;
    int h = 70 + rowH * players.size() + 30;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = start(img, title);
    double max = Arrays.stream(meanAbs).max().orElse(1);
    max = max > 0 ? max : 1;
    int plotW = w - left - 90;
    for (int r = 0; r < order.length; r++) {
      int j = order[r];
      int y = 55 + r * rowH;
      g.setColor(Color.DARK_GRAY);
      g.drawString(players.get(j), 10, y + 16);
      int bw = (int) Math.round(plotW * meanAbs[j] / max);
      g.setColor(BAR);
      g.fillRect(left, y + 4, Math.max(1, bw), rowH - 8);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.1f", meanAbs[j]), left + bw + 6, y + 16);
    }
    g.drawString("mean |SHAP value| (" + unit + ")", left, h - 12);
    return png(img, g);
  }

  /**
   * Waterfall from the base value to the prediction: one bar per player (largest |value| first),
   * red pushes up, blue pushes down.
   */
  public static byte[] waterfall(
      List<String> players, double base, double[] values, double prediction, String unit, String title) {
    Integer[] order = sortedByMagnitude(values);
    int rowH = 26;
    int w = 820;
    int left = 210;
    int h = 90 + rowH * (players.size() + 1) + 30;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = start(img, title);
    double lo = base;
    double hi = base;
    double cum = base;
    for (int j : order) {
      cum += values[j];
      lo = Math.min(lo, cum);
      hi = Math.max(hi, cum);
    }
    double pad = 0.08 * Math.max(1e-9, hi - lo);
    lo -= pad;
    hi += pad;
    int plotW = w - left - 110;
    final double flo = lo;
    final double fhi = hi;
    java.util.function.DoubleToIntFunction px = v -> left + (int) Math.round(plotW * (v - flo) / (fhi - flo));
    cum = base;
    for (int r = 0; r < order.length; r++) {
      int j = order[r];
      int y = 55 + r * rowH;
      double next = cum + values[j];
      g.setColor(Color.DARK_GRAY);
      g.drawString(players.get(j), 10, y + 16);
      int x0 = px.applyAsInt(Math.min(cum, next));
      int x1 = px.applyAsInt(Math.max(cum, next));
      g.setColor(values[j] >= 0 ? POS : NEG);
      g.fillRect(x0, y + 4, Math.max(1, x1 - x0), rowH - 8);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%+.1f", values[j]), x1 + 6, y + 16);
      cum = next;
    }
    int yb = 55 + order.length * rowH + 10;
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
    g.setColor(Color.GRAY);
    int xb = px.applyAsInt(base);
    int xp = px.applyAsInt(prediction);
    g.drawLine(xb, 50, xb, yb);
    g.drawLine(xp, 50, xp, yb);
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format(Locale.ROOT, "E[f] = %.1f %s", base, unit), Math.max(5, xb - 60), yb + 18);
    g.drawString(String.format(Locale.ROOT, "f(x) = %.1f %s", prediction, unit), Math.max(5, xp - 60), yb + 36);
    return png(img, g);
  }

  private static Integer[] sortedByMagnitude(double[] v) {
    Integer[] o = new Integer[v.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, Comparator.comparingDouble((Integer i) -> -Math.abs(v[i])));
    return o;
  }

  private static Graphics2D start(BufferedImage img, String title) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, 10, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    return g;
  }

  private static byte[] png(BufferedImage img, Graphics2D g) {
    g.dispose();
    try {
      ByteArrayOutputStream bo = new ByteArrayOutputStream();
      ImageIO.write(img, "png", bo);
      return bo.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
