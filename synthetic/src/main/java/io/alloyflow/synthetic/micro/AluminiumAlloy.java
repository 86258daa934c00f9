package io.alloyflow.synthetic.micro;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.synthetic.random.RandomFields;
import io.alloyflow.synthetic.raster.Raster;
import io.alloyflow.synthetic.truth.LinealIntercept;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Multi-phase cast aluminium alloy of the A356 (Al-7Si-0.3Mg) type: alpha-Al cells, an
 * interdendritic Al-Si eutectic network, Mg2Si particles and needle/plate-shaped beta-Al5FeSi
 * intermetallics, the constituents described for Al-Si-Mg foundry alloys by Wang, Apelian and
 * Lados, "Fatigue behavior of A356-T6 aluminum cast alloys. Part I", J. Light Metals 1 (2001) 73.
 *
 * <p>Phases are placed by exact top-k selection of scores (so every requested area fraction is
 * met to the pixel), in the order in which they are most constrained: beta needles (score =
 * minus the distance to random line segments seeded on cell boundaries), Mg2Si particles (minus
 * the distance to random nuclei on cell boundaries, roughened by a short-range Gaussian field),
 * then the eutectic (minus the distance to the cell boundaries plus a correlated field, which
 * gives a connected interdendritic network of uneven width).
 *
 * <p>The eutectic regions are resolved into eutectic alpha-Al and silicon particles ({@link
 * EutecticSilicon}: lever-rule volume fraction, unmodified flakes or modified fibres); the
 * region keeps the single label "eutectic", as metallographers label it, and its phase
 * composition is the mass-weighted mean of the two constituents actually placed. The Si particles
 * stand proud of the softer Al after polishing (relief {@value #SI_RELIEF_M} m), which only the
 * SE/topographic signal sees.
 */
public final class AluminiumAlloy {

  private AluminiumAlloy() {}

  /** Height of the Si particles above the polished Al (m), for SE/topographic contrast. */
  public static final double SI_RELIEF_M = 0.1e-6;

  /**
   * Parameters.
   *
   * @param cellInterceptM mean lineal intercept of the alpha-Al cells/grains (m)
   * @param eutecticFraction Al-Si eutectic area fraction
   * @param mg2siFraction Mg2Si area fraction
   * @param feIntermetallicFraction beta-Al5FeSi area fraction
   * @param eutecticSi morphology of the Si inside the eutectic (UNIFORM: not resolved)
   */
  public record Params(
      int width,
      int height,
      double pixelSizeM,
      double cellInterceptM,
      double eutecticFraction,
      double mg2siFraction,
      double feIntermetallicFraction,
      EutecticSilicon.Morphology eutecticSi) {

    /** Unmodified (flake) eutectic Si. */
    public Params(int width, int height, double pixelSizeM, double cellInterceptM,
        double eutecticFraction, double mg2siFraction, double feIntermetallicFraction) {
      this(width, height, pixelSizeM, cellInterceptM, eutecticFraction, mg2siFraction,
          feIntermetallicFraction, EutecticSilicon.Morphology.UNMODIFIED);
    }

    public Params {
      if (eutecticSi == null) {
        throw new IllegalArgumentException("eutectic Si morphology is required");
      }
      Support.checkSize(width, height, pixelSizeM);
      Support.checkFraction("eutectic fraction", eutecticFraction, 0.8);
      Support.checkFraction("Mg2Si fraction", mg2siFraction, 0.2);
      Support.checkFraction("Al-Fe intermetallic fraction", feIntermetallicFraction, 0.2);
      if (eutecticFraction + mg2siFraction + feIntermetallicFraction > 0.9) {
        throw new IllegalArgumentException(
            "second-phase fractions sum to "
                + (eutecticFraction + mg2siFraction + feIntermetallicFraction)
                + ": expected at most 0.9 (alpha-Al must remain)");
      }
      if (!(cellInterceptM > 0)) {
        throw new IllegalArgumentException("cell intercept must be positive, found "
            + cellInterceptM);
      }
    }

    /** Defaults: 40 um cells, 20 % eutectic (unmodified Si flakes), 3 % Mg2Si, 2 % Al5FeSi. */
    public static Params defaults(int size, double pixelSizeM) {
      return new Params(size, size, pixelSizeM, 40e-6, 0.20, 0.03, 0.02,
          EutecticSilicon.Morphology.UNMODIFIED);
    }
  }

  /** Generates the microstructure. */
  public static Microstructure generate(Params p, long seed) {
    int w = p.width();
    int h = p.height();
    int n = w * h;
    double px = p.pixelSizeM();
    double lpx = p.cellInterceptM() / px;
    Laguerre.Tessellation t = Laguerre.grains2d(w, h, lpx, 0.3, seed);
    boolean[] bnd = Raster.boundaries(t.ids(), w, h);
    int[] bndIdx = indices(bnd);
    float[] dist = Raster.distanceTransform(bnd, w, h);
    int[] phase = new int[n];
    boolean[] free = new boolean[n];
    java.util.Arrays.fill(free, true);
    SplittableRandom rng = RandomFields.stream(seed, 61);

    // 3: beta-Al5FeSi needles
    int kFe = (int) Math.round(p.feIntermetallicFraction() * n);
    if (kFe > 0) {
      double meanLen = Math.max(4, 0.6 * lpx);
      int needles = (int) Math.max(1, Math.round(kFe / (meanLen * 2.0)));
      boolean[] seg = new boolean[n];
      for (int k = 0; k < needles; k++) {
        int c = bndIdx.length > 0 ? bndIdx[rng.nextInt(bndIdx.length)] : rng.nextInt(n);
        double len = RandomFields.logNormal(rng, meanLen, 0.4);
        double ang = Math.PI * rng.nextDouble();
        drawSegment(seg, w, h, c % w, c / w, len, ang);
      }
      float[] d = Raster.distanceTransform(seg, w, h);
      float[] jitter = RandomFields.gaussianField(w, h, 1.0, 1.0, RandomFields.stream(seed, 62));
      float[] s = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = -d[i] + 0.15f * jitter[i];
      }
      assign(phase, free, Raster.selectTop(s, free, kFe), 3);
    }
    // 2: Mg2Si particles
    int kMg = (int) Math.round(p.mg2siFraction() * n);
    if (kMg > 0) {
      double r = Math.max(2, 0.06 * lpx);
      int nuclei = (int) Math.max(1, Math.round(kMg / (Math.PI * r * r)));
      boolean[] nuc = new boolean[n];
      for (int k = 0; k < nuclei; k++) {
        int c = bndIdx.length > 0 ? bndIdx[rng.nextInt(bndIdx.length)] : rng.nextInt(n);
        nuc[c] = true;
      }
      float[] d = Raster.distanceTransform(nuc, w, h);
      float[] rough = RandomFields.gaussianField(w, h, 1.5, 1.5, RandomFields.stream(seed, 63));
      float[] s = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = (float) (-d[i] / r + 0.5 * rough[i]);
      }
      assign(phase, free, Raster.selectTop(s, free, kMg), 2);
    }
    // 1: eutectic network
    int kEu = (int) Math.round(p.eutecticFraction() * n);
    if (kEu > 0) {
      float[] g = RandomFields.gaussianField(w, h, 0.15 * lpx, 0.15 * lpx,
          RandomFields.stream(seed, 64));
      float[] s = new float[n];
      double amp = 0.12 * lpx;
      for (int i = 0; i < n; i++) {
        s[i] = (float) (-dist[i] + amp * g[i]);
      }
      assign(phase, free, Raster.selectTop(s, free, kEu), 1);
    }
    // Si particles inside the eutectic
    EutecticSilicon.Result si = EutecticSilicon.generate(isPhase(phase, 1), w, h, px,
        p.eutecticSi(), EutecticSilicon.SI_VOLUME_FRACTION, seed);
    Map<String, Double> eutecticComposition = Materials.AL_SI_EUTECTIC;
    PhaseMixture mixture = null;
    float[] relief = null;
    if (p.eutecticSi() != EutecticSilicon.Morphology.UNIFORM && si.flakeCount() > 0) {
      double f = si.regionSiFraction();
      eutecticComposition = Materials.mix(Materials.EUTECTIC_ALPHA_AL,
          (1 - f) * Materials.DENSITY_AL, Materials.SILICON, f * Materials.DENSITY_SI);
      mixture = new PhaseMixture(1, new Phase("eutectic alpha-Al", Materials.EUTECTIC_ALPHA_AL),
          new Phase("eutectic Si", Materials.SILICON), si.siFraction());
      float[] r = new float[n];
      double rpx = SI_RELIEF_M / px;
      for (int i = 0; i < n; i++) {
        r[i] = (float) (rpx * si.siFraction()[i]);
      }
      relief = Raster.gaussianBlur(r, w, h, 0.7, 0.7);
    }
    List<Phase> phases = List.of(
        new Phase("alpha-Al", Materials.ALPHA_AL),
        new Phase("eutectic", eutecticComposition),
        new Phase("Mg2Si", Materials.MG2SI),
        new Phase("Al5FeSi", Materials.AL5FESI));
    Support.Labelled inst = Support.instances(phase, t.ids(),
        new boolean[] {true, false, false, false}, new boolean[] {false, true, false, false},
        phases, w, h, px, null);
    Map<String, Object> stats = new LinkedHashMap<>();
    double[] f = new double[4];
    for (int v : phase) {
      f[v]++;
    }
    stats.put("alphaAlFraction", f[0] / n);
    stats.put("eutecticFraction", f[1] / n);
    stats.put("mg2siFraction", f[2] / n);
    stats.put("feIntermetallicFraction", f[3] / n);
    stats.put("cellCount", t.grainCount());
    stats.put("cellMeanLinealInterceptM", t.intercept().meanInterceptM(px));
    stats.put("alphaAlMeanInterceptM",
        LinealIntercept.measureWithin(t.ids(), isPhase(phase, 0), w, h).meanInterceptM(px));
    int particles = 0;
    for (Instance in : inst.instances()) {
      if (!in.className().equals("alpha-Al")) {
        particles++;
      }
    }
    stats.put("particleCount", particles);
    stats.put("eutecticSiMorphology", p.eutecticSi().id());
    stats.put("eutecticSiAreaFraction", si.regionSiFraction());
    stats.put("eutecticSiParticleCount", si.flakeCount());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("width", w);
    params.put("height", h);
    params.put("pixelSizeM", px);
    params.put("cellInterceptM", p.cellInterceptM());
    params.put("eutecticFraction", p.eutecticFraction());
    params.put("mg2siFraction", p.mg2siFraction());
    params.put("feIntermetallicFraction", p.feIntermetallicFraction());
    params.put("eutecticSi", p.eutecticSi().id());
    if (mixture != null) {
      params.put("eutecticSiVolumeFraction", EutecticSilicon.SI_VOLUME_FRACTION);
      params.put("siReliefM", SI_RELIEF_M);
    }
    return new Microstructure("al-alloy",
        new LabelMap(w, h, phase, List.of("alpha-Al", "eutectic", "Mg2Si", "Al5FeSi"), px),
        new LabelMap(w, h, inst.ids(), List.of("none", "instance"), px),
        phases, inst.instances(), relief, null, stats, params, seed, mixture);
  }

  /** Class names of {@link #byPhase}: the thermodynamic phases of the alloy. */
  public static final List<String> PHASES = List.of("alpha-Al", "Si", "Mg2Si", "Al5FeSi");

  /** Index of the Al-Si eutectic in the generator's (microconstituent) phase map. */
  public static final int EUTECTIC_LABEL = 1;

  /**
   * The sample labelled by phase rather than by microconstituent: alpha-Al (primary cells and the
   * eutectic's alpha-Al), Si (eutectic silicon covering at least half of the pixel), Mg2Si and
   * Al5FeSi. The generator's own phase map labels the Al-Si eutectic as one microconstituent, as
   * metallographers outline it (ASM Handbook Vol. 9, Metallography and Microstructures, 2004,
   * "Aluminum-Silicon casting alloys"); its area fraction is a microconstituent fraction, and the
   * eutectic alpha-Al inside it is the same phase as the primary cells.
   *
   * @param m a microstructure made by {@link #generate}
   */
  public static LabelMap byPhase(Microstructure m) {
    if (!m.kind().equals("al-alloy")) {
      throw new IllegalArgumentException("expected an al-alloy microstructure, found '"
          + m.kind() + "'");
    }
    int[] src = m.phaseMap().labels();
    float[] si = m.mixture() != null ? m.mixture().particleFraction() : null;
    int[] out = new int[src.length];
    for (int i = 0; i < src.length; i++) {
      int v = src[i];
      if (v == EUTECTIC_LABEL) {
        // an unresolved (UNIFORM) eutectic has no Si pixels: it is labelled alpha-Al
        out[i] = si != null && si[i] >= 0.5f ? 1 : 0;
      } else {
        out[i] = v;
      }
    }
    return new LabelMap(m.width(), m.height(), out, PHASES, m.pixelSizeM());
  }

  static boolean[] isPhase(int[] phase, int k) {
    boolean[] m = new boolean[phase.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = phase[i] == k;
    }
    return m;
  }

  private static int[] indices(boolean[] m) {
    int c = 0;
    for (boolean b : m) {
      if (b) {
        c++;
      }
    }
    int[] idx = new int[c];
    int j = 0;
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        idx[j++] = i;
      }
    }
    return idx;
  }

  private static void assign(int[] phase, boolean[] free, boolean[] sel, int label) {
    for (int i = 0; i < sel.length; i++) {
      if (sel[i]) {
        phase[i] = label;
        free[i] = false;
      }
    }
  }

  private static void drawSegment(
      boolean[] m, int w, int h, double cx, double cy, double len, double ang) {
    int steps = (int) Math.ceil(len * 2) + 1;
    double dx = Math.cos(ang);
    double dy = Math.sin(ang);
    for (int s = 0; s <= steps; s++) {
      double u = (s / (double) steps - 0.5) * len;
      int x = (int) Math.round(cx + u * dx);
      int y = (int) Math.round(cy + u * dy);
      if (x >= 0 && x < w && y >= 0 && y < h) {
        m[y * w + x] = true;
      }
    }
  }
}
