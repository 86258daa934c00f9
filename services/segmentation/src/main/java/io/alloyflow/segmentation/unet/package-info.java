/**
 * U-Net semantic segmentation on DJL's PyTorch engine (CPU): the network as a DJL block ({@link
 * io.alloyflow.segmentation.unet.UNetBlock}, Ronneberger et al. 2015), training with class-weighted
 * cross-entropy, Adam and on-the-fly augmentation ({@link
 * io.alloyflow.segmentation.unet.UNetTrainer}), tiled overlap-blended inference in bounded memory
 * ({@link io.alloyflow.segmentation.unet.TiledPredictor}) and model folders with a provenance
 * sidecar loaded by {@link io.alloyflow.segmentation.unet.UNetSegmenter}; {@link
 * io.alloyflow.segmentation.unet.ExternalTraining} exports datasets for training the same network
 * on an accelerator and imports the weights back (checked name by name). Nothing here depends on
 * Temporal, Micronaut, Neo4j or Camel.
 */
package io.alloyflow.segmentation.unet;
