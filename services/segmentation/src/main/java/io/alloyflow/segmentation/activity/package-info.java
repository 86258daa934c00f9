/**
 * Temporal activity implementation of the segmentation service: loads the micrograph from the
 * artifact store, segments it through {@link io.alloyflow.segmentation.Segmenter}, stores the
 * phase map (Arrow and PNG) and an overlay for people, and returns fractions with provenance.
 */
package io.alloyflow.segmentation.activity;
