package io.alloyflow.fusion.classify.unet;

/**
 * Shape of a compact U-Net on stacked channels (Ronneberger, Fischer and Brox 2015, "U-Net:
 * Convolutional Networks for Biomedical Image Segmentation", MICCAI, LNCS 9351, 234-241).
 *
 * @param inChannels input channels (1 for BSE only; BSE plus element maps for fused input)
 * @param numClasses output classes, at least 2
 * @param baseChannels feature channels of the first level; level i has base * 2^i
 * @param depth number of 2x down-sampling steps, 1..5; input sides must be multiples of 2^depth
 */
public record UNetShape(int inChannels, int numClasses, int baseChannels, int depth) {

  public UNetShape {
    if (inChannels < 1 || inChannels > 64) {
      throw new IllegalArgumentException("U-Net input channels must be in 1..64, found "
          + inChannels);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("U-Net needs at least 2 classes, found " + numClasses);
    }
    if (baseChannels < 2 || baseChannels > 64) {
      throw new IllegalArgumentException("U-Net base channels must be in 2..64, found "
          + baseChannels);
    }
    if (depth < 1 || depth > 5) {
      throw new IllegalArgumentException("U-Net depth must be in 1..5, found " + depth);
    }
  }

  /** Input sides must be multiples of this. */
  public int sizeMultiple() {
    return 1 << depth;
  }

  /** Channels at level {@code level} (0 = full resolution, depth = bottleneck). */
  public int channelsAt(int level) {
    return baseChannels << level;
  }
}
