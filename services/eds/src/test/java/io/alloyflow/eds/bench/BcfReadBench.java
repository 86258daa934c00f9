package io.alloyflow.eds.bench;

import io.alloyflow.core.io.bruker.BcfFile;
import io.alloyflow.core.io.bruker.BcfReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark driver used by {@code bench/eds/bcf_read.sh}: reads every {@code .bcf} of a folder
 * (one warm-up read, then the best of {@code REPEATS}) and prints one JSON line per file with the
 * read time, the cube's size and total counts, and the JVM's peak heap use over the run.
 *
 * <p>Usage: {@code BcfReadBench DIR [REPEATS]}
 */
public final class BcfReadBench {
  private BcfReadBench() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".bcf")).sorted().forEach(files::add);
    }
    for (Path f : files) {
      try {
        BcfReader.read(f); // warm-up
      } catch (java.io.IOException e) {
        System.out.printf("{\"file\": \"%s\", \"error\": \"%s\"}%n", f.getFileName(),
            e.getMessage().replace("\"", "'"));
        continue;
      }
      long best = Long.MAX_VALUE;
      BcfFile r = null;
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        r = BcfReader.read(f);
        best = Math.min(best, System.nanoTime() - t0);
      }
      long total = 0;
      for (long v : r.sumSpectrum()) {
        total += v;
      }
      var si = r.spectrumImage();
      System.out.printf("{\"file\": \"%s\", \"shape\": [%d, %d, %d], \"totalCounts\": %d,"
          + " \"bestMs\": %.2f}%n", f.getFileName(), si.height(), si.width(), si.channels(), total,
          best / 1e6);
    }
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf("{\"peakHeapMiB\": %.1f}%n", peak / 1048576.0);
  }
}
