package io.alloyflow.synthetic.micro;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.synthetic.random.RandomFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Clean steel with non-metallic inclusions, with the morphologies of the classical inclusion
 * types (ISO 4967 / ASTM E45 classes and the Ca-treatment products described by Kiessling and
 * Lange, "Non-metallic inclusions in steel", The Metals Society, 1978, and by Zhang and Thomas,
 * "State of the art in evaluation and control of steel cleanliness", ISIJ Int. 43 (2003) 271):
 * angular alumina, often in clusters; MnS elongated along the rolling direction (x); angular,
 * cuboidal TiN; globular Mn-Al oxysulfides, calcium aluminates and (Ca,Mn)S; duplex inclusions
 * with a calcium-aluminate core and a (Ca,Mn)S rim.
 *
 * <p>Sizes (equivalent circle diameter) are log-normal, as measured for inclusion populations
 * (e.g. Zhang and Thomas 2003). Inclusions are placed at random, rejecting overlaps with a
 * one-pixel gap so every inclusion is a separate instance, until the requested total area
 * fraction is reached; an inclusion that would overshoot the request by more than half its own
 * area is redrawn, so the final fraction is within half an inclusion of the request.
 */
public final class InclusionSteel {

  private InclusionSteel() {}

  /** Inclusion types in the order of their default number frequencies. */
  public static final List<String> TYPES = List.of(
      "Al2O3", "MnS", "TiN", "oxysulfide", "calcium-aluminate", "CaMnS", "duplex");

  /**
   * Parameters.
   *
   * @param areaFraction total inclusion area fraction (clean steels: 1e-4 .. 1e-2)
   * @param meanDiameterM arithmetic mean equivalent circle diameter (m)
   * @param diameterCv coefficient of variation of the log-normal diameter distribution
   * @param clusterProbability probability that an alumina inclusion comes as a cluster of 3-8
   *     particles
   * @param mnsAspect mean aspect ratio of MnS stringers
   * @param typeWeights relative number frequency per type in {@link #TYPES}; missing types get 0
   */
  public record Params(
      int width,
      int height,
      double pixelSizeM,
      double areaFraction,
      double meanDiameterM,
      double diameterCv,
      double clusterProbability,
      double mnsAspect,
      Map<String, Double> typeWeights) {

    public Params {
      Support.checkSize(width, height, pixelSizeM);
      Support.checkFraction("inclusion area fraction", areaFraction, 0.2);
      Support.checkFraction("cluster probability", clusterProbability, 1);
      if (!(meanDiameterM > 0) || !(diameterCv >= 0) || !(mnsAspect >= 1)) {
        throw new IllegalArgumentException("need mean diameter > 0, cv >= 0, MnS aspect >= 1;"
            + " found " + meanDiameterM + ", " + diameterCv + ", " + mnsAspect);
      }
      typeWeights = new LinkedHashMap<>(typeWeights);
      double s = 0;
      for (Map.Entry<String, Double> e : typeWeights.entrySet()) {
        if (!TYPES.contains(e.getKey())) {
          throw new IllegalArgumentException(
              "unknown inclusion type '" + e.getKey() + "': expected one of " + TYPES);
        }
        if (!(e.getValue() >= 0)) {
          throw new IllegalArgumentException("type weight must be >= 0: " + e);
        }
        s += e.getValue();
      }
      if (!(s > 0)) {
        throw new IllegalArgumentException("at least one inclusion type needs a weight > 0");
      }
    }

    /** Defaults: 0.5 % inclusions, 3 um mean diameter (cv 0.6), a Ca-treated Al-killed mix. */
    public static Params defaults(int size, double pixelSizeM) {
      Map<String, Double> w = new LinkedHashMap<>();
      w.put("Al2O3", 0.25);
      w.put("MnS", 0.25);
      w.put("TiN", 0.10);
      w.put("oxysulfide", 0.10);
      w.put("calcium-aluminate", 0.12);
      w.put("CaMnS", 0.10);
      w.put("duplex", 0.08);
      return new Params(size, size, pixelSizeM, 0.005, 3e-6, 0.6, 0.3, 4.0, w);
    }
  }

  /** Phase labels of the phase map. */
  public static final List<String> PHASES = List.of(
      "steel", "Al2O3", "MnS", "TiN", "oxysulfide", "calcium-aluminate", "CaMnS");

  private interface Shape {
    /** Phase label at offset (dx, dy) from the centre, or 0 when outside. */
    int at(double dx, double dy);
  }

  /** Generates the microstructure. */
  public static Microstructure generate(Params p, long seed) {
    int w = p.width();
    int h = p.height();
    int n = w * h;
    double px = p.pixelSizeM();
    SplittableRandom rng = RandomFields.stream(seed, 71);
    List<Phase> phases = List.of(
        new Phase("steel", Materials.STEEL_MATRIX),
        new Phase("Al2O3", Materials.AL2O3, -0.5),
        new Phase("MnS", Materials.MNS, -0.5),
        new Phase("TiN", Materials.TIN, 0.3),
        new Phase("oxysulfide", Materials.OXYSULFIDE, -0.5),
        new Phase("calcium-aluminate", Materials.CA_ALUMINATE, -0.5),
        new Phase("CaMnS", Materials.CAMNS, -0.5));
    double[] cum = new double[TYPES.size()];
    double acc = 0;
    for (int k = 0; k < TYPES.size(); k++) {
      acc += p.typeWeights().getOrDefault(TYPES.get(k), 0.0);
      cum[k] = acc;
    }
    int[] phase = new int[n];
    int[] ids = new int[n];
    boolean[] blocked = new boolean[n];
    List<Instance> instances = new ArrayList<>();
    long target = Math.round(p.areaFraction() * n);
    long painted = 0;
    double meanPx = p.meanDiameterM() / px;
    int clusterCount = 0;
    int failures = 0;
    int overshoots = 0;
    Map<String, Integer> perType = new LinkedHashMap<>();
    while (painted < target && failures < 20000) {
      double u = rng.nextDouble() * acc;
      int type = 0;
      while (cum[type] <= u) {
        type++;
      }
      String name = TYPES.get(type);
      double cx = rng.nextDouble() * w;
      double cy = rng.nextDouble() * h;
      List<double[]> parts = new ArrayList<>(); // {cx, cy, diameter}
      boolean cluster = name.equals("Al2O3") && rng.nextDouble() < p.clusterProbability();
      if (cluster) {
        int k = 3 + rng.nextInt(6);
        double dCluster = Math.max(2.5, RandomFields.logNormal(rng, meanPx, p.diameterCv()));
        for (int j = 0; j < k; j++) {
          double d = Math.max(2, dCluster * (0.3 + 0.3 * rng.nextDouble()));
          double r = dCluster * 1.2 * Math.sqrt(rng.nextDouble());
          double a = 2 * Math.PI * rng.nextDouble();
          parts.add(new double[] {cx + r * Math.cos(a), cy + r * Math.sin(a), d});
        }
      } else {
        parts.add(new double[] {cx, cy,
            Math.max(2, RandomFields.logNormal(rng, meanPx, p.diameterCv()))});
      }
      List<int[]> pixelsPerPart = new ArrayList<>();
      List<int[]> labelsPerPart = new ArrayList<>();
      boolean ok = true;
      for (double[] part : parts) {
        Shape s = shape(name, part[2], p.mnsAspect(), rng);
        double reach = part[2] * Math.max(3, p.mnsAspect()) + 2;
        List<Integer> pix = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        int x0 = (int) Math.floor(part[0] - reach);
        int x1 = (int) Math.ceil(part[0] + reach);
        int y0 = (int) Math.floor(part[1] - reach);
        int y1 = (int) Math.ceil(part[1] + reach);
        for (int y = Math.max(0, y0); y <= Math.min(h - 1, y1) && ok; y++) {
          for (int x = Math.max(0, x0); x <= Math.min(w - 1, x1); x++) {
            int l = s.at(x + 0.5 - part[0], y + 0.5 - part[1]);
            if (l != 0) {
              int i = y * w + x;
              if (blocked[i]) {
                ok = false;
                break;
              }
              pix.add(i);
              lab.add(l);
            }
          }
        }
        if (!ok) {
          break;
        }
        if (pix.isEmpty()) {
          continue;
        }
        pixelsPerPart.add(pix.stream().mapToInt(Integer::intValue).toArray());
        labelsPerPart.add(lab.stream().mapToInt(Integer::intValue).toArray());
      }
      // parts of one cluster must not overlap each other either
      if (ok) {
        java.util.HashSet<Integer> seen = new java.util.HashSet<>();
        for (int[] pix : pixelsPerPart) {
          for (int i : pix) {
            if (!seen.add(i)) {
              ok = false;
            }
          }
        }
      }
      if (!ok || pixelsPerPart.isEmpty()) {
        failures++;
        continue;
      }
      int candidateArea = 0;
      for (int[] pix : pixelsPerPart) {
        candidateArea += pix.length;
      }
      // do not overshoot the requested fraction by more than half of this inclusion
      if (painted + candidateArea / 2.0 > target) {
        if (++overshoots > 400) {
          break;
        }
        continue;
      }
      int clusterId = cluster ? ++clusterCount : 0;
      for (int k = 0; k < pixelsPerPart.size(); k++) {
        int[] pix = pixelsPerPart.get(k);
        int[] lab = labelsPerPart.get(k);
        int id = instances.size() + 1;
        double[] phaseArea = new double[PHASES.size()];
        double sx = 0;
        double sy = 0;
        for (int j = 0; j < pix.length; j++) {
          phase[pix[j]] = lab[j];
          ids[pix[j]] = id;
          phaseArea[lab[j]]++;
          sx += pix[j] % w;
          sy += pix[j] / w;
        }
        painted += pix.length;
        Map<String, Double> comp = new LinkedHashMap<>();
        for (int l = 1; l < PHASES.size(); l++) {
          if (phaseArea[l] > 0) {
            double wgt = phaseArea[l] / pix.length;
            phases.get(l).massFractions().forEach((el, f) -> comp.merge(el, f * wgt,
                Double::sum));
          }
        }
        Map<String, Object> attr = new LinkedHashMap<>();
        attr.put("areaPx", pix.length);
        attr.put("equivalentDiameterM", Support.equivalentDiameter(pix.length, px));
        attr.put("centroidPx", List.of(Support.round(sx / pix.length + 0.5, 2),
            Support.round(sy / pix.length + 0.5, 2)));
        attr.put("clusterId", clusterId);
        if (name.equals("duplex")) {
          attr.put("coreFraction", phaseArea[5] / pix.length);
        }
        instances.add(new Instance(id, name, comp, attr));
        perType.merge(name, 1, Integer::sum);
        // block the inclusion plus a one-pixel gap
        for (int i : pix) {
          int x = i % w;
          int y = i / w;
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int xx = x + dx;
              int yy = y + dy;
              if (xx >= 0 && xx < w && yy >= 0 && yy < h) {
                blocked[yy * w + xx] = true;
              }
            }
          }
        }
      }
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("inclusionAreaFraction", (double) painted / n);
    stats.put("inclusionCount", instances.size());
    stats.put("clusterCount", clusterCount);
    stats.put("countByType", perType);
    double[] ecd = new double[instances.size()];
    for (int k = 0; k < ecd.length; k++) {
      ecd[k] = (double) instances.get(k).attributes().get("equivalentDiameterM");
    }
    stats.put("meanEquivalentDiameterM", mean(ecd));
    stats.put("logDiameterMean", meanLog(ecd)[0]);
    stats.put("logDiameterSd", meanLog(ecd)[1]);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("width", w);
    params.put("height", h);
    params.put("pixelSizeM", px);
    params.put("areaFraction", p.areaFraction());
    params.put("meanDiameterM", p.meanDiameterM());
    params.put("diameterCv", p.diameterCv());
    params.put("clusterProbability", p.clusterProbability());
    params.put("mnsAspect", p.mnsAspect());
    params.put("typeWeights", p.typeWeights());
    List<String> instClasses = new ArrayList<>();
    instClasses.add("none");
    instClasses.add("inclusion");
    return new Microstructure("inclusions", new LabelMap(w, h, phase, PHASES, px),
        new LabelMap(w, h, ids, instClasses, px), phases, instances, null, null, stats, params,
        seed);
  }

  private static Shape shape(String type, double d, double mnsAspect, SplittableRandom rng) {
    double r = d / 2;
    switch (type) {
      case "MnS": {
        double aspect = Math.max(1.5, RandomFields.logNormal(rng, mnsAspect, 0.3));
        double a = r * Math.sqrt(aspect);
        double b = r / Math.sqrt(aspect);
        double rot = Math.toRadians(5 * RandomFields.gaussian(rng));
        return ellipse(a, b, rot, 2);
      }
      case "TiN": {
        double aspect = 1 + 0.5 * rng.nextDouble();
        double side = Math.sqrt(Math.PI) * r;
        double hx = side * Math.sqrt(aspect) / 2;
        double hy = side / Math.sqrt(aspect) / 2;
        double rot = Math.PI * rng.nextDouble();
        double c = Math.cos(rot);
        double s = Math.sin(rot);
        return (dx, dy) -> {
          double u = c * dx + s * dy;
          double v = -s * dx + c * dy;
          return Math.abs(u) <= hx && Math.abs(v) <= hy ? 3 : 0;
        };
      }
      case "Al2O3":
        return polygon(r, 5 + rng.nextInt(4), rng, 1);
      case "oxysulfide":
        return ellipse(r * 1.1, r / 1.1, Math.PI * rng.nextDouble(), 4);
      case "calcium-aluminate":
        return ellipse(r * 1.05, r / 1.05, Math.PI * rng.nextDouble(), 5);
      case "CaMnS":
        return ellipse(r * 1.15, r / 1.15, Math.PI * rng.nextDouble(), 6);
      case "duplex": {
        double core = 0.55 + 0.2 * rng.nextDouble();
        double ox = (rng.nextDouble() - 0.5) * 0.3 * r;
        double oy = (rng.nextDouble() - 0.5) * 0.3 * r;
        return (dx, dy) -> {
          double q = dx * dx + dy * dy;
          if (q > r * r) {
            return 0;
          }
          double qc = (dx - ox) * (dx - ox) + (dy - oy) * (dy - oy);
          return qc <= core * core * r * r ? 5 : 6;
        };
      }
      default:
        throw new IllegalStateException("unknown inclusion type " + type);
    }
  }

  private static Shape ellipse(double a, double b, double rot, int label) {
    double c = Math.cos(rot);
    double s = Math.sin(rot);
    return (dx, dy) -> {
      double u = (c * dx + s * dy) / a;
      double v = (-s * dx + c * dy) / b;
      return u * u + v * v <= 1 ? label : 0;
    };
  }

  /** Convex polygon with k random vertices, scaled to the area of a circle of radius r. */
  private static Shape polygon(double r, int k, SplittableRandom rng, int label) {
    double[] ang = new double[k];
    for (int i = 0; i < k; i++) {
      ang[i] = 2 * Math.PI * (i + 0.6 * rng.nextDouble()) / k;
    }
    double[] vx = new double[k];
    double[] vy = new double[k];
    for (int i = 0; i < k; i++) {
      double rr = 0.75 + 0.25 * rng.nextDouble();
      vx[i] = rr * Math.cos(ang[i]);
      vy[i] = rr * Math.sin(ang[i]);
    }
    double area = 0;
    for (int i = 0; i < k; i++) {
      int j = (i + 1) % k;
      area += vx[i] * vy[j] - vx[j] * vy[i];
    }
    area = Math.abs(area) / 2;
    double scale = r * Math.sqrt(Math.PI / area);
    for (int i = 0; i < k; i++) {
      vx[i] *= scale;
      vy[i] *= scale;
    }
    return (dx, dy) -> {
      for (int i = 0; i < k; i++) {
        int j = (i + 1) % k;
        double cross = (vx[j] - vx[i]) * (dy - vy[i]) - (vy[j] - vy[i]) * (dx - vx[i]);
        if (cross < 0) {
          return 0;
        }
      }
      return label;
    };
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }

  private static double[] meanLog(double[] v) {
    if (v.length == 0) {
      return new double[] {0, 0};
    }
    double s = 0;
    for (double x : v) {
      s += Math.log(x);
    }
    double m = s / v.length;
    double q = 0;
    for (double x : v) {
      q += (Math.log(x) - m) * (Math.log(x) - m);
    }
    return new double[] {m, Math.sqrt(q / Math.max(1, v.length - 1))};
  }
}
