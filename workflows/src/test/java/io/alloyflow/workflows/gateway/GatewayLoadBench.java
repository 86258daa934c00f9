package io.alloyflow.workflows.gateway;

import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Acceptance under load (bench, not a test): N concurrent path-based submissions against {@code
 * alloyflow serve} in a child JVM, while a second client polls {@code /v1/health}. Reports p50/p95/
 * max time to the 202, health latency during the burst, and the time until every analysis has
 * completed (all must complete). Usage: {@code GatewayLoadBench N DIR}; run by {@code
 * bench/gateway/run_load.sh}.
 */
public final class GatewayLoadBench {
  private GatewayLoadBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Path dir = Path.of(args.length > 1 ? args[1] : "target/load-bench");
    Files.createDirectories(dir.resolve("lab"));
    MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(21, 128, 0.25e-6).bse(), dir.resolve("lab/dp.tif"));
    try (ServeProcess s = new ServeProcess(dir.resolve("data-" + System.nanoTime()), dir.resolve("lab"), "2g").start()) {
      String token = s.adminToken();
      // warm-up: one analysis end to end (JIT, Neo4j page cache)
      HttpResponse<String> w = s.postJson("/v1/analyses", token,
          Map.of("sampleId", "warm", "micrographPath", "dp.tif"), Map.of());
      s.awaitEnd(ServeProcess.JSON.readTree(w.body()).get("analysisId").asText(), token, 300);
      List<Double> health = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean burst = new AtomicBoolean(true);
      Thread poller = new Thread(() -> {
        while (burst.get()) {
          try {
            long t0 = System.nanoTime();
            s.get("/v1/health", null);
            health.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(20);
          } catch (Exception e) {
            return;
          }
        }
      });
      ExecutorService pool = Executors.newFixedThreadPool(n);
      List<Future<double[]>> fs = new ArrayList<>();
      long start = System.nanoTime();
      poller.start();
      for (int i = 0; i < n; i++) {
        int k = i;
        fs.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          HttpResponse<String> r = s.postJson("/v1/analyses", token,
              Map.of("sampleId", "load-" + k, "micrographPath", "dp.tif", "alloySystem", "dp-steel"), Map.of());
          double ms = (System.nanoTime() - t0) / 1e6;
          if (r.statusCode() != 202) {
            throw new IllegalStateException("submission " + k + ": " + r.statusCode() + " " + r.body());
          }
          return new double[] {ms, k};
        }));
      }
      List<Double> accept = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Future<double[]> f : fs) {
        accept.add(f.get()[0]);
      }
      burst.set(false);
      poller.join();
      pool.shutdown();
      for (int i = 0; i < n; i++) {
        HttpResponse<String> list = s.get("/v1/samples/load-" + i + "/analyses", token);
        ids.add(ServeProcess.JSON.readTree(list.body()).get(0).get("id").asText());
      }
      int completed = 0;
      for (String id : ids) {
        if ("COMPLETED".equals(s.awaitEnd(id, token, 1800).get("status").asText())) {
          completed++;
        }
      }
      double total = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT,
          "submissions %d: time to 202 p50 %.0f ms, p95 %.0f ms, max %.0f ms; health during burst"
              + " (%d calls) p50 %.1f ms, p95 %.1f ms, max %.1f ms; %d/%d completed in %.1f s (%.2f"
              + " analyses/s)%n",
          n, pct(accept, 50), pct(accept, 95), pct(accept, 100), health.size(), pct(health, 50),
          pct(health, 95), pct(health, 100), completed, n, total, n / total);
    }
  }

  static double pct(List<Double> xs, double p) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
    return s.get(Math.max(0, Math.min(s.size() - 1, i)));
  }
}
