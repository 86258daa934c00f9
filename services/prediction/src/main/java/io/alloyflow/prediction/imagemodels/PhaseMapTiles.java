package io.alloyflow.prediction.imagemodels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brings a segmented two-phase map (0 ferrite, 1 martensite) measured at one pixel size to the
 * scale of a model's training cells and cuts it into cells of the training side.
 *
 * <p>Resampling is area-weighted: every target pixel gets the martensite area share of the source
 * pixels (or parts of pixels) it covers, so any ratio of pixel sizes, coarser or finer, is handled
 * and the mean is conserved. The share map is then thresholded by rank, as the training maps were
 * made (the {@code round(f N)} pixels with the largest shares become martensite, an excursion set
 * of the share field): the martensite area fraction of the covered area is kept to one target
 * pixel instead of being biased by a fixed 0.5 threshold (Delesse's principle, area fraction =
 * volume fraction, is what the prediction must keep). Cells are the largest grid of whole {@code
 * side x side} squares centred in the resampled map; the border strips (less than one cell) are
 * left out and counted.
 */
public final class PhaseMapTiles {

  private PhaseMapTiles() {}

  /**
   * A resampled map.
   *
   * @param width width in target pixels
   * @param height height in target pixels
   * @param pixelUm target pixel size, um
   * @param map row-major 0/1 labels
   * @param sourceFraction martensite fraction of the source area that was resampled
   */
  public record Resampled(int width, int height, double pixelUm, int[] map, double sourceFraction) {
    public Resampled {
      if (width < 1 || height < 1 || map.length != width * height) {
        throw new IllegalArgumentException("a resampled map of " + width + "x" + height + " needs "
            + (long) width * height + " labels, found " + map.length);
      }
    }

    /** Martensite fraction after resampling. */
    public double fraction() {
      double s = 0;
      for (int v : map) {
        s += v;
      }
      return s / map.length;
    }
  }

  /**
   * Cells cut from a resampled map.
   *
   * @param side cell side (pixels)
   * @param tilesX cells across
   * @param tilesY cells down
   * @param offsetX x of the first cell's left edge in the resampled map
   * @param offsetY y of the first cell's top edge
   * @param cells row-major cells (cell index = ty * tilesX + tx), each side x side 0/1 labels
   * @param uncoveredFraction share of the resampled map outside every cell
   */
  public record Tiles(int side, int tilesX, int tilesY, int offsetX, int offsetY, List<int[]> cells,
      double uncoveredFraction) {
    public Tiles {
      cells = List.copyOf(cells);
      if (cells.size() != tilesX * tilesY) {
        throw new IllegalArgumentException(tilesX + "x" + tilesY + " cells expected, found " + cells.size());
      }
    }

    /** The covered area as one map ({@code tilesX*side x tilesY*side}). */
    public int[] mosaic() {
      int w = tilesX * side;
      int[] out = new int[w * tilesY * side];
      for (int t = 0; t < cells.size(); t++) {
        int ox = (t % tilesX) * side;
        int oy = (t / tilesX) * side;
        int[] c = cells.get(t);
        for (int y = 0; y < side; y++) {
          System.arraycopy(c, y * side, out, (oy + y) * w + ox, side);
        }
      }
      return out;
    }
  }

  /**
   * Resamples a 0/1 map from pixel size {@code fromUm} to {@code toUm}.
   *
   * @param map row-major labels, 0 or 1
   * @param width source width
   * @param height source height
   * @param fromUm source pixel size (um, &gt; 0)
   * @param toUm target pixel size (um, &gt; 0)
   * @throws IllegalArgumentException when a label is not 0/1, a pixel size is not positive, or the
   *     map is smaller than one target pixel
   */
  public static Resampled resample(int[] map, int width, int height, double fromUm, double toUm) {
    if (!(fromUm > 0) || !(toUm > 0) || Double.isInfinite(fromUm) || Double.isInfinite(toUm)) {
      throw new IllegalArgumentException("pixel sizes must be positive and finite, found " + fromUm
          + " um (map) and " + toUm + " um (model)");
    }
    if (width < 1 || height < 1 || map.length != width * height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " map needs "
          + (long) width * height + " labels, found " + map.length);
    }
    for (int v : map) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("phase maps must hold 0 (ferrite) or 1 (martensite), found " + v);
      }
    }
    double s = toUm / fromUm; // source pixels per target pixel
    int w2 = (int) Math.floor(width / s + 1e-9);
    int h2 = (int) Math.floor(height / s + 1e-9);
    if (w2 < 1 || h2 < 1) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "the map (%dx%d px at %.4g um) is smaller than one %.4g um model pixel", width, height,
          fromUm, toUm));
    }
    double[][] wx = weights(w2, s);
    double[][] wy = weights(h2, s);
    // along x for every source row, then along y
    double[] rows = new double[height * w2];
    for (int y = 0; y < height; y++) {
      for (int x2 = 0; x2 < w2; x2++) {
        int i0 = (int) wx[x2][0];
        double acc = 0;
        for (int k = 1; k < wx[x2].length; k++) {
          acc += wx[x2][k] * map[y * width + i0 + k - 1];
        }
        rows[y * w2 + x2] = acc;
      }
    }
    double[] share = new double[w2 * h2];
    double covered = 0;
    for (int y2 = 0; y2 < h2; y2++) {
      int j0 = (int) wy[y2][0];
      for (int x2 = 0; x2 < w2; x2++) {
        double acc = 0;
        for (int k = 1; k < wy[y2].length; k++) {
          acc += wy[y2][k] * rows[(j0 + k - 1) * w2 + x2];
        }
        share[y2 * w2 + x2] = acc / (s * s);
        covered += acc;
      }
    }
    double f = covered / (w2 * s * h2 * s);
    int target = (int) Math.round(f * share.length);
    Integer[] order = new Integer[share.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(share[b], share[a]));
    int[] out = new int[share.length];
    for (int i = 0; i < target; i++) {
      out[order[i]] = 1;
    }
    return new Resampled(w2, h2, toUm, out, f);
  }

  /**
   * Overlap weights of target pixels with source pixels along one axis: row t is {first source
   * index, weight of that pixel, weight of the next, ...}, weights in source-pixel lengths.
   */
  private static double[][] weights(int n2, double s) {
    double[][] w = new double[n2][];
    for (int t = 0; t < n2; t++) {
      double a = t * s;
      double b = (t + 1) * s;
      int i0 = (int) Math.floor(a + 1e-12);
      int i1 = (int) Math.ceil(b - 1e-12);
      w[t] = new double[1 + Math.max(1, i1 - i0)];
      w[t][0] = i0;
      for (int i = i0; i < Math.max(i1, i0 + 1); i++) {
        w[t][1 + i - i0] = Math.max(0, Math.min(b, i + 1) - Math.max(a, i));
      }
    }
    return w;
  }

  /**
   * The largest grid of whole {@code side x side} cells centred in the map.
   *
   * @throws IllegalArgumentException when the map is smaller than one cell
   */
  public static Tiles tile(Resampled r, int side) {
    if (side < 1) {
      throw new IllegalArgumentException("cell side must be >= 1, found " + side);
    }
    int nx = r.width() / side;
    int ny = r.height() / side;
    if (nx < 1 || ny < 1) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "the phase map covers %.0f x %.0f um, less than one %d x %d px training cell (%.0f um"
              + " square at %.3g um/px): image a larger field", r.width() * r.pixelUm(),
          r.height() * r.pixelUm(), side, side, side * r.pixelUm(), r.pixelUm()));
    }
    int ox = (r.width() - nx * side) / 2;
    int oy = (r.height() - ny * side) / 2;
    List<int[]> cells = new ArrayList<>();
    for (int ty = 0; ty < ny; ty++) {
      for (int tx = 0; tx < nx; tx++) {
        int[] c = new int[side * side];
        for (int y = 0; y < side; y++) {
          System.arraycopy(r.map(), (oy + ty * side + y) * r.width() + ox + tx * side, c, y * side, side);
        }
        cells.add(c);
      }
    }
    double uncovered = 1 - (double) nx * ny * side * side / (r.width() * (double) r.height());
    return new Tiles(side, nx, ny, ox, oy, cells, uncovered);
  }
}
