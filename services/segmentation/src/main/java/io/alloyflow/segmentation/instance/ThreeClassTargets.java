package io.alloyflow.segmentation.instance;

/**
 * Converts an instance map into the three-class (background / inside / boundary) target of
 * boundary-aware semantic segmentation for touching objects (Chen et al. 2016, CVPR "DCAN";
 * Caicedo et al. 2019, Cytometry A 95, 952-965, "Evaluation of deep learning strategies for
 * nucleus segmentation in fluorescence images"): an instance pixel is "boundary" when a pixel
 * within Chebyshev distance {@code width} belongs to another instance or to the background,
 * otherwise "inside". The inside cores of touching objects are thus separated and can seed a
 * watershed.
 */
public final class ThreeClassTargets {

  /** Class index of background. */
  public static final int BACKGROUND = 0;

  /** Class index of object interiors. */
  public static final int INSIDE = 1;

  /** Class index of object boundaries. */
  public static final int BOUNDARY = 2;

  /** Default boundary width in pixels of the training targets (as the AMPIS bench). */
  public static final int BOUNDARY_PX = 2;

  /** Class names in index order. */
  public static final java.util.List<String> CLASS_NAMES =
      java.util.List.of("background", "inside", "boundary");

  private ThreeClassTargets() {}

  /** Three-class labels of a {@code w x h} instance map (0 = background). */
  public static int[] of(int[] instances, int w, int h, int width) {
    return of(instances, w, h, width, false);
  }

  /**
   * Three-class labels of a {@code w x h} instance map (0 = background); with {@code
   * touchingOnly} only pixels within {@code width} of another instance are boundary (contact
   * lines), so the rim of an object against the background stays "inside" and small objects keep
   * an inside core that can seed the watershed.
   */
  public static int[] of(int[] instances, int w, int h, int width, boolean touchingOnly) {
    if ((long) w * h != instances.length) {
      throw new IllegalArgumentException(
          "instance map of " + w + "x" + h + " needs " + ((long) w * h) + " labels, found "
              + instances.length);
    }
    if (width < 1) {
      throw new IllegalArgumentException("boundary width must be >= 1, found " + width);
    }
    int[] out = new int[instances.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int l = instances[y * w + x];
        if (l == 0) {
          continue;
        }
        boolean edge = false;
        for (int dy = -width; dy <= width && !edge; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= h) {
            continue;
          }
          for (int dx = -width; dx <= width; dx++) {
            int xx = x + dx;
            if (xx >= 0 && xx < w && instances[yy * w + xx] != l
                && !(touchingOnly && instances[yy * w + xx] == 0)) {
              edge = true;
              break;
            }
          }
        }
        out[y * w + x] = edge ? BOUNDARY : INSIDE;
      }
    }
    return out;
  }
}
