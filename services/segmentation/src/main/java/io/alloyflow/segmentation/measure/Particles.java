package io.alloyflow.segmentation.measure;

import io.alloyflow.segmentation.morphology.ConnectedComponents;
import java.util.ArrayList;
import java.util.List;

/**
 * Particle size distributions from instance maps or from one class of a phase map: ECD (Heywood
 * diameter), Feret max/min, Feret aspect ratio, circularity and solidity (definitions as ISO
 * 9276-6:2008, "Representation of results of particle size analysis - Part 6: Descriptive and
 * quantitative representation of particle shape and morphology").
 */
public final class Particles {
  private Particles() {}

  /** Instances of class {@code cls} of a phase map (8-connected components). */
  public static int[] instancesOfClass(int[] phases, int w, int h, int cls) {
    byte[] m = new byte[phases.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = phases[i] == cls ? (byte) 1 : 0;
    }
    return ConnectedComponents.label(m, w, h, true);
  }

  /**
   * Statistics of an instance map.
   *
   * @param minAreaPx particles smaller than this are ignored (noise)
   * @param excludeBorder drop particles touching the image frame (unbiased size distribution)
   */
  public static ParticleStats measure(
      String className,
      int[] instances,
      int w,
      int h,
      float[] intensity,
      double pixelSizeM,
      int minAreaPx,
      boolean excludeBorder) {
    List<RegionProps> all = RegionProperties.compute(instances, w, h, intensity);
    List<RegionProps> kept = new ArrayList<>();
    for (RegionProps r : all) {
      if (r.area() >= minAreaPx && !(excludeBorder && r.touchesBorder())) {
        kept.add(r);
      }
    }
    boolean known = !Double.isNaN(pixelSizeM);
    double s = known ? pixelSizeM * 1e6 : 1;
    int n = kept.size();
    double[] ecd = new double[n];
    double[] fmax = new double[n];
    double[] fmin = new double[n];
    double[] ar = new double[n];
    double[] circ = new double[n];
    double[] sol = new double[n];
    for (int i = 0; i < n; i++) {
      RegionProps r = kept.get(i);
      ecd[i] = r.equivalentDiameter() * s;
      fmax[i] = r.feretMax() * s;
      fmin[i] = r.feretMin() * s;
      ar[i] = r.aspectRatio();
      circ[i] = r.circularity();
      sol[i] = r.solidity();
    }
    double areaMm2 = known ? (double) w * h * Math.pow(pixelSizeM * 1e3, 2) : Double.NaN;
    return new ParticleStats(
        className,
        known ? "um" : "px",
        n,
        known ? n / areaMm2 : Double.NaN,
        Stats.Summary.of(ecd),
        Stats.Summary.of(fmax),
        Stats.Summary.of(fmin),
        Stats.Summary.of(ar),
        Stats.Summary.of(circ),
        Stats.Summary.of(sol),
        kept);
  }
}
