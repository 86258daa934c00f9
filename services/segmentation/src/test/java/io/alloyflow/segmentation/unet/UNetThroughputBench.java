package io.alloyflow.segmentation.unet;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Inference throughput and memory benchmark (run by {@code bench/unet/throughput.sh} under
 * {@code -Xmx2g}): segments a large synthetic micrograph (default 8192x8192, built by mirroring a
 * NASA Super1 test image, or noise when the data is absent) with tiled inference and prints
 * megapixels per second and the peak Java heap (sum of the heap pools' peak usage).
 *
 * <p>Arguments: {@code MODEL_DIR [SIZE [TILE [OVERLAP]]]}.
 */
public final class UNetThroughputBench {

  private UNetThroughputBench() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 8192;
    int tile = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    int overlap = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    Micrograph big = bigImage(size);
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    try (UNetSegmenter seg = UNetSegmenter.load(model)) {
      seg.tiling(tile, overlap);
      // warm-up on a small image (native library initialisation, allocator)
      seg.segment(new Micrograph(tile, tile, new float[tile * tile], 8, Double.NaN,
          SignalType.SE));
      long t0 = System.nanoTime();
      LabelMap lm = seg.segment(big);
      double secs = (System.nanoTime() - t0) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          peak += p.getPeakUsage().getUsed();
        }
      }
      double[] f = lm.fractions();
      System.out.printf(Locale.ROOT,
          "{\"size\": %d, \"tile\": %d, \"overlap\": %d, \"seconds\": %.2f, "
              + "\"megapixelsPerSecond\": %.3f, \"peakHeapMiB\": %.1f, \"maxHeapMiB\": %.1f, "
              + "\"threads\": \"%s\", \"classFractions\": %s}%n",
          size, tile, overlap, secs, (double) size * size / 1e6 / secs, peak / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0,
          System.getProperty("ai.djl.pytorch.num_threads"), java.util.Arrays.toString(f));
    }
  }

  static Micrograph bigImage(int size) {
    float[] px = new float[size * size];
    Micrograph src = null;
    try {
      Path d = Path.of(System.getProperty("alloyflow.sharedData", "../shared/data"))
          .resolve("segmentation/nasa-super/Super1");
      src = NasaSuperData.read(d, "test").get(0).image();
    } catch (Exception e) {
      System.err.println("NASA data not found (" + e.getMessage() + "), using noise");
    }
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        px[y * size + x] = src == null ? (float) (r.nextDouble() * 255)
            : src.at(Augmenter.reflect(x, src.width()), Augmenter.reflect(y, src.height()));
      }
    }
    return new Micrograph(size, size, px, 8, Double.NaN, SignalType.SE);
  }
}
