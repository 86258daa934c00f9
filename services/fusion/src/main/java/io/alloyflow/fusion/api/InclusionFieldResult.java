package io.alloyflow.fusion.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Map;

/**
 * Result of {@link InclusionActivities#classifyField}.
 *
 * @param fieldName the field
 * @param fieldAreaMm2 analysed area (mm^2)
 * @param particles every particle with its final class
 * @param edsClassified particles classified from an EDS spectrum
 * @param countsPerClass particles per class
 * @param areaUm2PerClass particle area per class (um^2)
 * @param particlesCsv per-particle CSV (position, size, class, source, composition) in the store
 * @param ruleSet rule set name, version and SHA-256
 * @param provenance what ran
 */
public record InclusionFieldResult(String fieldName, double fieldAreaMm2,
    List<ClassifiedParticle> particles, int edsClassified, Map<String, Integer> countsPerClass,
    Map<String, Double> areaUm2PerClass, ArtifactRef particlesCsv, String ruleSet,
    ActivityRecord provenance) {
  public InclusionFieldResult {
    particles = List.copyOf(particles);
    countsPerClass = Map.copyOf(countsPerClass);
    areaUm2PerClass = Map.copyOf(areaUm2PerClass);
  }
}
