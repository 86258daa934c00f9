package io.alloyflow.synthetic.bench;

import io.alloyflow.synthetic.micro.DualPhaseSteel;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import io.alloyflow.synthetic.xray.SpectrumImageSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (excluded from the default test run; run with {@code bench/synthetic/run.sh}): one
 * 1024x1024 dual-phase steel micrograph (microstructure with grain-size calibration + SEM image
 * formation) and one 128x128x2048 EDS spectrum image of it. Prints and writes the seconds.
 */
@Tag("bench")
class SyntheticBenchmark {

  @Test
  void micrographAndSpectrumImage() throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "cores available: %d%n",
        Runtime.getRuntime().availableProcessors()));
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      Microstructure m = DualPhaseSteel.generate(
          DualPhaseSteel.Params.defaults(1024, 0.25e-6), 100 + rep);
      long t1 = System.nanoTime();
      SemSimulator.Result r = SemSimulator.render(m, SemConditions.bse(), 100 + rep);
      long t2 = System.nanoTime();
      SpectrumImageSimulator.Result e = SpectrumImageSimulator.simulate(m,
          SpectrumImageSimulator.Params.defaults(1024, 1024), 100 + rep);
      long t3 = System.nanoTime();
      double counts = 0;
      for (float v : e.image().data()) {
        counts += v;
      }
      sb.append(String.format(Locale.ROOT,
          "rep %d: microstructure 1024x1024 %.2f s, SEM image %.2f s, micrograph total %.2f s;"
              + " spectrum image 128x128x2048 %.2f s (%.0f counts/pixel); grains %s, image mean"
              + " %.0f%n",
          rep, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, (t3 - t2) / 1e9,
          counts / (128 * 128), m.statistics().get("grainCount"), mean(r.image().pixels())));
    }
    System.out.print(sb);
    Path out = Paths.get(System.getProperty("alloyflow.repoRoot", ".."))
        .resolve("synthetic/target/bench-synthetic.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, sb.toString());
  }

  private static double mean(float[] a) {
    double s = 0;
    for (float v : a) {
      s += v;
    }
    return s / a.length;
  }
}
