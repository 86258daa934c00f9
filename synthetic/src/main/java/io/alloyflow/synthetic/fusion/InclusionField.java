package io.alloyflow.synthetic.fusion;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.synthetic.micro.InclusionSteel;
import io.alloyflow.synthetic.micro.Instance;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.random.RandomFields;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A field of a clean steel with non-metallic inclusions ({@link InclusionSteel}) as an automated
 * SEM-EDS inclusion analyser sees it: a BSE image and, for every inclusion, the EDS spectrum of a
 * raster over the particle.
 *
 * <p>Spectra: the electron beam scans the particle, so the excited volume holds the particle's
 * area-weighted composition (for duplex inclusions core and rim in proportion) plus the steel
 * matrix reached by the interaction volume beyond the particle edge. The matrix share is the
 * area share of a disc of diameter {@code d + R} outside the particle's diameter d, {@code
 * 1 - d^2 / (d + R)^2}, with R the X-ray generation range ({@code xrayRangeM}; Kanaya-Okayama at
 * 15 kV gives about 1.6 um in Al2O3 and 0.9 um in steel, J. Phys. D 5 (1972) 43); emission mixes
 * linearly (first order, as in {@code SpectrumImageSimulator}). Counts are Poisson. The expected
 * spectrum of every pure phase and of the matrix is computed once by {@link SpectrumSimulator}.
 *
 * @param bse the BSE micrograph
 * @param microstructure the microstructure with the inclusion instances (truth)
 * @param spectra per instance (in instance order) the spot/raster spectrum counts
 * @param matrixShare per instance the matrix share of its spectrum
 * @param axis energy axis of the spectra
 * @param liveTimeS live time per particle spectrum
 * @param beamKeV beam energy
 */
public record InclusionField(Micrograph bse, Microstructure microstructure,
    List<double[]> spectra, double[] matrixShare, EnergyAxis axis, double liveTimeS,
    double beamKeV) {

  /**
   * Parameters.
   *
   * @param size field edge (pixels)
   * @param pixelSizeM pixel size (m)
   * @param areaFraction inclusion area fraction (raised over real steels to get many particles
   *     per field)
   * @param semDose BSE electrons per pixel
   * @param liveTimeS EDS live time per particle (s)
   * @param probeCurrentNa probe current (nA)
   * @param beamKeV beam energy (keV)
   * @param xrayRangeM X-ray generation range R (m)
   */
  public record Params(int size, double pixelSizeM, double areaFraction, double semDose,
      double liveTimeS, double probeCurrentNa, double beamKeV, double xrayRangeM) {

    public Params {
      if (size < 32 || !(pixelSizeM > 0) || !(areaFraction > 0 && areaFraction < 0.2)
          || !(semDose > 0) || !(liveTimeS > 0) || !(probeCurrentNa > 0) || !(beamKeV > 2)
          || !(xrayRangeM >= 0)) {
        throw new IllegalArgumentException("inclusion field needs size >= 32, positive pixel"
            + " size, dose, live time, current, beam > 2 keV, area fraction in (0, 0.2)");
      }
    }

    /** 512 x 512 pixels of 0.25 um, 2 % inclusions, 1000 e/px, 1 s at 1 nA and 15 kV. */
    public static Params defaults() {
      return new Params(512, 0.25e-6, 0.02, 1000, 1.0, 1.0, 15, 1.0e-6);
    }

    /** A copy with another EDS live time per particle. */
    public Params withLiveTime(double s) {
      return new Params(size, pixelSizeM, areaFraction, semDose, s, probeCurrentNa, beamKeV,
          xrayRangeM);
    }
  }

  /** Cache of expected spectra per phase (keyed by the parameters that change them). */
  private static final Map<String, double[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /** Generates a field. */
  public static InclusionField generate(Params p, long seed) {
    InclusionSteel.Params ip = InclusionSteel.Params.defaults(p.size(), p.pixelSizeM());
    ip = new InclusionSteel.Params(p.size(), p.size(), p.pixelSizeM(), p.areaFraction(),
        ip.meanDiameterM(), ip.diameterCv(), ip.clusterProbability(), ip.mnsAspect(),
        ip.typeWeights());
    Microstructure m = InclusionSteel.generate(ip, seed);
    SemSimulator.Result r = SemSimulator.render(m, SemConditions.bse().withDose(p.semDose()),
        seed);
    EdsDetector det = EdsDetector.defaultDetector().withAxis(new EnergyAxis(0, 10), 1024);
    double[] matrix = expected("steel", Materials.STEEL_MATRIX, p, det);
    SplittableRandom rng = RandomFields.stream(seed, 9300);
    List<double[]> spectra = new ArrayList<>();
    double[] share = new double[m.instances().size()];
    int k = 0;
    for (Instance in : m.instances()) {
      double[] particle;
      if (in.className().equals("duplex")) {
        double core = ((Number) in.attributes().getOrDefault("coreFraction", 0.6)).doubleValue();
        double[] a = expected("calcium-aluminate", Materials.CA_ALUMINATE, p, det);
        double[] b = expected("CaMnS", Materials.CAMNS, p, det);
        particle = new double[a.length];
        for (int c = 0; c < a.length; c++) {
          particle[c] = core * a[c] + (1 - core) * b[c];
        }
      } else {
        particle = expected(in.className(), phaseComposition(in.className()), p, det);
      }
      double d = ((Number) in.attributes().get("equivalentDiameterM")).doubleValue();
      double f = 1 - d * d / ((d + p.xrayRangeM()) * (d + p.xrayRangeM()));
      share[k++] = f;
      double[] s = new double[particle.length];
      for (int c = 0; c < s.length; c++) {
        s[c] = io.alloyflow.synthetic.random.PoissonSampler.sample(rng,
            (1 - f) * particle[c] + f * matrix[c]);
      }
      spectra.add(s);
    }
    return new InclusionField(r.image(), m, spectra, share, det.axis(), p.liveTimeS(),
        p.beamKeV());
  }

  /** Expected spectrum of a pure compound or standard under the field's conditions. */
  public static double[] standard(Map<String, Double> composition, Params p) {
    EdsDetector det = EdsDetector.defaultDetector().withAxis(new EnergyAxis(0, 10), 1024);
    return SpectrumSimulator.expected(composition, p.beamKeV(), p.liveTimeS(),
        p.probeCurrentNa(), det, 0);
  }

  /** Composition of an inclusion phase of {@link InclusionSteel}. */
  public static Map<String, Double> phaseComposition(String type) {
    return switch (type) {
      case "Al2O3" -> Materials.AL2O3;
      case "MnS" -> Materials.MNS;
      case "TiN" -> Materials.TIN;
      case "oxysulfide" -> Materials.OXYSULFIDE;
      case "calcium-aluminate" -> Materials.CA_ALUMINATE;
      case "CaMnS" -> Materials.CAMNS;
      default -> throw new IllegalArgumentException("no single composition for type " + type);
    };
  }

  private static double[] expected(String key, Map<String, Double> comp, Params p,
      EdsDetector det) {
    String k = key + "|" + p.beamKeV() + "|" + p.liveTimeS() + "|" + p.probeCurrentNa();
    return CACHE.computeIfAbsent(k, x -> SpectrumSimulator.expected(new LinkedHashMap<>(comp),
        p.beamKeV(), p.liveTimeS(), p.probeCurrentNa(), det, 0));
  }
}
