package io.alloyflow.prediction.bench;

import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.Composition;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.Predictor;
import io.alloyflow.prediction.trained.PropertyModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Batch prediction of N random candidate alloys (5-6 elements of the Cantor/Al/refractory pool,
 * random amounts, random route) with exact interventional SHAP: wall and process CPU time of
 * {@link Predictor#predict} after one warm-up batch, per Shapley player set. Not a unit test
 * (timing); run by {@code bench/prediction/run_bench.sh}. Arguments: model directory, N (default
 * 10000), player sets (default {@code inputs,features}).
 */
public final class ShapBatchBenchmark {
  private ShapBatchBenchmark() {}

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args.length > 0 ? args[0] : "models/hardness-mpea-ensemble");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    String modes = args.length > 2 ? args[2] : "inputs,features";
    PropertyModel m = ModelIO.load(model, "hardness").model();
    String[] pool = {"Al", "Co", "Cr", "Fe", "Ni", "Mn", "Cu", "Ti", "V", "Nb", "Mo", "Ta", "Zr", "Hf", "W"};
    String[] routes = {"CAST", "ANNEAL", "POWDER", "WROUGHT", ""};
    String[] phases = {"BCC", "FCC", "FCC+BCC", "BCC+B2", ""};
    SplittableRandom r = new SplittableRandom(2026);
    List<AlloySample> cands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Double> c = new java.util.TreeMap<>();
      int k = 4 + r.nextInt(3);
      while (c.size() < k) {
        c.put(pool[r.nextInt(pool.length)], r.nextDouble(0.2, 1.5));
      }
      cands.add(new AlloySample(new Composition(c), routes[r.nextInt(routes.length)],
          phases[r.nextInt(phases.length)], Double.NaN));
    }
    for (String mode : modes.split(",")) {
      Predictor.Explain ex = Predictor.Explain.parse(mode);
      Predictor.predict(m, cands.subList(0, Math.min(200, n)), null, ex, 0, 1);
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      Predictor.Batch b = Predictor.predict(m, cands, null, ex, 0, 1);
      double secs = (System.nanoTime() - t0) / 1e9;
      double cpu = (cpuNanos() - c0) / 1e9;
      int players = b.players().size();
      int bg = m.background().rows().length;
      System.out.printf(Locale.ROOT,
          "%d candidates, SHAP players %s = %s (2^%d = %d coalitions), %d background rows, model %s:"
              + " exact SHAP batch %.2f s wall, %.2f s process CPU (%.0f candidates/s; %d cores; load average %.1f),"
              + " at most %d model rows (n (1 + (2^M - 2) B) + B; fewer where null players are skipped), max additivity error %.1e%n",
          n, mode, b.players(), players, 1 << players, bg, m.describe(), secs, cpu, n / secs,
          Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          (long) n * (1 + ((1L << players) - 2) * bg) + bg, b.maxAdditivityError());
    }
    long t0 = System.nanoTime();
    Predictor.predict(m, cands, null, false, 0, 1);
    System.out.printf(Locale.ROOT, "same batch without SHAP: %.3f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
