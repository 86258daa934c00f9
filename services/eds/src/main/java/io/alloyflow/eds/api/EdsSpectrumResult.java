package io.alloyflow.eds.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * @param calibratedSpectrum EMSA file of the calibrated spectrum
 * @param offsetEv fitted energy offset
 * @param gainEvPerChannel fitted channel width
 * @param elements identified elements, strongest first
 * @param provenance what ran
 */
public record EdsSpectrumResult(
    ArtifactRef calibratedSpectrum,
    double offsetEv,
    double gainEvPerChannel,
    List<ElementLine> elements,
    ActivityRecord provenance) {}
