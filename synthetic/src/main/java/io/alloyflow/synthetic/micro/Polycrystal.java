package io.alloyflow.synthetic.micro;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.synthetic.random.RandomFields;
import io.alloyflow.synthetic.truth.LinealIntercept;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Single-phase polycrystal grain maps: 2D images and 3D voxel volumes of a Poisson-Voronoi or
 * Laguerre tessellation ({@link Laguerre}) calibrated to a requested mean lineal intercept, each
 * grain with a uniformly random crystal orientation (Bunge Euler angles; uniform on SO(3) by
 * phi1, phi2 uniform in [0, 2 pi) and cos Phi uniform in [-1, 1], e.g. Morawiec,
 * Orientations and Rotations, Springer 2004). 2D maps carry electron-channelling contrast and,
 * by default, etched grain-boundary grooves ({@link GrainBoundaryGrooves}), since grain size by
 * ASTM E112 is measured on an etched section whose boundaries show as dark lines.
 */
public final class Polycrystal {

  private Polycrystal() {}

  /**
   * 2D parameters.
   *
   * @param meanInterceptM requested mean lineal intercept (m)
   * @param sizeDispersion 0 for Poisson-Voronoi, up to 2 (Laguerre weights)
   * @param phaseName name of the single phase
   * @param composition its mass fractions
   * @param grooves etched grain-boundary grooves, or null for an unetched (polished) section
   */
  public record Params2d(
      int width,
      int height,
      double pixelSizeM,
      double meanInterceptM,
      double sizeDispersion,
      String phaseName,
      Map<String, Double> composition,
      GrainBoundaryGrooves.Params grooves) {

    /** An etched section with the default grooves ({@link GrainBoundaryGrooves#defaults}). */
    public Params2d(int width, int height, double pixelSizeM, double meanInterceptM,
        double sizeDispersion, String phaseName, Map<String, Double> composition) {
      this(width, height, pixelSizeM, meanInterceptM, sizeDispersion, phaseName, composition,
          GrainBoundaryGrooves.Params.defaults());
    }

    public Params2d {
      Support.checkSize(width, height, pixelSizeM);
      if (!(meanInterceptM > 0)) {
        throw new IllegalArgumentException(
            "mean intercept must be a positive length in metres, found " + meanInterceptM);
      }
      composition = new LinkedHashMap<>(composition);
    }

    /** Pure iron (ferrite) grains. */
    public static Params2d defaults(int size, double pixelSizeM, double meanInterceptM) {
      return new Params2d(size, size, pixelSizeM, meanInterceptM, 0.0, "ferrite", Materials.IRON,
          GrainBoundaryGrooves.Params.defaults());
    }
  }

  /** Generates a 2D grain map. */
  public static Microstructure generate2d(Params2d p, long seed) {
    int w = p.width();
    int h = p.height();
    double px = p.pixelSizeM();
    Laguerre.Tessellation t =
        Laguerre.grains2d(w, h, p.meanInterceptM() / px, p.sizeDispersion(), seed);
    SplittableRandom orng = RandomFields.stream(seed, 41);
    double[] factor = new double[t.grainCount() + 1];
    Map<Integer, Map<String, Object>> attr = new HashMap<>();
    for (int g = 1; g <= t.grainCount(); g++) {
      double[] e = Support.randomEuler(orng);
      factor[g] = Support.channellingFactor(e, 0.08);
      attr.put(g, Support.ordered("eulerBungeDeg", Support.degrees(e)));
    }
    int n = w * h;
    float[] yf = new float[n];
    for (int i = 0; i < n; i++) {
      yf[i] = (float) factor[t.ids()[i]];
    }
    GrainBoundaryGrooves.Result gr = null;
    if (p.grooves() != null) {
      gr = GrainBoundaryGrooves.render(t.ids(), w, h, px, p.grooves());
      for (int i = 0; i < n; i++) {
        yf[i] *= gr.factor()[i];
      }
    }
    List<Phase> phases = List.of(new Phase(p.phaseName(), p.composition()));
    Support.Labelled inst = Support.instances(
        new int[n], t.ids(), new boolean[] {true}, new boolean[] {false}, phases, w, h, px, attr);
    Map<String, Object> stats = grainStats(t, inst.pixelCount(), px, 2);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("width", w);
    params.put("height", h);
    params.put("pixelSizeM", px);
    params.put("meanInterceptM", p.meanInterceptM());
    params.put("sizeDispersion", p.sizeDispersion());
    params.put("phase", p.phaseName());
    params.put("etchedGrooves", p.grooves() != null);
    if (p.grooves() != null) {
      params.put("grooveWidthM", p.grooves().widthM());
      params.put("grooveDepthM", p.grooves().depthM());
      params.put("grooveRootSlope", p.grooves().rootSlope());
      params.put("grooveModel", "Mullins 1957 surface-diffusion profile; 2D view-factor escape");
      stats.put("grooveRootEscapeFraction", gr.rootEscape());
      stats.put("grooveMinPixelFactor", gr.minPixelFactor());
    }
    return new Microstructure(
        "grains2d",
        new LabelMap(w, h, new int[n], List.of(p.phaseName()), px),
        new LabelMap(w, h, inst.ids(), List.of("none", "grain"), px),
        phases, inst.instances(), null, yf, stats, params, seed);
  }

  /**
   * A 3D grain volume.
   *
   * @param nx voxels along x
   * @param ny voxels along y
   * @param nz voxels along z
   * @param voxelSizeM voxel edge (m)
   * @param grainIds grain id per voxel, {@code ids[(z * ny + y) * nx + x]}, 1..grainCount
   * @param eulerBungeRad per grain (index id - 1) Bunge Euler angles in radians
   * @param statistics truth statistics
   * @param parameters parameters as requested
   * @param seed the seed
   */
  public record Volume(
      int nx,
      int ny,
      int nz,
      double voxelSizeM,
      int[] grainIds,
      double[][] eulerBungeRad,
      Map<String, Object> statistics,
      Map<String, Object> parameters,
      long seed) {

    public Volume {
      if ((long) nx * ny * nz != grainIds.length) {
        throw new IllegalArgumentException(
            "volume " + nx + "x" + ny + "x" + nz + " needs " + ((long) nx * ny * nz)
                + " voxels, found " + grainIds.length);
      }
    }

    public int grainCount() {
      return eulerBungeRad.length;
    }
  }

  /** Generates a 3D volume with the given voxel size and requested mean lineal intercept. */
  public static Volume generate3d(
      int nx, int ny, int nz, double voxelSizeM, double meanInterceptM, double sizeDispersion,
      long seed) {
    if (nx < 4 || ny < 4 || nz < 4 || (long) nx * ny * nz > 512L * 512 * 512) {
      throw new IllegalArgumentException(
          "3D volume must be between 4^3 and 512^3 voxels, found " + nx + "x" + ny + "x" + nz);
    }
    if (!(voxelSizeM > 0) || !(meanInterceptM > 0)) {
      throw new IllegalArgumentException("voxel size and mean intercept must be positive");
    }
    Laguerre.Tessellation t =
        Laguerre.grains3d(nx, ny, nz, meanInterceptM / voxelSizeM, sizeDispersion, seed);
    SplittableRandom orng = RandomFields.stream(seed, 51);
    double[][] euler = new double[t.grainCount()][];
    for (int g = 0; g < euler.length; g++) {
      euler[g] = Support.randomEuler(orng);
    }
    int[] count = new int[t.grainCount() + 1];
    for (int v : t.ids()) {
      count[v]++;
    }
    int[] pc = new int[t.grainCount()];
    System.arraycopy(count, 1, pc, 0, pc.length);
    Map<String, Object> stats = grainStats(t, pc, voxelSizeM, 3);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("nx", nx);
    params.put("ny", ny);
    params.put("nz", nz);
    params.put("voxelSizeM", voxelSizeM);
    params.put("meanInterceptM", meanInterceptM);
    params.put("sizeDispersion", sizeDispersion);
    return new Volume(nx, ny, nz, voxelSizeM, t.ids(), euler, stats, params, seed);
  }

  static Map<String, Object> grainStats(
      Laguerre.Tessellation t, int[] sizes, double px, int dim) {
    LinealIntercept.Result r = t.intercept();
    double mean = 0;
    for (int s : sizes) {
      mean += s;
    }
    mean /= Math.max(1, sizes.length);
    double var = 0;
    for (int s : sizes) {
      var += (s - mean) * (s - mean);
    }
    var /= Math.max(1, sizes.length - 1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("grainCount", t.grainCount());
    m.put("meanLinealInterceptM", r.meanInterceptM(px));
    m.put("meanLinealInterceptPx", r.meanInterceptPx());
    m.put("interceptAnisotropy", r.anisotropyIndex());
    m.put("astmGrainSizeNumber", LinealIntercept.astmGrainSizeNumber(r.meanInterceptM(px)));
    m.put(dim == 2 ? "meanGrainAreaM2" : "meanGrainVolumeM3", mean * Math.pow(px, dim));
    m.put(dim == 2 ? "grainAreaCv" : "grainVolumeCv", mean == 0 ? 0.0 : Math.sqrt(var) / mean);
    m.put("calibrationRounds", t.iterations());
    m.put("seedCount", t.seedCount());
    return m;
  }
}
