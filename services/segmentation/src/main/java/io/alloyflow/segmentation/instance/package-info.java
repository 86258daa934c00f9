/**
 * Instance segmentation of touching objects (powder particles and their satellites): three-class
 * (background / inside / boundary) U-Net targets from instance annotations ({@link
 * io.alloyflow.segmentation.instance.ThreeClassTargets}, VIA polygons via {@link
 * io.alloyflow.segmentation.io.ViaAnnotations}), watershed decoding seeded by the predicted
 * inside cores ({@link io.alloyflow.segmentation.instance.InstanceDecoder}), the {@link
 * io.alloyflow.segmentation.instance.InstanceSegmenter} that combines them, and pooled COCO-style
 * mask AP ({@link io.alloyflow.segmentation.instance.InstanceAp}) for evaluation.
 */
package io.alloyflow.segmentation.instance;
