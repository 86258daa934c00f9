package io.alloyflow.segmentation.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Map;

/**
 * @param phaseMap Arrow-encoded {@code LabelMap} (class index per pixel, classes ordered by mean
 *     intensity, darkest first)
 * @param phaseMapPng the same labels as a PNG (pixel value = class index)
 * @param overlayPng micrograph with coloured classes, for people
 * @param classNames class names, index = label
 * @param phaseFractions area fraction per class name
 * @param phaseFractionSigma standard error of each fraction
 * @param provenance what ran
 */
public record SegmentPhasesResult(
    ArtifactRef phaseMap,
    ArtifactRef phaseMapPng,
    ArtifactRef overlayPng,
    List<String> classNames,
    Map<String, Double> phaseFractions,
    Map<String, Double> phaseFractionSigma,
    ActivityRecord provenance) {}
