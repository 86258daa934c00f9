package io.alloyflow.workflows.report;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.api.ElementLine;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Renders an EDS spectrum (log counts vs energy) with identified element lines marked. */
public final class SpectrumPlot {
  private SpectrumPlot() {}

  /** Renders the plot. */
  public static BufferedImage render(Spectrum s, List<ElementLine> lines, double maxKeV) {
    int w = 900;
    int h = 380;
    int left = 60;
    int right = 20;
    int top = 20;
    int bottom = 45;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double[] c = s.counts();
    double maxCount = 1;
    int lastChannel = Math.min(c.length - 1, (int) Math.ceil(s.axis().channel(maxKeV * 1000)));
    int firstChannel = Math.max(0, (int) Math.ceil(s.axis().channel(100)));
    for (int i = firstChannel; i <= lastChannel; i++) {
      maxCount = Math.max(maxCount, c[i]);
    }
    double logMax = Math.log10(maxCount * 1.5);
    int pw = w - left - right;
    int ph = h - top - bottom;
    g.setColor(new Color(230, 230, 230));
    for (int kev = 0; kev <= (int) maxKeV; kev++) {
      int x = left + (int) (pw * kev / maxKeV);
      g.drawLine(x, top, x, top + ph);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int kev = 0; kev <= (int) maxKeV; kev += Math.max(1, (int) (maxKeV / 10))) {
      int x = left + (int) (pw * kev / maxKeV);
      g.drawString(Integer.toString(kev), x - 3, top + ph + 14);
    }
    g.drawString("energy (keV)", left + pw / 2 - 30, h - 10);
    for (int d = 0; d <= (int) logMax; d++) {
      int y = top + ph - (int) (ph * d / logMax);
      g.drawString("1e" + d, 10, y + 4);
    }
    g.setColor(new Color(30, 90, 180));
    g.setStroke(new BasicStroke(1.2f));
    int px = -1;
    int py = -1;
    for (int i = firstChannel; i <= lastChannel; i++) {
      double e = s.axis().energyEv(i) / 1000;
      int x = left + (int) (pw * e / maxKeV);
      int y = top + ph - (int) (ph * Math.log10(Math.max(1, c[i])) / logMax);
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
    g.setColor(new Color(200, 40, 40));
    for (ElementLine l : lines) {
      int x = left + (int) (pw * l.energyEv() / 1000 / maxKeV);
      g.drawLine(x, top + 12, x, top + ph);
      g.drawString(l.symbol() + " " + l.family(), x + 2, top + 12);
    }
    g.dispose();
    return img;
  }
}
