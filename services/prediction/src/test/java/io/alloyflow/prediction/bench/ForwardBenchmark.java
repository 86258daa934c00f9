package io.alloyflow.prediction.bench;

import io.alloyflow.prediction.model.MlpEnsemble;
import io.alloyflow.prediction.model.MlpForward;
import io.alloyflow.prediction.trained.ModelIO;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Engine (DJL / libtorch, float32) against a pure-Java batched forward pass ({@link MlpForward})
 * on the same ensemble and rows: process CPU and wall time per repetition (the first ones warm
 * up). Not a unit test (timing); run by {@code bench/prediction/run_bench.sh}. Arguments: model
 * directory, rows (default 200000), repetitions (default 4).
 */
public final class ForwardBenchmark {
  private ForwardBenchmark() {}

  private static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args.length > 0 ? args[0] : "models/hardness-mpea-ensemble");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    MlpEnsemble e = ModelIO.load(model, "hardness").model().ensemble();
    int d = e.inputs();
    double[] rows = new double[n * d];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < rows.length; i++) {
      int j = i % d;
      rows[i] = e.scaler().mean()[j] + e.scaler().scale()[j] * r.nextDouble(-2, 2);
    }
    MlpForward java = new MlpForward(e);
    double[][] out = new double[e.members().size()][n];
    for (int k = 0; k < reps; k++) {
      double c0 = cpu();
      long t0 = System.nanoTime();
      java.predict(rows, n, out);
      double c1 = cpu();
      long t1 = System.nanoTime();
      e.predictMembersFlat(rows, n, d);
      double c2 = cpu();
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT,
          "%d rows x %d members: pure Java %.2f s CPU (%.2f s wall) | libtorch %.2f s CPU (%.2f s wall)%n",
          n, e.members().size(), c1 - c0, (t1 - t0) / 1e9, c2 - c1, (t2 - t1) / 1e9);
    }
  }
}
