package io.alloyflow.synthetic.micro;

import io.alloyflow.core.image.LabelMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A generated 2D microstructure with its exact ground truth.
 *
 * @param kind generator name (e.g. {@code dp-steel})
 * @param phaseMap per-pixel phase index into {@code phases}; class names are the phase names
 * @param instanceMap per-pixel instance id (0 = none) or null where instances are not meaningful
 * @param phases the phases, index = label value
 * @param instances the instances of {@code instanceMap}, in id order (empty when none)
 * @param relief surface height in pixels per pixel (for SE/topographic contrast), or null when
 *     the surface is flat apart from per-phase relief
 * @param yieldFactor per-pixel multiplicative modulation of the emitted yield (electron channelling /
 *     orientation contrast of grains, trapping in etched grain-boundary grooves), or null
 * @param statistics truth statistics (fractions, grain sizes, sizes), JSON-friendly values
 * @param parameters the generator parameters as requested
 * @param seed the seed
 * @param mixture sub-label constituents of one phase (e.g. Si flakes in the Al-Si eutectic), or
 *     null when every labelled phase is rendered as homogeneous
 */
public record Microstructure(
    String kind,
    LabelMap phaseMap,
    LabelMap instanceMap,
    List<Phase> phases,
    List<Instance> instances,
    float[] relief,
    float[] yieldFactor,
    Map<String, Object> statistics,
    Map<String, Object> parameters,
    long seed,
    PhaseMixture mixture) {

  public Microstructure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(phaseMap, "phaseMap");
    phases = List.copyOf(phases);
    instances = List.copyOf(instances == null ? List.of() : instances);
    if (phaseMap.maxLabel() >= phases.size()) {
      throw new IllegalArgumentException(
          "phase map uses label " + phaseMap.maxLabel() + " but only " + phases.size()
              + " phases are defined");
    }
    if (instanceMap != null
        && (instanceMap.width() != phaseMap.width() || instanceMap.height() != phaseMap.height())) {
      throw new IllegalArgumentException("instance map size differs from phase map size");
    }
    if (relief != null && relief.length != phaseMap.labels().length) {
      throw new IllegalArgumentException("relief map size differs from phase map size");
    }
    if (yieldFactor != null && yieldFactor.length != phaseMap.labels().length) {
      throw new IllegalArgumentException("yield-factor map size differs from phase map size");
    }
    if (mixture != null && (mixture.particleFraction().length != phaseMap.labels().length
        || mixture.phaseLabel() >= phases.size())) {
      throw new IllegalArgumentException("phase mixture map size differs from phase map size"
          + " or its label " + mixture.phaseLabel() + " is not a phase");
    }
    statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** A microstructure whose labelled phases are all homogeneous (no {@link PhaseMixture}). */
  public Microstructure(String kind, LabelMap phaseMap, LabelMap instanceMap, List<Phase> phases,
      List<Instance> instances, float[] relief, float[] yieldFactor,
      Map<String, Object> statistics, Map<String, Object> parameters, long seed) {
    this(kind, phaseMap, instanceMap, phases, instances, relief, yieldFactor, statistics,
        parameters, seed, null);
  }

  public int width() {
    return phaseMap.width();
  }

  public int height() {
    return phaseMap.height();
  }

  public double pixelSizeM() {
    return phaseMap.pixelSizeM();
  }

  /** Measured area fraction of each phase, by phase name, in phase order. */
  public Map<String, Double> phaseFractions() {
    double[] f = phaseMap.fractions();
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < phases.size(); i++) {
      m.put(phases.get(i).name(), i < f.length ? f[i] : 0.0);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Phase name to composition (element to mass fraction). */
  public Map<String, Map<String, Double>> phaseCompositions() {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>();
    for (Phase p : phases) {
      m.put(p.name(), p.massFractions());
    }
    return Collections.unmodifiableMap(m);
  }

  /** Phase names in label order. */
  public List<String> phaseNames() {
    List<String> n = new ArrayList<>();
    for (Phase p : phases) {
      n.add(p.name());
    }
    return n;
  }
}
