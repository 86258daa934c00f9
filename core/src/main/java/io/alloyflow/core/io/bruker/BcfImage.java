package io.alloyflow.core.io.bruker;

/**
 * An SEM image stored in a BCF file (16-bit unsigned values, row-major).
 *
 * @param title the image's description (e.g. BSE, SE), or "image N"
 * @param width columns
 * @param height rows
 * @param data values 0..65535, row-major
 */
public record BcfImage(String title, int width, int height, int[] data) {
  public BcfImage {
    if (width <= 0 || height <= 0 || data == null || data.length != (long) width * height) {
      throw new IllegalArgumentException("BCF image " + title + ": " + width + "x" + height
          + " needs " + ((long) width * height) + " values, found "
          + (data == null ? 0 : data.length));
    }
  }

  /** Sum of all values. */
  public long sum() {
    long s = 0;
    for (int v : data) {
      s += v;
    }
    return s;
  }
}
