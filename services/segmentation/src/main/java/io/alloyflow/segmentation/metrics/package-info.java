/**
 * Segmentation quality metrics: confusion-matrix measures for semantic maps (pixel accuracy,
 * per-class and mean IoU, precision/recall/F1 micro and macro) and instance measures (COCO-style
 * AP at IoU 0.5, Lin et al. 2014; Aggregated Jaccard Index, Kumar et al. 2017, and AJI+ with a
 * one-to-one Hungarian pairing, Graham et al. 2019).
 */
package io.alloyflow.segmentation.metrics;
