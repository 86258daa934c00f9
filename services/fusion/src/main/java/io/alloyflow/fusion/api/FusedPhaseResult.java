package io.alloyflow.fusion.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Map;

/**
 * Result of {@link SpectrumImageFusionActivities#fuseSpectrumImage}.
 *
 * @param semToEds 2x3 matrix mapping SEM pixel (x, y) to EDS pixel (x, y)
 * @param rmsResidualPx estimated RMS registration error (EDS pixels)
 * @param reliable whether the registration passed its quality checks
 * @param reason why not ("ok" when reliable)
 * @param registrationQuality registration quality metrics
 * @param phases the fused phases
 * @param phaseMap Arrow-encoded phase label map on the SEM grid
 * @param featureSet Arrow feature table: a sample of the per-pixel fused feature stack
 * @param provenance what ran
 */
public record FusedPhaseResult(List<List<Double>> semToEds, double rmsResidualPx,
    boolean reliable, String reason, Map<String, Double> registrationQuality,
    List<FusedPhase> phases, ArtifactRef phaseMap, ArtifactRef featureSet,
    ActivityRecord provenance) {}
