package io.alloyflow.synthetic.mpea;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.micro.Laguerre;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Phase;
import io.alloyflow.synthetic.random.RandomFields;
import io.alloyflow.synthetic.raster.Raster;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A cast Al(x)CoCrFeNi multi-principal-element alloy: an FCC (Co-Cr-Fe-rich) matrix with BCC/B2
 * (Al-Ni-rich) regions growing from the grain boundaries, as observed for x ~ 0.5-0.9 (Kao et
 * al., J. Alloys Compd. 488 (2009) 57; Wang et al., Intermetallics 26 (2012) 44). The phase
 * compositions are nominal values chosen to follow the partitioning those studies report (BCC/B2
 * enriched in Al and Ni, FCC in Co, Cr and Fe), not a copy of a measured table: FCC Al 0.08,
 * Co 0.23, Cr 0.25, Fe 0.26, Ni 0.18 and BCC/B2 Al 0.28, Co 0.19, Cr 0.12, Fe 0.14, Ni 0.27
 * (atomic fractions); the BCC fraction is set so that the bulk Al content matches x. The BSE contrast follows from the phase compositions
 * ({@link SemSimulator}); the EDS spectrum of the bulk comes from the synthetic world's
 * spectrum simulator.
 */
public final class MpeaAlloy {
  /** FCC phase (atomic fractions). */
  public static final Map<String, Double> FCC_ATOMIC = ordered("Al", 0.08, "Co", 0.23, "Cr", 0.25, "Fe", 0.26, "Ni", 0.18);

  /** BCC/B2 phase (atomic fractions). */
  public static final Map<String, Double> BCC_ATOMIC = ordered("Al", 0.28, "Co", 0.19, "Cr", 0.12, "Fe", 0.14, "Ni", 0.27);

  /** Standard atomic weights (IUPAC 2013 conventional values). */
  static final Map<String, Double> WEIGHT =
      Map.of("Al", 26.982, "Co", 58.933, "Cr", 51.996, "Fe", 55.845, "Ni", 58.693);

  private MpeaAlloy() {}

  /**
   * Parameters.
   *
   * @param size image edge (pixels)
   * @param pixelSizeM pixel size (m)
   * @param aluminium x of Al(x)CoCrFeNi, 0.2..1.0 (sets the BCC fraction)
   * @param grainInterceptM mean lineal intercept of the grains (m)
   */
  public record Params(int size, double pixelSizeM, double aluminium, double grainInterceptM) {
    public Params {
      if (size < 16 || !(pixelSizeM > 0) || !(grainInterceptM > 0)) {
        throw new IllegalArgumentException(
            "MPEA sample needs size >= 16 px and positive pixel size and grain intercept, found "
                + size + ", " + pixelSizeM + ", " + grainInterceptM);
      }
      if (!(aluminium >= 0.2 && aluminium <= 1.0)) {
        throw new IllegalArgumentException(
            "Al content x of Al(x)CoCrFeNi must be within 0.2..1.0 (two-phase range), found " + aluminium);
      }
    }

    /** Al0.7CoCrFeNi, 20 um grains. */
    public static Params defaults(int size, double pixelSizeM) {
      return new Params(size, pixelSizeM, 0.7, 20e-6);
    }
  }

  /** BCC area fraction giving bulk Al atomic fraction x / (x + 4). */
  public static double bccFraction(double x) {
    double al = x / (x + 4);
    double f = (al - FCC_ATOMIC.get("Al")) / (BCC_ATOMIC.get("Al") - FCC_ATOMIC.get("Al"));
    return Math.max(0.02, Math.min(0.95, f));
  }

  /** Mass fractions of an atomic composition. */
  public static Map<String, Double> massFractions(Map<String, Double> atomic) {
    double tot = 0;
    for (Map.Entry<String, Double> e : atomic.entrySet()) {
      tot += e.getValue() * WEIGHT.get(e.getKey());
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : atomic.entrySet()) {
      m.put(e.getKey(), e.getValue() * WEIGHT.get(e.getKey()) / tot);
    }
    return m;
  }

  /** Bulk atomic composition of a BCC fraction. */
  public static Map<String, Double> bulkAtomic(double bccFraction) {
    Map<String, Double> m = new TreeMap<>();
    FCC_ATOMIC.forEach((el, v) -> m.merge(el, (1 - bccFraction) * v, Double::sum));
    BCC_ATOMIC.forEach((el, v) -> m.merge(el, bccFraction * v, Double::sum));
    return m;
  }

  /** Generates the microstructure: Laguerre grains, BCC grown from boundaries and triple points. */
  public static Microstructure generate(Params p, long seed) {
    int w = p.size();
    int h = p.size();
    int n = w * h;
    double px = p.pixelSizeM();
    Laguerre.Tessellation t = Laguerre.grains2d(w, h, p.grainInterceptM() / px, 0.3, seed);
    float[] dist = Raster.distanceTransform(Raster.boundaries(t.ids(), w, h), w, h);
    SplittableRandom rng = RandomFields.stream(seed, 41);
    double a = Math.max(1.0, 0.15 * p.grainInterceptM() / px);
    float[] g = RandomFields.gaussianField(w, h, a, a, rng);
    float[] score = new float[n];
    for (int i = 0; i < n; i++) {
      score[i] = (float) (g[i] - dist[i] / a);
    }
    double f = bccFraction(p.aluminium());
    boolean[] bcc = Raster.selectTop(score, null, (int) Math.round(f * n));
    int[] phase = new int[n];
    for (int i = 0; i < n; i++) {
      phase[i] = bcc[i] ? 1 : 0;
    }
    List<Phase> phases = List.of(
        new Phase("FCC", massFractions(FCC_ATOMIC), 0), new Phase("BCC", massFractions(BCC_ATOMIC), 0.3));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("bccFraction", f);
    stats.put("grainCount", t.grainCount());
    stats.put("meanLinealInterceptM", t.intercept().meanInterceptM(px));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("size", p.size());
    params.put("pixelSizeM", px);
    params.put("aluminium", p.aluminium());
    params.put("grainInterceptM", p.grainInterceptM());
    LabelMap phaseMap = new LabelMap(w, h, phase, List.of("FCC", "BCC"), px);
    return new Microstructure("mpea", phaseMap, null, phases, List.of(), null, null, stats, params, seed);
  }

  /** The sample imaged with a flat-polish BSE detector. */
  public static SyntheticSample sample(Params p, long seed) {
    Microstructure m = generate(p, seed);
    SemConditions c = SemConditions.bse();
    SemSimulator.Result r = SemSimulator.render(m, c, seed);
    Map<String, Object> params = new LinkedHashMap<>(m.parameters());
    params.put("generator", "mpea-AlxCoCrFeNi");
    params.put("truth.bccFraction", m.statistics().get("bccFraction"));
    params.put("truth.bulkAtomic", bulkAtomic((Double) m.statistics().get("bccFraction")));
    return new SyntheticSample(r.image(), m.phaseMap(), m.phaseCompositions(), m.phaseFractions(), params, seed);
  }

  private static Map<String, Double> ordered(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
