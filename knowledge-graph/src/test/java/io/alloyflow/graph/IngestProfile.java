package io.alloyflow.graph;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.Result;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Ingest profiling harness (run by {@code bench/graph/ingest-profile.sh}, not by the tests): writes
 * {@code ANALYSES} generated analyses in transactions of {@code BATCH} through the production
 * Cypher writer ({@code -Dbulk=create}, the default: create path for new analyses), through the merge
 * path only ({@code -Dbulk=merge}) or through the server procedure ({@code -Dbulk=procedure}, what
 * the production writer uses where the server has it); after two warm-up batches it measures wall time, the server's
 * CPU seconds (from {@code /proc}) and the client time per statement, and prints one {@code
 * RESULT} line; without {@code -Dnoprofile} it then PROFILEs one more batch of 200 analyses and
 * prints each statement's operator tree with rows and db hits.
 *
 * <p>Usage: {@code IngestProfile ANALYSES BATCH PAGE_CACHE_MB}.
 */
public final class IngestProfile {
  private IngestProfile() {}

  static final boolean[] PROFILE = {false};

  static void write(SimpleQueryRunner tx, List<AnalysisProvenance> chunk) {
    if ("merge".equals(System.getProperty("bulk"))) {
      ProvenanceWriter.mergeAll(tx, chunk);
    } else if ("procedure".equals(System.getProperty("bulk"))) {
      ProvenanceWriter.writeViaProcedure(tx, chunk);
    } else {
      ProvenanceWriter.write(tx, chunk);
    }
  }

  static void print(org.neo4j.driver.summary.ProfiledPlan p, String ind) {
    System.out.printf(Locale.ROOT, "%s%s rows=%d dbHits=%d time=%s %s%n", ind, p.operatorType(), p.records(), p.dbHits(),
        p.arguments().get("Time"), p.arguments().get("Details"));
    for (var c : p.children()) {
      print(c, ind + "  ");
    }
  }

  public static void main(String[] args) throws Exception {
    int total = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    String uri = Neo4jTestServer.start(Path.of(System.getProperty("alloyflow.repoRoot", ".")), Integer.parseInt(args[2]));
    SyntheticProvenance gen = new SyntheticProvenance(null);
    Map<String, long[]> times = new TreeMap<>();
    try (ProvenanceGraph graph = new ProvenanceGraph(new GraphConfig(uri, "", ""))) {
      Neo4jTestServer.wipe(graph);
      graph.ensureSchema();
      int n = 0;
      long t0 = System.nanoTime();
      double cpu0 = Neo4jTestServer.serverCpuSeconds();
      long warmNodes = 0;
      long client0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long gen0 = 0;
      while (n < total) {
        long g = System.nanoTime();
        List<AnalysisProvenance> chunk = new ArrayList<>();
        for (int k = 0; k < batch; k++) {
          chunk.add(gen.analysis(GraphBenchmark.spec(n++)));
        }
        gen0 += System.nanoTime() - g;
        if (n == 2 * batch + batch) {
          // the first two batches warm the JIT and the query caches: measure from here
          t0 = System.nanoTime();
          cpu0 = Neo4jTestServer.serverCpuSeconds();
          client0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          warmNodes = graph.totals().nodes();
        }
        try (var s = graph.driver().session()) {
          s.executeWrite(tx -> {
            SimpleQueryRunner p = (SimpleQueryRunner) Proxy.newProxyInstance(IngestProfile.class.getClassLoader(),
                new Class<?>[] {SimpleQueryRunner.class}, (proxy, m, a) -> {
                  long t = System.nanoTime();
                  if (String.valueOf(a[0]).contains("RETURN")) {
                    return m.invoke(tx, a); // the existence checks: their records are read by the writer
                  }
                  Object r = m.invoke(tx, a);
                  if (r instanceof Result res) {
                    res.consume();
                  }
                  String q = String.valueOf(a[0]);
                  q = q.substring(0, Math.min(70, q.length()));
                  long[] v = times.computeIfAbsent(q, k -> new long[1]);
                  v[0] += System.nanoTime() - t;
                  return r;
                });
            write(p, chunk);
            return null;
          });
        }
      }
      double cpu = Neo4jTestServer.serverCpuSeconds() - cpu0;
      double client = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - client0) / 1e9;
      double secs0 = (System.nanoTime() - t0) / 1e9;
      long nodes0 = graph.totals().nodes() - warmNodes;
      System.out.printf(Locale.ROOT, "RESULT %s: %d nodes, wall %.1f s (%.0f nodes/s), server CPU %.1f s (%.0f nodes per CPU s), client main thread CPU %.1f s, load %s%n",
          System.getProperty("bulk"), nodes0, secs0, nodes0 / secs0, cpu, nodes0 / cpu, client,
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
      // client-side time per statement, all batches (warm-up included; existence checks not timed)
      times.forEach((q, v) -> System.out.printf(Locale.ROOT, "%8.2f s  %s%n", v[0] / 1e9, q));
      if (System.getProperty("noprofile") != null) {
        System.exit(0);
      }
      PROFILE[0] = true;
      List<AnalysisProvenance> last = new ArrayList<>();
      for (int k = 0; k < 200; k++) {
        last.add(gen.analysis(GraphBenchmark.spec(n++)));
      }
      try (var s = graph.driver().session()) {
        s.executeWrite(tx -> {
          SimpleQueryRunner p = (SimpleQueryRunner) Proxy.newProxyInstance(IngestProfile.class.getClassLoader(),
              new Class<?>[] {SimpleQueryRunner.class}, (proxy, m, a) -> {
                if (String.valueOf(a[0]).contains("RETURN")) {
                  return m.invoke(tx, a);
                }
                a[0] = "PROFILE " + a[0];
                Object r = m.invoke(tx, a);
                var sum = ((Result) r).consume();
                System.out.println("== " + String.valueOf(a[0]).substring(0, Math.min(140, String.valueOf(a[0]).length())));
                print(sum.profile(), "  ");
                return r;
              });
          write(p, last);
          return null;
        });
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      long nodes = graph.totals().nodes();
      System.out.printf(Locale.ROOT, "%d analyses, %d nodes in %.1f s = %.0f nodes/s (generation %.1f s)%n",
          n, nodes, secs, nodes / secs, gen0 / 1e9);
    }
    System.exit(0);
  }
}
