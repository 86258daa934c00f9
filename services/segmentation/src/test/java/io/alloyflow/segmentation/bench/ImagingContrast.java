package io.alloyflow.segmentation.bench;

import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.DualPhaseSteel;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Polycrystal;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How much dose the synthetic images need for their contrasts to be visible (run by
 * bench/segmentation/run_contrast_report.sh). From the noise-free expected signal yield Y of the
 * SEM simulator (after probe blur) it takes the median yield of each phase's interior (pixels with
 * no other label within 3 px), the contrast C = |Y_a - Y_b| / max(Y_a, Y_b) of every phase pair,
 * and the Rose criterion dose: a feature of contrast C is seen against shot noise with a
 * signal-to-noise ratio of k = 5 when the detected electrons per pixel reach (k / C)^2, i.e. a
 * primary dose of 25 / (C^2 Y) per pixel (A. Rose, "The sensitivity performance of the human eye
 * on an absolute scale", J. Opt. Soc. Am. 38 (1948) 196; the threshold equation of J.I.
 * Goldstein et al., "Scanning Electron Microscopy and X-Ray Microanalysis", 4th ed., Springer
 * 2018, ch. 5). For grains2d the contrasts are those of neighbouring grains (channelling) and of
 * the etched boundary groove against the grain interiors. The images of the same kinds are made as
 * {@code ./alloyflow synth KIND} makes them; only the dose is left out (it scales the noise, not Y).
 *
 * <p>Arguments: SIZE SEED.
 */
public final class ImagingContrast {
  private ImagingContrast() {}

  static double median(List<Float> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    List<Float> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  static double roseDose(double c, double y) {
    return 25 / (c * c * y);
  }

  /** Whether no pixel within r of i carries another label. */
  static boolean interior(int[] lab, int w, int h, int x, int y, int r) {
    if (x < r || y < r || x >= w - r || y >= h - r) {
      return false;
    }
    int i = y * w + x;
    for (int dy = -r; dy <= r; dy++) {
      for (int dx = -r; dx <= r; dx++) {
        if (lab[i + dy * w + dx] != lab[i]) {
          return false;
        }
      }
    }
    return true;
  }

  static void phaseContrasts(String name, Microstructure m, SemConditions c, long seed) {
    float[] y = SemSimulator.render(m, c, seed).expectedYield();
    int[] lab = m.phaseMap().labels();
    int w = m.width();
    int h = m.height();
    int k = m.phases().size();
    List<List<Float>> v = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      v.add(new ArrayList<>());
    }
    for (int yy = 0; yy < h; yy++) {
      for (int x = 0; x < w; x++) {
        if (interior(lab, w, h, x, yy, 3)) {
          v.get(lab[yy * w + x]).add(y[yy * w + x]);
        }
      }
    }
    double[] med = new double[k];
    for (int i = 0; i < k; i++) {
      med[i] = median(v.get(i));
    }
    System.out.printf(Locale.ROOT, "%s: interior median yield per phase %s%n", name,
        Arrays.toString(med));
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        if (Double.isNaN(med[a]) || Double.isNaN(med[b])) {
          System.out.printf(Locale.ROOT, "  %s vs %s: no interior pixels (features thinner than"
              + " 7 px)%n", m.phases().get(a).name(), m.phases().get(b).name());
          continue;
        }
        double cc = Math.abs(med[a] - med[b]) / Math.max(med[a], med[b]);
        System.out.printf(Locale.ROOT, "  %s vs %s: C = %.4f, Rose dose %.3g e/px%n",
            m.phases().get(a).name(), m.phases().get(b).name(), cc,
            roseDose(cc, (med[a] + med[b]) / 2));
      }
    }
  }

  static void grainContrasts(Microstructure g, SemConditions c, long seed) {
    float[] y = SemSimulator.render(g, c, seed).expectedYield();
    int[] id = g.instanceMap().labels();
    int w = g.width();
    int h = g.height();
    Map<Integer, List<Float>> per = new HashMap<>();
    List<Float> inner = new ArrayList<>();
    List<Float> boundary = new ArrayList<>();
    for (int yy = 0; yy < h - 1; yy++) {
      for (int x = 0; x < w - 1; x++) {
        int i = yy * w + x;
        if (interior(id, w, h, x, yy, 3)) {
          per.computeIfAbsent(id[i], q -> new ArrayList<>()).add(y[i]);
          inner.add(y[i]);
        } else if (id[i + 1] != id[i] || id[i + w] != id[i]) {
          boundary.add(y[i]);
        }
      }
    }
    Map<Integer, Double> med = new HashMap<>();
    per.forEach((q, l) -> med.put(q, median(l)));
    List<Float> cs = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int yy = 0; yy < h - 1; yy++) {
      for (int x = 0; x < w - 1; x++) {
        int i = yy * w + x;
        for (int j : new int[] {i + 1, i + w}) {
          int p = id[i];
          int q = id[j];
          if (p != q && med.containsKey(p) && med.containsKey(q)
              && seen.add((long) Math.min(p, q) * 1_000_000L + Math.max(p, q))) {
            double a = med.get(p);
            double b = med.get(q);
            cs.add((float) (Math.abs(a - b) / Math.max(a, b)));
          }
        }
      }
    }
    Collections.sort(cs);
    double ym = median(inner);
    double groove = (ym - median(boundary)) / ym;
    System.out.printf(Locale.ROOT, "grains2d: interior median yield %.4f; neighbouring-grain"
            + " contrast quartiles %.4f / %.4f / %.4f (%d pairs) -> Rose dose of the median"
            + " pair %.3g e/px; boundary groove C = %.4f -> Rose dose %.3g e/px%n", ym,
        cs.get(cs.size() / 4), cs.get(cs.size() / 2), cs.get(3 * cs.size() / 4), cs.size(),
        roseDose(cs.get(cs.size() / 2), ym), groove, roseDose(groove, ym));
  }

  public static void main(String[] args) {
    int size = Integer.parseInt(args[0]);
    long seed = Long.parseLong(args[1]);
    phaseContrasts("dp-steel (0.25 um px, BSE with 0.6 topographic weight)",
        DualPhaseSteel.generate(DualPhaseSteel.Params.defaults(size, 2.5e-7), seed),
        SemConditions.bse().withTopographyWeight(SyntheticWorld.DP_TOPOGRAPHY_WEIGHT), seed);
    phaseContrasts("al-alloy (0.5 um px, material-contrast BSE)",
        AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(size, 0.5e-6), seed),
        SemConditions.bse(), seed);
    grainContrasts(Polycrystal.generate2d(new Polycrystal.Params2d(size, size, 0.5e-6, 10e-6,
        0.3, "ferrite", Materials.IRON), seed), SemConditions.bse(), seed);
  }
}
