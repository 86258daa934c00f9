package io.alloyflow.segmentation.pixelclassifier;

/**
 * One training image with its labels.
 *
 * @param pixels row-major intensities
 * @param width width
 * @param height height
 * @param labels row-major labels: with {@code scribbles} false every pixel holds its class index
 *     0..K-1 (negative = ignore); with {@code scribbles} true 0 means unlabelled and 1..K mark
 *     classes 0..K-1
 * @param scribbles whether labels are sparse scribbles
 * @param source name of the source (file path) for provenance
 */
public record TrainingImage(
    float[] pixels, int width, int height, int[] labels, boolean scribbles, String source) {
  public TrainingImage {
    if (width <= 0 || height <= 0 || pixels.length != (long) width * height) {
      throw new IllegalArgumentException(
          "training image " + source + ": " + pixels.length + " pixels do not make " + width + "x"
              + height);
    }
    if (labels.length != pixels.length) {
      throw new IllegalArgumentException(
          "training image "
              + source
              + ": mask has "
              + labels.length
              + " pixels but the image has "
              + pixels.length
              + " (sizes must match)");
    }
  }

  /** Class index of pixel i, or -1 when unlabelled. */
  int classAt(int i) {
    int l = labels[i];
    return scribbles ? l - 1 : l;
  }
}
