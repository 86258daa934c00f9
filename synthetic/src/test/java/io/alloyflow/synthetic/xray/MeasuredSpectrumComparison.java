package io.alloyflow.synthetic.xray;

import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Shared K412 comparison machinery: load measured spectra, simulate, measure peaks, plot. */
final class MeasuredSpectrumComparison {

  private MeasuredSpectrumComparison() {}

  static final Map<String, Double> K412 = new LinkedHashMap<>();

  static {
    K412.put("O", 0.42758);
    K412.put("Mg", 0.116567);
    K412.put("Al", 0.049061);
    K412.put("Si", 0.211982);
    K412.put("Ca", 0.10899);
    K412.put("Fe", 0.077742);
  }

  /** Line energies (eV) of the peaks compared: element -> Ka1 energy. */
  static final Map<String, Double> PEAKS = new LinkedHashMap<>();

  static {
    PEAKS.put("O", 524.9);
    PEAKS.put("Mg", 1253.6);
    PEAKS.put("Al", 1486.7);
    PEAKS.put("Si", 1740.0);
    PEAKS.put("Ca", 3691.7);
    PEAKS.put("Fe", 6403.8);
  }

  static Path dataDir() {
    String p = System.getProperty("alloyflow.sharedData");
    Path base = p != null ? Paths.get(p) : Paths.get("../shared/data");
    Path d = base.resolve("eds/nist-k412");
    if (!Files.isDirectory(d)) {
      d = Paths.get("../../shared/data/eds/nist-k412");
    }
    return d;
  }

  static List<Spectrum> measured() throws IOException {
    List<Spectrum> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Path f = dataDir().resolve("III-E K412[" + i + "][4].msa");
      if (Files.exists(f)) {
        out.add(EmsaIO.read(f));
      }
    }
    return out;
  }

  /** Sum of the measured spectra (same axis) with summed live time. */
  static Spectrum sum(List<Spectrum> list) {
    Spectrum first = list.get(0);
    double[] c = new double[first.channels()];
    double live = 0;
    double chargeNaS = 0;
    for (Spectrum s : list) {
      for (int i = 0; i < c.length; i++) {
        c[i] += s.counts()[i];
      }
      live += s.liveTimeS();
      chargeNaS += s.liveTimeS() * s.probeCurrentNa();
    }
    return new Spectrum(c, first.axis(), live, live, first.beamEnergyKeV(),
        first.takeoffAngleDeg(), chargeNaS / live, "K412 sum", Map.of());
  }

  static EdsDetector detectorFor(Spectrum m) {
    EdsDetector d = EdsDetector.defaultDetector();
    return d.withAxis(m.axis(), m.channels()).withTakeoff(m.takeoffAngleDeg());
  }

  static final Map<String, Double> SIO2 = Map.of("O", 0.532565, "Si", 0.467435);

  /**
   * Detector efficiency characterisation on an independent specimen: the polymer window
   * thickness for which the simulated O Ka / Si Ka area ratio of the SiO2 standard equals the
   * measured one (bisection; the ratio falls monotonically with thickness).
   */
  static EdsDetector calibrateWindow(Spectrum sio2, double coatNm) {
    EdsDetector base = detectorFor(sio2);
    Map<String, Double> am = fitAreas(sio2.counts(), sio2.axis(), refs(SIO2, sio2, base, coatNm));
    double target = am.get("O") / am.get("Si");
    double lo = 0;
    double hi = 3;
    for (int it = 0; it < 30; it++) {
      double mid = (lo + hi) / 2;
      EdsDetector d = base.withPolymerWindowUm(mid);
      double[] exp = SpectrumSimulator.expected(SIO2, sio2.beamEnergyKeV(), sio2.liveTimeS(),
          sio2.probeCurrentNa(), d, 0, coatNm, null);
      Map<String, Double> as = fitAreas(exp, sio2.axis(), refs(SIO2, sio2, d, coatNm));
      double r = as.get("O") / as.get("Si");
      if (r > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return base.withPolymerWindowUm((lo + hi) / 2);
  }

  /** Reference (characteristic-only) shapes of every compared element present in comp. */
  static Map<String, double[]> refs(Map<String, Double> comp, Spectrum m, EdsDetector det,
      double coatNm) {
    Map<String, double[]> refs = new LinkedHashMap<>();
    for (String el : PEAKS.keySet()) {
      if (comp.containsKey(el)) {
        refs.put(el, SpectrumSimulator.expected(comp, m.beamEnergyKeV(), m.liveTimeS(),
            m.probeCurrentNa(), det, 0, coatNm, el));
      }
    }
    return refs;
  }

  /** Peak measurement result. */
  record Peak(double centroidChannel, double area) {}

  /**
   * Net peak area in +-1.2 FWHM above a straight background through the mean counts of two side
   * windows [1.6, 2.4] FWHM away; centroid of the net counts.
   */
  static Peak peak(double[] counts, EnergyAxis ax, EdsDetector det, double energyEv) {
    double f = det.fwhmEv(energyEv);
    double c0 = ax.channel(energyEv);
    double fc = f / ax.gainEvPerChannel();
    double[] left = window(counts, c0 - 2.4 * fc, c0 - 1.6 * fc);
    double[] right = window(counts, c0 + 1.6 * fc, c0 + 2.4 * fc);
    int lo = (int) Math.round(c0 - 1.2 * fc);
    int hi = (int) Math.round(c0 + 1.2 * fc);
    double area = 0;
    double moment = 0;
    for (int ch = lo; ch <= hi; ch++) {
      double bg = left[1] + (right[1] - left[1]) * (ch - left[0]) / (right[0] - left[0]);
      double net = counts[ch] - bg;
      area += net;
      moment += net * ch;
    }
    return new Peak(moment / area, area);
  }

  /** Fit regions (eV) and the elements whose reference shapes are fitted there. */
  static final double[][] REGIONS = {{380, 700}, {1080, 1960}, {3450, 4200}, {6150, 7300}};

  /**
   * Reference-shape fit: in each region, counts = a + b (E - Emid) + sum_el k_el ref_el(E) by
   * linear least squares, ref_el the model's characteristic-only spectrum of the element (all its
   * lines, detector response). Returns element -> {k, area of Ka-family peak = k sum(ref_el in
   * region)} where the area is the net characteristic counts of that element in its region.
   */
  static Map<String, Double> fitAreas(double[] counts, EnergyAxis ax, Map<String, double[]> refs) {
    Map<String, Double> areas = new LinkedHashMap<>();
    for (double[] reg : REGIONS) {
      int lo = (int) Math.round(ax.channel(reg[0]));
      int hi = (int) Math.round(ax.channel(reg[1]));
      List<String> els = new ArrayList<>();
      for (Map.Entry<String, Double> e : PEAKS.entrySet()) {
        if (e.getValue() >= reg[0] && e.getValue() <= reg[1] && refs.containsKey(e.getKey())) {
          els.add(e.getKey());
        }
      }
      if (els.isEmpty()) {
        continue;
      }
      int p = 2 + els.size();
      double[][] ata = new double[p][p];
      double[] atb = new double[p];
      double mid = (lo + hi) / 2.0;
      for (int ch = lo; ch <= hi; ch++) {
        double[] row = new double[p];
        row[0] = 1;
        row[1] = (ch - mid) / (hi - lo);
        for (int k = 0; k < els.size(); k++) {
          row[2 + k] = refs.get(els.get(k))[ch];
        }
        double wgt = 1 / Math.max(1, counts[ch]);
        for (int i = 0; i < p; i++) {
          atb[i] += wgt * row[i] * counts[ch];
          for (int j = 0; j < p; j++) {
            ata[i][j] += wgt * row[i] * row[j];
          }
        }
      }
      double[] sol = solve(ata, atb);
      for (int k = 0; k < els.size(); k++) {
        double refSum = 0;
        for (int ch = lo; ch <= hi; ch++) {
          refSum += refs.get(els.get(k))[ch];
        }
        areas.put(els.get(k), sol[2 + k] * refSum);
      }
    }
    return areas;
  }

  /**
   * Peak-to-background ratio of an element's K family: P = the fitted net characteristic counts
   * of the element in its fit region (as {@link #fitAreas}), B = the fitted linear continuum of
   * that region summed over the main line +- 1 FWHM. The same estimator is applied to measured
   * and simulated spectra, so their ratio compares like with like.
   */
  static double peakToBackground(double[] counts, EnergyAxis ax, Map<String, double[]> refs,
      String element, EdsDetector det) {
    double e = PEAKS.get(element);
    for (double[] reg : REGIONS) {
      if (e < reg[0] || e > reg[1]) {
        continue;
      }
      int lo = (int) Math.round(ax.channel(reg[0]));
      int hi = (int) Math.round(ax.channel(reg[1]));
      List<String> els = elementsIn(reg, refs);
      double[] sol = regionSolution(counts, ax, refs, reg);
      int k = els.indexOf(element);
      double refSum = 0;
      for (int ch = lo; ch <= hi; ch++) {
        refSum += refs.get(element)[ch];
      }
      double area = sol[2 + k] * refSum;
      double fc = det.fwhmEv(e) / ax.gainEvPerChannel();
      double c0 = ax.channel(e);
      double mid = (lo + hi) / 2.0;
      double bg = 0;
      for (int ch = (int) Math.round(c0 - fc); ch <= (int) Math.round(c0 + fc); ch++) {
        bg += sol[0] + sol[1] * (ch - mid) / (hi - lo);
      }
      return area / bg;
    }
    throw new IllegalArgumentException("no fit region for " + element);
  }

  private static List<String> elementsIn(double[] reg, Map<String, double[]> refs) {
    List<String> els = new ArrayList<>();
    for (Map.Entry<String, Double> en : PEAKS.entrySet()) {
      if (en.getValue() >= reg[0] && en.getValue() <= reg[1] && refs.containsKey(en.getKey())) {
        els.add(en.getKey());
      }
    }
    return els;
  }

  /** Weighted least-squares solution {a, b, k_el...} of one region (see {@link #fitAreas}). */
  private static double[] regionSolution(double[] counts, EnergyAxis ax,
      Map<String, double[]> refs, double[] reg) {
    int lo = (int) Math.round(ax.channel(reg[0]));
    int hi = (int) Math.round(ax.channel(reg[1]));
    List<String> els = elementsIn(reg, refs);
    int p = 2 + els.size();
    double[][] ata = new double[p][p];
    double[] atb = new double[p];
    double mid = (lo + hi) / 2.0;
    for (int ch = lo; ch <= hi; ch++) {
      double[] row = new double[p];
      row[0] = 1;
      row[1] = (ch - mid) / (hi - lo);
      for (int k = 0; k < els.size(); k++) {
        row[2 + k] = refs.get(els.get(k))[ch];
      }
      double wgt = 1 / Math.max(1, counts[ch]);
      for (int i = 0; i < p; i++) {
        atb[i] += wgt * row[i] * counts[ch];
        for (int j = 0; j < p; j++) {
          ata[i][j] += wgt * row[i] * row[j];
        }
      }
    }
    return solve(ata, atb);
  }

  /**
   * Continuum shape: for each band (keV), (sum sim / sum meas) over the band divided by the same
   * ratio over 2.5-3.5 keV.
   */
  static double[] shapeRatios(double[] sim, double[] meas, EnergyAxis ax, double[][] bands) {
    double[] out = new double[bands.length];
    double rs = 0;
    double rm = 0;
    for (int ch = 0; ch < sim.length; ch++) {
      double e = ax.energyEv(ch) / 1000;
      if (e > 2.5 && e < 3.5) {
        rs += sim[ch];
        rm += meas[ch];
      }
    }
    for (int b = 0; b < bands.length; b++) {
      double s1 = 0;
      double m1 = 0;
      for (int ch = 0; ch < sim.length; ch++) {
        double e = ax.energyEv(ch) / 1000;
        if (e > bands[b][0] && e < bands[b][1]) {
          s1 += sim[ch];
          m1 += meas[ch];
        }
      }
      out[b] = (s1 / m1) / (rs / rm);
    }
    return out;
  }

  /**
   * Peak position by template matching: the shift (channels) of the element's reference shape
   * that minimises the weighted residual of the region fit (grid search in 0.02-channel steps
   * over +-4 channels, other references fixed in place). Returns the fitted position of the
   * element's main line in channels: nominal channel + shift.
   */
  static double fitPosition(double[] counts, EnergyAxis ax, Map<String, double[]> refs,
      String element) {
    double best = Double.POSITIVE_INFINITY;
    double bestShift = 0;
    for (int k = -200; k <= 200; k++) {
      double shift = k * 0.02;
      Map<String, double[]> shifted = new LinkedHashMap<>(refs);
      shifted.put(element, shiftBy(refs.get(element), shift));
      double r = residual(counts, ax, shifted, element);
      if (r < best) {
        best = r;
        bestShift = shift;
      }
    }
    return ax.channel(PEAKS.get(element)) + bestShift;
  }

  private static double[] shiftBy(double[] a, double shift) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double x = i - shift;
      int x0 = (int) Math.floor(x);
      double f = x - x0;
      double v0 = x0 >= 0 && x0 < a.length ? a[x0] : 0;
      double v1 = x0 + 1 >= 0 && x0 + 1 < a.length ? a[x0 + 1] : 0;
      out[i] = v0 * (1 - f) + v1 * f;
    }
    return out;
  }

  private static double residual(double[] counts, EnergyAxis ax, Map<String, double[]> refs,
      String element) {
    double e = PEAKS.get(element);
    for (double[] reg : REGIONS) {
      if (e >= reg[0] && e <= reg[1]) {
        double[] sol = new double[1];
        return regionFit(counts, ax, refs, reg, sol);
      }
    }
    throw new IllegalArgumentException("no region for " + element);
  }

  /** Fits one region; returns the weighted residual sum of squares. */
  private static double regionFit(double[] counts, EnergyAxis ax, Map<String, double[]> refs,
      double[] reg, double[] unused) {
    int lo = (int) Math.round(ax.channel(reg[0]));
    int hi = (int) Math.round(ax.channel(reg[1]));
    List<String> els = new ArrayList<>();
    for (Map.Entry<String, Double> en : PEAKS.entrySet()) {
      if (en.getValue() >= reg[0] && en.getValue() <= reg[1] && refs.containsKey(en.getKey())) {
        els.add(en.getKey());
      }
    }
    int p = 2 + els.size();
    double[][] ata = new double[p][p];
    double[] atb = new double[p];
    double mid = (lo + hi) / 2.0;
    double[][] rows = new double[hi - lo + 1][];
    for (int ch = lo; ch <= hi; ch++) {
      double[] row = new double[p];
      row[0] = 1;
      row[1] = (ch - mid) / (hi - lo);
      for (int k = 0; k < els.size(); k++) {
        row[2 + k] = refs.get(els.get(k))[ch];
      }
      rows[ch - lo] = row;
      double wgt = 1 / Math.max(1, counts[ch]);
      for (int i = 0; i < p; i++) {
        atb[i] += wgt * row[i] * counts[ch];
        for (int j = 0; j < p; j++) {
          ata[i][j] += wgt * row[i] * row[j];
        }
      }
    }
    double[] sol = solve(ata, atb);
    double rss = 0;
    for (int ch = lo; ch <= hi; ch++) {
      double model = 0;
      for (int i = 0; i < p; i++) {
        model += sol[i] * rows[ch - lo][i];
      }
      double d = counts[ch] - model;
      rss += d * d / Math.max(1, counts[ch]);
    }
    return rss;
  }

  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
          piv = r;
        }
      }
      double[] t = m[c];
      m[c] = m[piv];
      m[piv] = t;
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= n; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = m[i][n] / m[i][i];
    }
    return x;
  }

  private static double[] window(double[] counts, double from, double to) {
    int a = (int) Math.round(from);
    int b = (int) Math.round(to);
    double s = 0;
    double x = 0;
    for (int ch = a; ch <= b; ch++) {
      s += counts[ch];
      x += ch;
    }
    int n = b - a + 1;
    return new double[] {x / n, s / n};
  }

  /** Writes a log-scale plot of measured vs simulated spectra. */
  static void plot(Spectrum measured, double[] simulated, Path out, String subtitle)
      throws IOException {
    int w = 1200;
    int h = 700;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int left = 80;
    int right = w - 30;
    int top = 50;
    int bottom = h - 60;
    double eMax = 20000;
    double yMin = 1;
    double yMax = 1;
    for (double v : measured.counts()) {
      yMax = Math.max(yMax, v);
    }
    for (double v : simulated) {
      yMax = Math.max(yMax, v);
    }
    double lmin = Math.log10(yMin);
    double lmax = Math.log10(yMax * 1.5);
    g.setColor(Color.LIGHT_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int dec = 0; dec <= (int) lmax; dec++) {
      int y = (int) (bottom - (dec - lmin) / (lmax - lmin) * (bottom - top));
      g.drawLine(left, y, right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString("1e" + dec, 30, y + 4);
      g.setColor(Color.LIGHT_GRAY);
    }
    for (int k = 0; k <= 20; k += 2) {
      int x = (int) (left + k * 1000 / eMax * (right - left));
      g.drawLine(x, top, x, bottom);
      g.setColor(Color.DARK_GRAY);
      g.drawString(k + " keV", x - 15, bottom + 18);
      g.setColor(Color.LIGHT_GRAY);
    }
    drawSeries(g, measured.counts(), measured.axis(), new Color(20, 60, 200), left, right, top,
        bottom, eMax, lmin, lmax);
    drawSeries(g, simulated, measured.axis(), new Color(220, 40, 30), left, right, top, bottom,
        eMax, lmin, lmax);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("NIST K412 glass, 20 kV: measured (blue, sum of 5) vs alloyflow simulation (red)",
        left, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, left, 42);
    g.drawString("counts per channel (log)", 5, top - 8);
    g.dispose();
    Files.createDirectories(out.getParent());
    ImageIO.write(img, "png", out.toFile());
  }

  private static void drawSeries(Graphics2D g, double[] c, EnergyAxis ax, Color col, int left,
      int right, int top, int bottom, double eMax, double lmin, double lmax) {
    g.setColor(col);
    g.setStroke(new BasicStroke(1.2f));
    int px = -1;
    int py = -1;
    for (int ch = 0; ch < c.length; ch++) {
      double e = ax.energyEv(ch);
      if (e < 100 || e > eMax) {
        continue;
      }
      int x = (int) (left + e / eMax * (right - left));
      double v = Math.max(c[ch], 1);
      int y = (int) (bottom - (Math.log10(v) - lmin) / (lmax - lmin) * (bottom - top));
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
  }

  static String fmt(String f, Object... a) {
    return String.format(Locale.ROOT, f, a);
  }
}
