/**
 * U-Net semantic segmentation on DJL's PyTorch engine (CPU): the network as a DJL block ({@link
 * io.alloyflow.nn.UNetBlock}, Ronneberger et al. 2015), training with class-weighted
 * cross-entropy, Adam and on-the-fly augmentation ({@link
 * io.alloyflow.segmentation.unet.UNetTrainer}), tiled overlap-blended inference in bounded memory
 * ({@link io.alloyflow.segmentation.unet.TiledPredictor}) and model folders with a provenance
 * sidecar loaded by {@link io.alloyflow.segmentation.unet.UNetSegmenter}. The benchmark and
 * export programs (NASA and AMPIS benchmarks, throughput, export/import for accelerator training)
 * live in the test tree, run by the scripts under {@code bench/unet}. Nothing here depends on
 * Temporal, Micronaut, Neo4j or Camel.
 */
package io.alloyflow.segmentation.unet;
