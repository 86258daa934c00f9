package io.alloyflow.eds.bench;

import io.alloyflow.core.io.ReadLimits;
import io.alloyflow.core.io.hspy.HspyIO;
import io.alloyflow.core.io.hspy.HspySignal;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Benchmark driver used by {@code bench/eds/hspy_cube.sh}: writes a W x H x C float32 spectrum
 * image (sparse Poisson-like counts, seed 1) as {@code .hspy} unless the file exists, then reads
 * it back and prints one JSON line with the write and read times, the sum, and the peak heap.
 *
 * <p>Usage: {@code HspyCubeBench FILE.hspy W H C}
 */
public final class HspyCubeBench {
  private HspyCubeBench() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int w = Integer.parseInt(args[1]);
    int h = Integer.parseInt(args[2]);
    int c = Integer.parseInt(args[3]);
    double writeMs = Double.NaN;
    if (!Files.exists(file)) {
      float[] d = new float[Math.multiplyExact(Math.multiplyExact(w, h), c)];
      SplittableRandom r = new SplittableRandom(1);
      for (int i = 0; i < d.length; i++) {
        int ch = i % c;
        double mean = 0.02 + (Math.abs(ch - 640) < 8 ? 2.0 : 0) + (Math.abs(ch - 174) < 6 ? 1.0 : 0);
        d[i] = r.nextDouble() < mean / (1 + mean) ? 1 + (r.nextDouble() < mean / 4 ? 1 : 0) : 0;
      }
      SpectrumImage si = new SpectrumImage(w, h, c, d, new EnergyAxis(-470, 10), 1e-7, 20, 0.001);
      long t0 = System.nanoTime();
      HspyIO.write(HspyIO.of(si, "bench"), file);
      writeMs = (System.nanoTime() - t0) / 1e6;
    }
    long t0 = System.nanoTime();
    HspySignal s = HspyIO.read(file, ReadLimits.DEFAULT);
    double readMs = (System.nanoTime() - t0) / 1e6;
    double sum = 0;
    for (float v : s.data()) {
      sum += v;
    }
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf("{\"file\": \"%s\", \"shape\": [%d, %d, %d], \"writeMs\": %.0f,"
        + " \"readMs\": %.0f, \"sum\": %.0f, \"peakHeapMiB\": %.0f}%n", file.getFileName(), h, w,
        c, writeMs, readMs, sum, peak / 1048576.0);
  }
}
