package io.alloyflow.synthetic;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.synthetic.micro.DualPhaseSteel;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumSimulator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Simple entry points to the synthetic world for demos and tests. Everything is deterministic by
 * seed. For full control use the generators in {@code micro}, {@link SemSimulator} and the
 * simulators in {@code xray}.
 */
public final class SyntheticWorld {

  private SyntheticWorld() {}

  /** Topographic share of the DP-steel BSE image (nital-etched surface; martensite in relief). */
  public static final double DP_TOPOGRAPHY_WEIGHT = 0.6;

  /**
   * A ferrite-martensite dual-phase steel (30 % martensite, 10 um ferrite mean lineal intercept,
   * 3 um islands, light banding) imaged with a BSE detector on a nital-etched surface.
   *
   * @param seed seed
   * @param size image edge in pixels (>= 8)
   * @param pixelSizeM pixel size in metres; the 10 um grains must span at least 3 pixels
   */
  public static SyntheticSample dualPhaseSteel(long seed, int size, double pixelSizeM) {
    return dualPhaseSteel(seed, DualPhaseSteel.Params.defaults(size, pixelSizeM));
  }

  /**
   * A candidate dual-phase steel described by its martensite fraction and ferrite grain size
   * (other parameters at their defaults), e.g. for a designer's candidate request.
   *
   * @param martensiteFraction martensite area fraction, 0..0.95
   * @param grainInterceptM mean lineal intercept of the ferrite grain structure, metres
   */
  public static SyntheticSample dualPhaseSteel(long seed, int size, double pixelSizeM,
      double martensiteFraction, double grainInterceptM) {
    DualPhaseSteel.Params d = DualPhaseSteel.Params.defaults(size, pixelSizeM);
    return dualPhaseSteel(seed, new DualPhaseSteel.Params(size, size, pixelSizeM,
        martensiteFraction, grainInterceptM, d.islandSizeM(), d.banding(), d.bandSpacingM(),
        d.sizeDispersion()));
  }

  /** A dual-phase steel with full parameter control. */
  public static SyntheticSample dualPhaseSteel(long seed, DualPhaseSteel.Params p) {
    Microstructure m = DualPhaseSteel.generate(p, seed);
    SemConditions c = SemConditions.bse().withTopographyWeight(DP_TOPOGRAPHY_WEIGHT);
    SemSimulator.Result r = SemSimulator.render(m, c, seed);
    Map<String, Object> params = new LinkedHashMap<>(m.parameters());
    params.put("generator", "dp-steel");
    params.put("sem.signal", c.signal().name());
    params.put("sem.topographyWeight", c.topographyWeight());
    params.put("sem.dosePerPixel", c.dosePerPixel());
    params.put("sem.probeSigmaPx", c.probeSigmaPx());
    params.put("sem.gain", r.gain());
    params.put("sem.offset", c.offset());
    params.put("truth.meanLinealInterceptM", m.statistics().get("meanLinealInterceptM"));
    params.put("truth.martensiteFraction", m.statistics().get("martensiteFraction"));
    return new SyntheticSample(r.image(), m.phaseMap(), m.phaseCompositions(),
        m.phaseFractions(), params, seed);
  }

  /**
   * An EDS spectrum of a bulk target with the default detector (129 eV at Mn Ka, 10 eV/channel
   * from 0 eV, 2048 channels, 35 deg takeoff, 0.03 sr) and Poisson counts.
   *
   * @param massFractions element symbol to mass fraction (summing to about 1)
   * @param beamKeV beam energy in keV
   * @param liveTimeS live time in seconds
   * @param probeCurrentNa probe current in nA
   * @param seed seed of the Poisson counts
   */
  public static Spectrum simulateSpectrum(Map<String, Double> massFractions, double beamKeV,
      double liveTimeS, double probeCurrentNa, long seed) {
    return SpectrumSimulator.simulate(massFractions, beamKeV, liveTimeS, probeCurrentNa,
        EdsDetector.defaultDetector(), seed);
  }
}
