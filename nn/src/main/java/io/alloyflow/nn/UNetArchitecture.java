package io.alloyflow.nn;

/**
 * Shape of a compact U-Net (Ronneberger, Fischer and Brox 2015, "U-Net: Convolutional Networks
 * for Biomedical Image Segmentation", MICCAI, LNCS 9351, 234-241).
 *
 * @param inChannels input channels (1 for a gray micrograph)
 * @param numClasses output classes (logit channels), at least 2
 * @param baseChannels feature channels of the first encoder level; level i has base * 2^i
 * @param depth number of down-sampling steps (encoder levels), 1..6; input sides must be
 *     multiples of 2^depth
 */
public record UNetArchitecture(int inChannels, int numClasses, int baseChannels, int depth) {

  public UNetArchitecture {
    if (inChannels < 1) {
      throw new IllegalArgumentException("U-Net needs at least 1 input channel, found " + inChannels);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("U-Net needs at least 2 classes, found " + numClasses);
    }
    if (baseChannels < 2 || baseChannels > 128) {
      throw new IllegalArgumentException(
          "U-Net base channels must be in 2..128, found " + baseChannels);
    }
    if (depth < 1 || depth > 6) {
      throw new IllegalArgumentException("U-Net depth must be in 1..6, found " + depth);
    }
  }

  /** The default small CPU-friendly network: 16 base channels, depth 4, one gray input. */
  public static UNetArchitecture small(int numClasses) {
    return new UNetArchitecture(1, numClasses, 16, 4);
  }

  /** Input side lengths must be multiples of this. */
  public int sizeMultiple() {
    return 1 << depth;
  }

  /** Channels at encoder level {@code level} (0 = full resolution, depth = bottleneck). */
  public int channelsAt(int level) {
    return baseChannels << level;
  }
}
