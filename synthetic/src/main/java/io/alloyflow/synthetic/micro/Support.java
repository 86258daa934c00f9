package io.alloyflow.synthetic.micro;

import io.alloyflow.synthetic.raster.Raster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Helpers shared by the generators: orientations, channelling contrast and instance maps. */
final class Support {

  private Support() {}

  /** Uniformly random orientation as Bunge Euler angles (radians) (phi1, Phi, phi2). */
  static double[] randomEuler(SplittableRandom rng) {
    return new double[] {
      2 * Math.PI * rng.nextDouble(), Math.acos(2 * rng.nextDouble() - 1),
      2 * Math.PI * rng.nextDouble()
    };
  }

  /**
   * BSE yield factor from electron channelling: 1 - amplitude * a, where a in [0,1] grows as the
   * beam (sample normal) approaches a cubic &lt;100&gt; axis, where channelling lowers the
   * backscatter yield (D. C. Joy, D. E. Newbury, D. L. Davidson, "Electron channeling patterns in
   * the scanning electron microscope", J. Appl. Phys. 53 (1982) R81). The sample normal in
   * crystal coordinates is the third column of the Bunge rotation matrix.
   */
  static double channellingFactor(double[] euler, double amplitude) {
    double sPhi = Math.sin(euler[1]);
    double c = Math.max(
        Math.abs(Math.cos(euler[1])),
        Math.max(Math.abs(Math.sin(euler[2]) * sPhi), Math.abs(Math.cos(euler[2]) * sPhi)));
    double a = (c - 1 / Math.sqrt(3)) / (1 - 1 / Math.sqrt(3));
    return 1 - amplitude * a;
  }

  static List<Double> degrees(double[] euler) {
    return List.of(
        round(Math.toDegrees(euler[0]), 4), round(Math.toDegrees(euler[1]), 4),
        round(Math.toDegrees(euler[2]), 4));
  }

  static double round(double v, int digits) {
    double s = Math.pow(10, digits);
    return Math.round(v * s) / s;
  }

  /** Result of instance labelling. */
  record Labelled(int[] ids, List<Instance> instances, int[] pixelCount) {}

  /**
   * Builds an instance map: pixels of phases in {@code grainPhases} take their grain id (one
   * instance per grain present in such a phase); every other phase except those in {@code
   * skipPhases} is split into 4-connected components, one instance each.
   */
  static Labelled instances(
      int[] phase, int[] grainIds, boolean[] grainPhases, boolean[] skipPhases,
      List<Phase> phases, int width, int height, double pixelSizeM,
      Map<Integer, Map<String, Object>> grainAttributes) {
    int n = phase.length;
    int[] ids = new int[n];
    int next = 0;
    List<Instance> list = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    if (grainIds != null) {
      int max = 0;
      for (int g : grainIds) {
        max = Math.max(max, g);
      }
      int[] map = new int[max + 1];
      int[] grainPhase = new int[max + 1];
      for (int i = 0; i < n; i++) {
        if (grainPhases[phase[i]]) {
          int g = grainIds[i];
          if (map[g] == 0) {
            map[g] = ++next;
            grainPhase[g] = phase[i];
            counts.add(0);
            list.add(null);
          }
          ids[i] = map[g];
          counts.set(map[g] - 1, counts.get(map[g] - 1) + 1);
        }
      }
      for (int g = 1; g <= max; g++) {
        if (map[g] != 0) {
          Phase p = phases.get(grainPhase[g]);
          Map<String, Object> attr = new LinkedHashMap<>();
          attr.put("kind", "grain");
          attr.put("grainId", g);
          if (grainAttributes != null && grainAttributes.containsKey(g)) {
            attr.putAll(grainAttributes.get(g));
          }
          list.set(map[g] - 1, new Instance(map[g], p.name(), p.massFractions(), attr));
        }
      }
    }
    for (int ph = 0; ph < phases.size(); ph++) {
      if (grainPhases[ph] || skipPhases[ph]) {
        continue;
      }
      boolean[] mask = new boolean[n];
      boolean any = false;
      for (int i = 0; i < n; i++) {
        mask[i] = phase[i] == ph;
        any |= mask[i];
      }
      if (!any) {
        continue;
      }
      int[] cc = Raster.connectedComponents(mask, width, height);
      int base = next;
      int maxCc = 0;
      for (int i = 0; i < n; i++) {
        if (cc[i] != 0) {
          ids[i] = base + cc[i];
          maxCc = Math.max(maxCc, cc[i]);
        }
      }
      int[] c = new int[maxCc + 1];
      for (int v : cc) {
        c[v]++;
      }
      Phase p = phases.get(ph);
      for (int k = 1; k <= maxCc; k++) {
        counts.add(c[k]);
        Map<String, Object> attr = new LinkedHashMap<>();
        attr.put("kind", "particle");
        list.add(new Instance(base + k, p.name(), p.massFractions(), attr));
      }
      next = base + maxCc;
    }
    int[] pc = new int[counts.size()];
    List<Instance> withArea = new ArrayList<>();
    for (int k = 0; k < pc.length; k++) {
      pc[k] = counts.get(k);
      Instance in = list.get(k);
      Map<String, Object> attr = new LinkedHashMap<>(in.attributes());
      attr.put("areaPx", pc[k]);
      attr.put("equivalentDiameterM", equivalentDiameter(pc[k], pixelSizeM));
      withArea.add(new Instance(in.id(), in.className(), in.composition(), attr));
    }
    return new Labelled(ids, withArea, pc);
  }

  static double equivalentDiameter(double areaPx, double pixelSizeM) {
    return Math.sqrt(4 * areaPx / Math.PI) * pixelSizeM;
  }

  /** Sorted-key copy of a statistics map value list (for stable JSON). */
  static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static void checkSize(int width, int height, double pixelSizeM) {
    if (width < 8 || height < 8) {
      throw new IllegalArgumentException(
          "image must be at least 8x8 pixels, found " + width + "x" + height);
    }
    if ((long) width * height > 64L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "image of " + width + "x" + height + " exceeds the 64 Mpixel limit");
    }
    if (!(pixelSizeM > 0) || Double.isInfinite(pixelSizeM)) {
      throw new IllegalArgumentException(
          "pixel size must be a positive length in metres, found " + pixelSizeM);
    }
  }

  static void checkFraction(String what, double f, double max) {
    if (!(f >= 0 && f <= max)) {
      throw new IllegalArgumentException(what + " must be in [0, " + max + "], found " + f);
    }
  }
}
