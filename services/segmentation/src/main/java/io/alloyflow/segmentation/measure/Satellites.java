package io.alloyflow.segmentation.measure;

/**
 * Satellite count per powder particle: every satellite instance is assigned to the particle it
 * overlaps most after dilating the satellite by {@code touchRadius} pixels (satellites sit on the
 * particle surface, so contact rather than overlap is the criterion). Satellite quantification as in
 * Cohn R., Anderson I., Prost T., Tiarks J., White E. and Holm E., 2021, "Instance segmentation for
 * direct measurements of satellites in metal powders and automated microstructural
 * characterization from image data", JOM 73:2159-2172.
 */
public final class Satellites {
  private Satellites() {}

  /** Result: satellites per particle (index = particle id) and summary numbers. */
  public record Result(
      int[] perParticle,
      int particles,
      int satellites,
      int unassigned,
      double meanPerParticle,
      double fractionWithSatellites) {}

  /** Counts satellites per particle. */
  public static Result count(int[] particles, int[] satellites, int w, int h, int touchRadius) {
    if (particles.length != satellites.length || particles.length != (long) w * h) {
      throw new IllegalArgumentException(
          "particle and satellite maps must both be " + w + "x" + h + " pixels");
    }
    int np = 0;
    int ns = 0;
    for (int i = 0; i < particles.length; i++) {
      np = Math.max(np, particles[i]);
      ns = Math.max(ns, satellites[i]);
    }
    boolean[] presentP = new boolean[np + 1];
    for (int p : particles) {
      presentP[p] = true;
    }
    // overlap votes: satellite -> particle, via dilated satellite footprint
    java.util.Map<Long, Integer> votes = new java.util.HashMap<>();
    boolean[] presentS = new boolean[ns + 1];
    int r = Math.max(0, touchRadius);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int s = satellites[y * w + x];
        if (s == 0) {
          continue;
        }
        presentS[s] = true;
        for (int dy = -r; dy <= r; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= h) {
            continue;
          }
          for (int dx = -r; dx <= r; dx++) {
            int xx = x + dx;
            if (xx < 0 || xx >= w || dx * dx + dy * dy > r * r) {
              continue;
            }
            int p = particles[yy * w + xx];
            if (p != 0) {
              votes.merge(((long) s << 32) | p, 1, Integer::sum);
            }
          }
        }
      }
    }
    int[] best = new int[ns + 1];
    int[] bestVotes = new int[ns + 1];
    for (var e : votes.entrySet()) {
      int s = (int) (e.getKey() >>> 32);
      int p = (int) (e.getKey() & 0xffffffffL);
      if (e.getValue() > bestVotes[s] || (e.getValue() == bestVotes[s] && p < best[s])) {
        bestVotes[s] = e.getValue();
        best[s] = p;
      }
    }
    int[] per = new int[np + 1];
    int sats = 0;
    int unassigned = 0;
    for (int s = 1; s <= ns; s++) {
      if (!presentS[s]) {
        continue;
      }
      sats++;
      if (best[s] == 0) {
        unassigned++;
      } else {
        per[best[s]]++;
      }
    }
    int parts = 0;
    int with = 0;
    long total = 0;
    for (int p = 1; p <= np; p++) {
      if (presentP[p]) {
        parts++;
        total += per[p];
        if (per[p] > 0) {
          with++;
        }
      }
    }
    return new Result(
        per,
        parts,
        sats,
        unassigned,
        parts > 0 ? total / (double) parts : Double.NaN,
        parts > 0 ? with / (double) parts : Double.NaN);
  }
}
