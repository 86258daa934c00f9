package io.alloyflow.synthetic.micro;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.synthetic.random.RandomFields;
import io.alloyflow.synthetic.raster.Raster;
import io.alloyflow.synthetic.truth.LinealIntercept;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Ferrite-martensite dual-phase steel.
 *
 * <p>Ferrite grains are a calibrated Poisson-Voronoi/Laguerre tessellation ({@link Laguerre}).
 * Martensite forms from the intercritical austenite that nucleates on ferrite grain boundaries
 * and triple junctions and, in hot-rolled strip, in Mn-segregation bands along the rolling
 * direction (x). Each pixel gets a score s = g - d / a + 2 b cos(2 pi y / lambda + phase): g a
 * correlated Gaussian field with correlation length a (island size; stretched along x by (1 +
 * 2b) when banded), d the distance to the nearest grain boundary, b the banding strength and
 * lambda the band spacing. The exact number of pixels round(f N) with the highest scores becomes
 * martensite, so the martensite fraction equals the request to one pixel (the excursion-set
 * construction of Teubner 1991; a grain-boundary-biased variant of the DP models of Noguchi et
 * al., "Microstructure generation of dual-phase steels", 2022).
 *
 * <p>Martensite stands proud of the nital-etched ferrite and carries lath relief, which gives
 * its SE/topographic contrast; ferrite grains carry electron-channelling contrast.
 */
public final class DualPhaseSteel {

  private DualPhaseSteel() {}

  /**
   * Parameters.
   *
   * @param width image width (pixels)
   * @param height image height (pixels)
   * @param pixelSizeM pixel size (m)
   * @param martensiteFraction requested martensite area fraction, [0, 0.95]
   * @param grainInterceptM requested mean lineal intercept of the ferrite grain structure (m)
   * @param islandSizeM correlation length of martensite islands (m)
   * @param banding banding strength, 0 (none) to 1 (strongly banded)
   * @param bandSpacingM band spacing (m)
   * @param sizeDispersion Laguerre grain-size dispersion (0 = Poisson-Voronoi)
   */
  public record Params(
      int width,
      int height,
      double pixelSizeM,
      double martensiteFraction,
      double grainInterceptM,
      double islandSizeM,
      double banding,
      double bandSpacingM,
      double sizeDispersion) {

    public Params {
      Support.checkSize(width, height, pixelSizeM);
      Support.checkFraction("martensite fraction", martensiteFraction, 0.95);
      Support.checkFraction("banding strength", banding, 1);
      if (!(grainInterceptM > 0) || !(islandSizeM > 0) || !(bandSpacingM > 0)) {
        throw new IllegalArgumentException(
            "grain intercept, island size and band spacing must be positive lengths in metres,"
                + " found " + grainInterceptM + ", " + islandSizeM + ", " + bandSpacingM);
      }
    }

    /** Defaults: 30 % martensite, 10 um ferrite intercept, 3 um islands, light banding. */
    public static Params defaults(int size, double pixelSizeM) {
      return new Params(size, size, pixelSizeM, 0.30, 10e-6, 3e-6, 0.2, 20e-6, 0.3);
    }
  }

  /** Generates the microstructure. */
  public static Microstructure generate(Params p, long seed) {
    int w = p.width();
    int h = p.height();
    int n = w * h;
    double px = p.pixelSizeM();
    Laguerre.Tessellation t =
        Laguerre.grains2d(w, h, p.grainInterceptM() / px, p.sizeDispersion(), seed);
    float[] dist = Raster.distanceTransform(Raster.boundaries(t.ids(), w, h), w, h);
    double a = Math.max(1.0, p.islandSizeM() / px);
    SplittableRandom rng = RandomFields.stream(seed, 31);
    float[] g = RandomFields.gaussianField(w, h, a * (1 + 2 * p.banding()), a, rng);
    double lambda = p.bandSpacingM() / px;
    double phase0 = 2 * Math.PI * rng.nextDouble();
    float[] score = new float[n];
    for (int y = 0; y < h; y++) {
      double band = 2 * p.banding() * Math.cos(2 * Math.PI * y / lambda + phase0);
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        score[i] = (float) (g[i] - dist[i] / a + band);
      }
    }
    int target = (int) Math.round(p.martensiteFraction() * n);
    boolean[] mart = Raster.selectTop(score, null, target);
    int[] phase = new int[n];
    for (int i = 0; i < n; i++) {
      phase[i] = mart[i] ? 1 : 0;
    }
    List<Phase> phases =
        List.of(
            new Phase("ferrite", Materials.FERRITE, 0),
            new Phase("martensite", Materials.MARTENSITE, 1.5));

    // orientations and channelling contrast of the ferrite grains
    SplittableRandom orng = RandomFields.stream(seed, 32);
    double[] factor = new double[t.grainCount() + 1];
    Map<Integer, Map<String, Object>> grainAttr = new HashMap<>();
    for (int gId = 1; gId <= t.grainCount(); gId++) {
      double[] e = Support.randomEuler(orng);
      factor[gId] = Support.channellingFactor(e, 0.06);
      grainAttr.put(gId, Support.ordered("eulerBungeDeg", Support.degrees(e)));
    }
    float[] yf = new float[n];
    for (int i = 0; i < n; i++) {
      yf[i] = phase[i] == 0 ? (float) factor[t.ids()[i]] : 1f;
    }
    // relief: martensite plateau (smoothed edges) + fine lath texture
    float[] lath = RandomFields.gaussianField(w, h, 0.6, 2.0, RandomFields.stream(seed, 33));
    float[] plateau = new float[n];
    for (int i = 0; i < n; i++) {
      plateau[i] = mart[i] ? 1.5f : 0f;
    }
    plateau = Raster.gaussianBlur(plateau, w, h, 0.7, 0.7);
    float[] relief = new float[n];
    for (int i = 0; i < n; i++) {
      relief[i] = plateau[i] + (mart[i] ? 0.6f * lath[i] : 0f);
    }

    Support.Labelled inst = Support.instances(
        phase, t.ids(), new boolean[] {true, false}, new boolean[] {false, false}, phases, w, h,
        px, grainAttr);

    // truth statistics
    LinealIntercept.Result grains = t.intercept();
    LinealIntercept.Result ferrite = LinealIntercept.measureWithin(t.ids(), notOf(mart), w, h);
    LinealIntercept.Result phaseInt = LinealIntercept.measure(phase, w, h);
    boolean[] martMask = mart;
    int[] islands = Raster.connectedComponents(martMask, w, h);
    int islandCount = 0;
    for (int v : islands) {
      islandCount = Math.max(islandCount, v);
    }
    double f = (double) target / n;
    // interface intersections per unit length; each island crossing gives two
    double nl = phaseInt.intersections() / phaseInt.lineLengthPx() / 2;
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("martensiteFraction", f);
    stats.put("grainCount", t.grainCount());
    stats.put("meanLinealInterceptM", grains.meanInterceptM(px));
    stats.put("meanLinealInterceptPx", grains.meanInterceptPx());
    stats.put("astmGrainSizeNumber", LinealIntercept.astmGrainSizeNumber(grains.meanInterceptM(px)));
    stats.put("ferriteMeanInterceptM", ferrite.meanInterceptM(px));
    stats.put("martensiteIslandCount", islandCount);
    stats.put("martensiteMeanIslandAreaM2", islandCount == 0 ? 0.0 : target * px * px / islandCount);
    stats.put("martensiteMeanInterceptM", nl == 0 ? 0.0 : f / nl * px);
    stats.put("ferriteMeanFreePathM", nl == 0 ? 0.0 : (1 - f) / nl * px);
    stats.put("bandingAnisotropyIndex", phaseInt.verticalPx() == 0 ? 1.0
        : phaseInt.horizontalPx() / phaseInt.verticalPx());
    stats.put("calibrationRounds", t.iterations());

    Map<String, Object> params = new LinkedHashMap<>();
    params.put("width", w);
    params.put("height", h);
    params.put("pixelSizeM", px);
    params.put("martensiteFraction", p.martensiteFraction());
    params.put("grainInterceptM", p.grainInterceptM());
    params.put("islandSizeM", p.islandSizeM());
    params.put("banding", p.banding());
    params.put("bandSpacingM", p.bandSpacingM());
    params.put("sizeDispersion", p.sizeDispersion());

    LabelMap phaseMap = new LabelMap(w, h, phase, List.of("ferrite", "martensite"), px);
    LabelMap instanceMap = new LabelMap(w, h, inst.ids(), List.of("none", "instance"), px);
    return new Microstructure("dp-steel", phaseMap, instanceMap, phases, inst.instances(), relief,
        yf, stats, params, seed);
  }

  static boolean[] notOf(boolean[] m) {
    boolean[] r = new boolean[m.length];
    for (int i = 0; i < m.length; i++) {
      r[i] = !m[i];
    }
    return r;
  }
}
