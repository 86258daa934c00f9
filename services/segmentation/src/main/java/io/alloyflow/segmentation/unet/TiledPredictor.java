package io.alloyflow.segmentation.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.nn.UNetArchitecture;

/**
 * Tiled U-Net inference with overlap blending in bounded memory.
 *
 * <p>The image is covered by square tiles of side {@code tile} that overlap by {@code overlap}
 * pixels; tile positions are snapped so the last row/column ends at the image border, and reads
 * outside the image are mirrored. Each tile's softmax probabilities are weighted by a separable
 * sine-squared (Hann) window, {@code w(i) = sin^2(pi (i + 0.5) / tile)}, and the blended
 * probability is the weighted mean over the covering tiles (the overlap-tile strategy of
 * Ronneberger et al. 2015 with smooth blending as in Pielawski and Wahlby 2020, PLoS ONE 15(3)
 * e0229839). Tiles are processed one tile-row at a time and only a band of {@code tile} image
 * rows of class accumulators is kept, so memory is O(classes x tile x width) besides the input
 * and the int label output; an 8192x8192 image fits in a 2 GB heap.
 */
public final class TiledPredictor {

  /** Blended output: labels and, when requested, class probabilities {@code [class][pixel]}. */
  public record Result(int[] labels, float[][] probabilities) {}

  private final Block block;
  private final NDManager manager;
  private final int numClasses;
  private final int multiple;
  private final int tile;
  private final int overlap;
  private final float[] window;

  /**
   * @param block initialised U-Net
   * @param manager manager owning the block's parameters (a sub-manager is used per tile)
   * @param tile tile side, multiple of 2^depth
   * @param overlap overlap in pixels, 0 <= overlap < tile
   */
  public TiledPredictor(Block block, NDManager manager, UNetArchitecture arch, int tile,
      int overlap) {
    if (tile < arch.sizeMultiple() || tile % arch.sizeMultiple() != 0) {
      throw new IllegalArgumentException(
          "tile size must be a positive multiple of " + arch.sizeMultiple() + ", found " + tile);
    }
    if (overlap < 0 || overlap >= tile) {
      throw new IllegalArgumentException(
          "tile overlap must be in [0, " + tile + "), found " + overlap);
    }
    this.block = block;
    this.manager = manager;
    this.numClasses = arch.numClasses();
    this.multiple = arch.sizeMultiple();
    this.tile = tile;
    this.overlap = overlap;
    this.window = new float[tile];
    for (int i = 0; i < tile; i++) {
      double s = Math.sin(Math.PI * (i + 0.5) / tile);
      window[i] = overlap == 0 ? 1f : (float) Math.max(s * s, 1e-3);
    }
  }

  /** Tile origins along one axis covering [0, n). */
  static int[] origins(int n, int tile, int overlap) {
    if (n <= tile) {
      return new int[] {0};
    }
    int step = tile - overlap;
    int count = (int) Math.ceil((n - tile) / (double) step) + 1;
    int[] o = new int[count];
    for (int i = 0; i < count; i++) {
      o[i] = Math.min(i * step, n - tile);
    }
    return o;
  }

  /** Softmax probabilities of one normalised image patch of side s (multiple of 2^depth). */
  float[] probabilities(float[] patch, int sh, int sw) {
    try (NDManager sub = manager.newSubManager()) {
      NDArray x = sub.create(patch, new Shape(1, 1, sh, sw));
      ParameterStore ps = new ParameterStore(sub, false);
      NDArray logits = block.forward(ps, new NDList(x), false).singletonOrThrow();
      return logits.softmax(1).toFloatArray();
    }
  }

  /** Untiled prediction of the whole image (padded by mirroring to a multiple of 2^depth). */
  public Result predictWhole(Micrograph m, boolean keepProbabilities) {
    IntensityNormalizer norm = IntensityNormalizer.of(m);
    int w = m.width();
    int h = m.height();
    int pw = roundUp(w);
    int ph = roundUp(h);
    float[] patch = readPatch(m, norm, 0, 0, pw, ph);
    float[] p = probabilities(patch, ph, pw);
    int[] labels = new int[w * h];
    float[][] probs = keepProbabilities ? new float[numClasses][w * h] : null;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int best = 0;
        float bestV = -1;
        for (int c = 0; c < numClasses; c++) {
          float v = p[(c * ph + y) * pw + x];
          if (probs != null) {
            probs[c][y * w + x] = v;
          }
          if (v > bestV) {
            bestV = v;
            best = c;
          }
        }
        labels[y * w + x] = best;
      }
    }
    return new Result(labels, probs);
  }

  private int roundUp(int n) {
    return (n + multiple - 1) / multiple * multiple;
  }

  private static float[] readPatch(
      Micrograph m, IntensityNormalizer norm, int x0, int y0, int pw, int ph) {
    int w = m.width();
    int h = m.height();
    float[] px = m.pixels();
    float[] patch = new float[pw * ph];
    for (int y = 0; y < ph; y++) {
      int sy = Augmenter.reflect(y0 + y, h);
      for (int x = 0; x < pw; x++) {
        int sx = Augmenter.reflect(x0 + x, w);
        patch[y * pw + x] = 2f * norm.apply(px[sy * w + sx]) - 1f;
      }
    }
    return patch;
  }

  /** Tiled, blended prediction. */
  public Result predict(Micrograph m, boolean keepProbabilities) {
    IntensityNormalizer norm = IntensityNormalizer.of(m);
    int w = m.width();
    int h = m.height();
    int tw = Math.min(tile, roundUp(w));
    int th = Math.min(tile, roundUp(h));
    int[] xs = origins(w, tw, overlap);
    int[] ys = origins(h, th, overlap);
    int[] labels = new int[w * h];
    float[][] probs = keepProbabilities ? new float[numClasses][w * h] : null;
    float[] wx = windowFor(tw, xs.length);
    float[] wy = windowFor(th, ys.length);
    // band of rows [bandY, bandY + th) of weighted class sums and weight sums
    float[][] acc = new float[numClasses][th * w];
    float[] wsum = new float[th * w];
    int bandY = 0;
    for (int j = 0; j < ys.length; j++) {
      int y0 = ys[j];
      if (y0 > bandY) {
        finalizeRows(acc, wsum, bandY, y0, w, labels, probs);
        shift(acc, wsum, y0 - bandY, th, w);
        bandY = y0;
      }
      for (int x0 : xs) {
        float[] patch = readPatch(m, norm, x0, y0, tw, th);
        float[] p = probabilities(patch, th, tw);
        int rows = Math.min(th, h - y0);
        int cols = Math.min(tw, w - x0);
        for (int ty = 0; ty < rows; ty++) {
          int by = y0 + ty - bandY;
          for (int tx = 0; tx < cols; tx++) {
            float wt = wy[ty] * wx[tx];
            int bi = by * w + x0 + tx;
            wsum[bi] += wt;
            for (int c = 0; c < numClasses; c++) {
              acc[c][bi] += wt * p[(c * th + ty) * tw + tx];
            }
          }
        }
      }
    }
    finalizeRows(acc, wsum, bandY, h, w, labels, probs);
    return new Result(labels, probs);
  }

  private float[] windowFor(int side, int tiles) {
    if (tiles == 1 || side != tile) {
      float[] ones = new float[side];
      java.util.Arrays.fill(ones, 1f);
      return ones;
    }
    return window;
  }

  private void finalizeRows(float[][] acc, float[] wsum, int bandY, int endY, int w, int[] labels,
      float[][] probs) {
    for (int y = bandY; y < endY; y++) {
      int by = y - bandY;
      for (int x = 0; x < w; x++) {
        int bi = by * w + x;
        int best = 0;
        float bestV = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < numClasses; c++) {
          float v = acc[c][bi];
          if (v > bestV) {
            bestV = v;
            best = c;
          }
          if (probs != null) {
            probs[c][y * w + x] = wsum[bi] > 0 ? v / wsum[bi] : 0f;
          }
        }
        labels[y * w + x] = best;
      }
    }
  }

  private void shift(float[][] acc, float[] wsum, int rows, int th, int w) {
    int keep = (th - rows) * w;
    for (float[] a : acc) {
      System.arraycopy(a, rows * w, a, 0, keep);
      java.util.Arrays.fill(a, keep, a.length, 0f);
    }
    System.arraycopy(wsum, rows * w, wsum, 0, keep);
    java.util.Arrays.fill(wsum, keep, wsum.length, 0f);
  }
}
