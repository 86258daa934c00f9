package io.alloyflow.synthetic.micro;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.synthetic.random.RandomFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gas-atomised metal powder spread on carbon tape, seen from above: spherical particles with
 * log-normal diameters (the usual description of atomised powder size distributions, e.g.
 * German, "Powder Metallurgy Science", 2nd ed., MPIF 1994, ch. 3), some touching their
 * neighbours (sintered necks from in-flight collisions) and some carrying satellites (small
 * particles welded to larger ones during atomisation; Cohn et al., "Instance segmentation for
 * direct measurements of satellites in metal powders", JOM 73 (2021) 2159, whose AMPIS data set
 * this generator mimics).
 *
 * <p>Particles are placed by random sequential adsorption; with probability {@code
 * touchingProbability} a new particle is put against an existing one (centre distance 0.95 of
 * the radius sum). Satellites (diameter 8-25 % of the host) sit on the host's equator. Each pixel
 * shows the particle whose spherical surface is highest there (particles rest on the substrate),
 * so overlaps occlude correctly; the surface height is the relief map for SE contrast.
 */
public final class Powder {

  private Powder() {}

  /**
   * Parameters.
   *
   * @param meanDiameterM arithmetic mean particle diameter (m)
   * @param diameterCv coefficient of variation of the log-normal diameter distribution
   * @param coverage target projected area fraction of powder
   * @param touchingProbability probability that a particle is placed touching another
   * @param satelliteProbability probability that a particle carries satellites (1-4)
   */
  public record Params(
      int width,
      int height,
      double pixelSizeM,
      double meanDiameterM,
      double diameterCv,
      double coverage,
      double touchingProbability,
      double satelliteProbability) {

    public Params {
      Support.checkSize(width, height, pixelSizeM);
      Support.checkFraction("coverage", coverage, 0.7);
      Support.checkFraction("touching probability", touchingProbability, 1);
      Support.checkFraction("satellite probability", satelliteProbability, 1);
      if (!(meanDiameterM > 0) || !(diameterCv >= 0)) {
        throw new IllegalArgumentException(
            "need mean diameter > 0 and cv >= 0, found " + meanDiameterM + ", " + diameterCv);
      }
      if (meanDiameterM / pixelSizeM < 6) {
        throw new IllegalArgumentException("mean particle diameter of "
            + meanDiameterM / pixelSizeM + " pixels is too small: need at least 6 pixels");
      }
    }

    /** Defaults: 35 um 316L particles (cv 0.35), 40 % coverage, 30 % touching, 20 % satellites. */
    public static Params defaults(int size, double pixelSizeM) {
      return new Params(size, size, pixelSizeM, 35e-6, 0.35, 0.40, 0.3, 0.2);
    }
  }

  /** Marks a disc as covered; returns the number of newly covered pixels. */
  private static int paint(boolean[] covered, int w, int h, double cx, double cy, double r) {
    int added = 0;
    int x0 = Math.max(0, (int) Math.floor(cx - r));
    int x1 = Math.min(w - 1, (int) Math.ceil(cx + r));
    int y0 = Math.max(0, (int) Math.floor(cy - r));
    int y1 = Math.min(h - 1, (int) Math.ceil(cy + r));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        if (dx * dx + dy * dy <= r * r && !covered[y * w + x]) {
          covered[y * w + x] = true;
          added++;
        }
      }
    }
    return added;
  }

  /** Generates the powder image truth. */
  public static Microstructure generate(Params p, long seed) {
    int w = p.width();
    int h = p.height();
    int n = w * h;
    double px = p.pixelSizeM();
    SplittableRandom rng = RandomFields.stream(seed, 81);
    List<double[]> parts = new ArrayList<>(); // cx, cy, r, zc, parentIndex(-1), touching
    double meanPx = p.meanDiameterM() / px;
    long projected = 0;
    boolean[] covered = new boolean[n];
    int failures = 0;
    while (projected < p.coverage() * n && failures < 5000) {
      double r = Math.max(3, RandomFields.logNormal(rng, meanPx, p.diameterCv()) / 2);
      double cx;
      double cy;
      boolean touching = !parts.isEmpty() && rng.nextDouble() < p.touchingProbability();
      int host = -1;
      if (touching) {
        host = rng.nextInt(parts.size());
        double[] hp = parts.get(host);
        if (hp[4] >= 0) {
          failures++;
          continue;
        }
        double a = 2 * Math.PI * rng.nextDouble();
        cx = hp[0] + 0.95 * (hp[2] + r) * Math.cos(a);
        cy = hp[1] + 0.95 * (hp[2] + r) * Math.sin(a);
      } else {
        cx = rng.nextDouble() * w;
        cy = rng.nextDouble() * h;
      }
      boolean ok = true;
      for (int k = 0; k < parts.size(); k++) {
        double[] q = parts.get(k);
        if (q[4] >= 0 || k == host) {
          continue;
        }
        double d = Math.hypot(q[0] - cx, q[1] - cy);
        if (d < 1.02 * (q[2] + r)) {
          ok = false;
          break;
        }
      }
      if (!ok) {
        failures++;
        continue;
      }
      parts.add(new double[] {cx, cy, r, r, -1, touching ? host : -1});
      projected += paint(covered, w, h, cx, cy, r);
      if (rng.nextDouble() < p.satelliteProbability()) {
        int host2 = parts.size() - 1;
        int k = 1 + rng.nextInt(4);
        for (int j = 0; j < k; j++) {
          double rs = Math.max(1.5, r * (0.08 + 0.17 * rng.nextDouble()));
          double a = 2 * Math.PI * rng.nextDouble();
          double dist = r + 0.6 * rs;
          double sx = cx + dist * Math.cos(a);
          double sy = cy + dist * Math.sin(a);
          parts.add(new double[] {sx, sy, rs, r, host2, -1});
          projected += paint(covered, w, h, sx, sy, rs);
        }
      }
    }
    // rasterise: top-most spherical surface wins
    float[] top = new float[n];
    int[] owner = new int[n];
    for (int k = 0; k < parts.size(); k++) {
      double[] q = parts.get(k);
      int x0 = Math.max(0, (int) Math.floor(q[0] - q[2]));
      int x1 = Math.min(w - 1, (int) Math.ceil(q[0] + q[2]));
      int y0 = Math.max(0, (int) Math.floor(q[1] - q[2]));
      int y1 = Math.min(h - 1, (int) Math.ceil(q[1] + q[2]));
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          double dx = x + 0.5 - q[0];
          double dy = y + 0.5 - q[1];
          double rho2 = dx * dx + dy * dy;
          if (rho2 <= q[2] * q[2]) {
            float z = (float) (q[3] + Math.sqrt(q[2] * q[2] - rho2));
            int i = y * w + x;
            if (z > top[i]) {
              top[i] = z;
              owner[i] = k + 1;
            }
          }
        }
      }
    }
    // ids in order of particle index, only for visible particles
    int[] area = new int[parts.size() + 1];
    for (int o : owner) {
      area[o]++;
    }
    int[] idOf = new int[parts.size() + 1];
    int next = 0;
    List<Instance> instances = new ArrayList<>();
    Map<String, Double> comp = Materials.SS316L;
    int satellites = 0;
    int touchingCount = 0;
    for (int k = 1; k <= parts.size(); k++) {
      if (area[k] > 0) {
        idOf[k] = ++next;
      }
    }
    for (int k = 1; k <= parts.size(); k++) {
      if (area[k] == 0) {
        continue;
      }
      double[] q = parts.get(k - 1);
      boolean sat = q[4] >= 0;
      Map<String, Object> attr = new LinkedHashMap<>();
      attr.put("satellite", sat);
      attr.put("diameterM", 2 * q[2] * px);
      attr.put("centrePx", List.of(Support.round(q[0], 2), Support.round(q[1], 2)));
      attr.put("visibleAreaPx", area[k]);
      attr.put("hostId", sat ? idOf[(int) q[4] + 1] : 0);
      attr.put("touchingId", q[5] >= 0 ? idOf[(int) q[5] + 1] : 0);
      instances.add(new Instance(idOf[k], sat ? "satellite" : "particle", comp, attr));
      if (sat) {
        satellites++;
      }
      if (q[5] >= 0) {
        touchingCount++;
      }
    }
    int[] ids = new int[n];
    int[] phase = new int[n];
    long coveredPx = 0;
    for (int i = 0; i < n; i++) {
      if (owner[i] != 0) {
        ids[i] = idOf[owner[i]];
        phase[i] = 1;
        coveredPx++;
      }
    }
    List<Phase> phases = List.of(new Phase("substrate", Materials.CARBON),
        new Phase("powder", comp));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("powderAreaFraction", (double) coveredPx / n);
    stats.put("particleCount", next - satellites);
    stats.put("satelliteCount", satellites);
    stats.put("touchingPairs", touchingCount);
    double sumD = 0;
    int cnt = 0;
    for (double[] q : parts) {
      if (q[4] < 0) {
        sumD += 2 * q[2] * px;
        cnt++;
      }
    }
    stats.put("meanParticleDiameterM", cnt == 0 ? 0.0 : sumD / cnt);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("width", w);
    params.put("height", h);
    params.put("pixelSizeM", px);
    params.put("meanDiameterM", p.meanDiameterM());
    params.put("diameterCv", p.diameterCv());
    params.put("coverage", p.coverage());
    params.put("touchingProbability", p.touchingProbability());
    params.put("satelliteProbability", p.satelliteProbability());
    return new Microstructure("powder", new LabelMap(w, h, phase, List.of("substrate", "powder"),
        px), new LabelMap(w, h, ids, List.of("background", "particle"), px), phases, instances,
        top, null, stats, params, seed);
  }
}
