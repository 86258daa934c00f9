package io.alloyflow.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Scale benchmark of the knowledge graph on the embedded Neo4j (run by {@code
 * bench/graph/run.sh}, not by the test suite): generates analyses shaped like real ones (six
 * steps, eleven artifacts, a sample per three analyses, 50 model versions, a detector calibration
 * per 100 analyses), ingests them in batched transactions through {@link ProvenanceWriter}, and at
 * each checkpoint of total node count measures the latency of
 *
 * <ul>
 *   <li>depth-10 upstream lineage of a random prediction ({@link ProvenanceQueries#lineage}),
 *   <li>downstream impact ({@link ProvenanceQueries#impact}, depth 10) of a random raw micrograph
 *       file, of a random calibration (about 100 analyses each) and of a random model version
 *       (1/50 of all analyses).
 * </ul>
 *
 * <p>Usage: {@code GraphBenchmark [--checkpoints 10000,100000,1000000] [--batch 500] [--queries 300]
 * [--page-cache-mb 1024] [--seed 1] [--models 50] [--writers 1] [--cypher | --merge-only]}: by
 * default the production writer (the server procedure {@code alloyflow.writeProvenance}), {@code
 * --cypher} its plain-Cypher fallback, {@code --merge-only} the Cypher merge path; {@code
 * --writers N} keeps N batches in flight on N threads. System property {@code
 * alloyflow.neo4jSettings} ({@code NAME=VALUE,...}) passes server settings. Prints one line per
 * measurement and a summary table.
 */
public final class GraphBenchmark {
  private GraphBenchmark() {}

  /** Number of model versions the analyses are spread over (1/models of them use each). */
  static int models = 50;

  public static void main(String[] args) throws Exception {
    long[] checkpoints = {10_000, 100_000, 1_000_000};
    int batch = 500;
    int queries = 300;
    int pageCacheMb = 1024;
    long seed = 1;
    int writers = 1;
    boolean mergeOnly = false;
    boolean cypher = false;
    boolean bulk = false;
    models = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--checkpoints" -> checkpoints = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        case "--page-cache-mb" -> pageCacheMb = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--merge-only" -> mergeOnly = true;
        case "--cypher" -> cypher = true;
        case "--bulk-import" -> bulk = true;
        case "--models" -> models = Integer.parseInt(args[++i]);
        case "--writers" -> writers = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + ": expected --checkpoints, --batch, --queries, --page-cache-mb, --seed, --merge-only, --cypher, --bulk-import, --models, --writers");
      }
    }
    Path root = Path.of(System.getProperty("alloyflow.repoRoot", "."));
    if (bulk) {
      bulkImport(root, checkpoints, batch, queries, pageCacheMb, seed);
      System.exit(0);
    }
    String uri = Neo4jTestServer.start(root, pageCacheMb);
    System.out.printf(Locale.ROOT, "neo4j %s, page cache %d MB, batch %d analyses, %d writer thread(s), %d queries per kind,"
        + " server settings [%s], %s%n",
        uri, pageCacheMb, batch, writers, queries, System.getProperty("alloyflow.neo4jSettings", ""), mergeOnly ? "Cypher merge path only (--merge-only)"
            : cypher ? "Cypher writer (--cypher: create path for new analyses)"
            : "production writer (server procedure " + ProvenanceWriter.PROCEDURE + " where installed)");
    SyntheticProvenance gen = new SyntheticProvenance(null);
    Random rnd = new Random(seed);
    List<String> summary = new ArrayList<>();
    summary.add("| nodes | relationships | analyses | ingest nodes/s | nodes per server CPU s | nodes per server + client CPU s | lineage p50 / p95 ms"
        + " | impact file p50 / p95 ms | impact calibration p50 / p95 ms (rows) | impact model p50 / p95 ms (rows)"
        + " | same, previous query | impact rule set p50 / p95 ms (rows) | same, previous query |");
    summary.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    try (ProvenanceGraph graph = new ProvenanceGraph(new GraphConfig(uri, "", ""))) {
      Neo4jTestServer.wipe(graph);
      graph.ensureSchema();
      graph.writer().cypherOnly(cypher);
      try (var s = graph.driver().session()) {
        System.out.println("writer path: " + (graph.writer().procedureAvailable(s) ? "server procedure" : "Cypher"));
      }
      int analyses = 0;
      long ingestNanos = 0;
      // --writers N: N transactions in flight at once on disjoint batches (a concurrent writer that
      // creates a shared key first makes the other retry its batch: ProvenanceWriter.write)
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
      java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(writers);
      java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
      long nodes = 0;
      for (long target : checkpoints) {
        long before = System.nanoTime();
        double cpuBefore = Neo4jTestServer.serverCpuSeconds();
        double clientBefore = clientCpuSeconds();
        long nodesBefore = nodes;
        while (nodes < target) {
          List<AnalysisProvenance> chunk = new ArrayList<>(batch);
          for (int k = 0; k < batch; k++) {
            chunk.add(gen.analysis(spec(analyses++)));
          }
          if (mergeOnly) {
            try (var session = graph.driver().session()) {
              session.executeWrite(tx -> {
                ProvenanceWriter.mergeAll(tx, chunk);
                return null;
              });
            }
          } else if (writers == 1) {
            graph.recordAll(chunk);
          } else {
            inFlight.acquire();
            if (failed.get() != null) {
              throw new IllegalStateException("a writer thread failed", failed.get());
            }
            pool.execute(() -> {
              try {
                graph.recordAll(chunk);
              } catch (Throwable t) {
                failed.compareAndSet(null, t);
              } finally {
                inFlight.release();
              }
            });
          }
          if (analyses % (batch * 20) == 0) {
            System.out.printf(Locale.ROOT, "  ... %d analyses, ~%d nodes, %.0f s%n", analyses, nodes,
                (System.nanoTime() - before) / 1e9);
          }
          // about 16.4 new nodes per analysis; counted exactly whenever the estimate reaches the target
          nodes += Math.round(batch * 16.4);
          if (nodes >= target) {
            inFlight.acquire(writers); // every batch of this segment committed
            inFlight.release(writers);
            if (failed.get() != null) {
              throw new IllegalStateException("a writer thread failed", failed.get());
            }
            nodes = graph.totals().nodes();
          }
        }
        ingestNanos += System.nanoTime() - before;
        GraphCounts totals = graph.totals();
        nodes = totals.nodes();
        double rate = (nodes - nodesBefore) / ((System.nanoTime() - before) / 1e9);
        double cpu = Neo4jTestServer.serverCpuSeconds() - cpuBefore;
        double perCpu = (nodes - nodesBefore) / cpu;
        double client = clientCpuSeconds() - clientBefore;
        System.out.printf(Locale.ROOT, "checkpoint: %d nodes, %d relationships, %d analyses; ingest %.0f nodes/s,"
            + " server CPU %.1f s = %.0f nodes per CPU second; client (generator + driver) CPU %.1f s;"
            + " server + client %.0f nodes per CPU second; load %s%n",
            totals.nodes(), totals.edges(), analyses, rate, cpu, perCpu, client,
            (nodes - nodesBefore) / (cpu + client), loadAverage());
        summary.add(String.format(Locale.ROOT, "| %d | %d | %d | %.0f | %.0f | %.0f ",
            totals.nodes(), totals.edges(), analyses, rate, perCpu, (nodes - nodesBefore) / (cpu + client))
            + queries(graph, gen, rnd, analyses, queries));
      }
      pool.shutdown();
      System.out.printf(Locale.ROOT, "total ingest time %.1f s%n", ingestNanos / 1e9);
    }
    summary.forEach(System.out::println);
    System.exit(0);
  }

  /**
   * The offline route ({@code --bulk-import}): for each checkpoint size, a new empty database
   * loaded from {@link BulkImportFiles} by {@code neo4j-admin database import full}, started, its
   * schema created ({@link ProvenanceGraph#ensureSchema}: constraint and index population), then
   * the same queries. The rate counts everything from the first generated analysis to a queryable
   * database: CSV writing (with generation), the import, the server start and the schema.
   */
  static void bulkImport(Path root, long[] checkpoints, int batch, int queries, int pageCacheMb, long seed)
      throws Exception {
    System.out.printf(Locale.ROOT, "offline bulk import (--bulk-import): a new database per checkpoint, batch %d analyses,"
        + " %d queries per kind, page cache %d MB%n", batch, queries, pageCacheMb);
    List<String> summary = new ArrayList<>();
    summary.add("| nodes | relationships | analyses | CSV s (client CPU s) | import s (importer CPU s) | start s | schema s (server CPU s)"
        + " | nodes/s, import only | nodes/s, all steps | nodes per CPU s, all steps | lineage p50 / p95 ms"
        + " | impact file p50 / p95 ms | impact calibration p50 / p95 ms (rows) | impact model p50 / p95 ms (rows)"
        + " | same, previous query | impact rule set p50 / p95 ms (rows) | same, previous query |");
    summary.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (long target : checkpoints) {
      Path work = java.nio.file.Files.createTempDirectory("kg-bulk");
      SyntheticProvenance gen = new SyntheticProvenance(null);
      Random rnd = new Random(seed);
      long t0 = System.nanoTime();
      double client0 = clientCpuSeconds();
      int analyses = 0;
      BulkImportFiles files = new BulkImportFiles(work.resolve("csv"));
      try (files) {
        while (files.nodes() < target) {
          List<AnalysisProvenance> chunk = new ArrayList<>(batch);
          for (int k = 0; k < batch; k++) {
            chunk.add(gen.analysis(spec(analyses++)));
          }
          files.add(chunk);
        }
      }
      double csv = (System.nanoTime() - t0) / 1e9;
      double csvCpu = clientCpuSeconds() - client0;
      Neo4jTestServer.ImportRun run = Neo4jTestServer.importCsv(root, work.resolve("home"), files.importArguments());
      long t1 = System.nanoTime();
      Neo4jTestServer.Launched server = Neo4jTestServer.launch(root, work.resolve("home"), pageCacheMb, true);
      double start = (System.nanoTime() - t1) / 1e9;
      try (ProvenanceGraph graph = new ProvenanceGraph(new GraphConfig(server.uri(), "", ""))) {
        double cpu0 = cpuSeconds(server.process().pid());
        long t2 = System.nanoTime();
        graph.ensureSchema();
        double schema = (System.nanoTime() - t2) / 1e9;
        double schemaCpu = cpuSeconds(server.process().pid()) - cpu0;
        GraphCounts totals = graph.totals();
        if (totals.nodes() != files.nodes() || totals.edges() != files.relationships()) {
          throw new IllegalStateException("imported " + totals + ", written " + files.nodes() + " nodes and "
              + files.relationships() + " relationships");
        }
        double all = csv + run.wallSeconds() + start + schema;
        double allCpu = csvCpu + run.cpuSeconds() + schemaCpu;
        System.out.printf(Locale.ROOT, "checkpoint: %d nodes, %d relationships, %d analyses; CSV %.1f s (client CPU %.1f s),"
            + " import %.1f s (CPU %.1f s), server start %.1f s, schema %.1f s (server CPU %.1f s);"
            + " %.0f nodes/s import only, %.0f nodes/s all steps, %.0f nodes per CPU second all steps; load %s%n",
            totals.nodes(), totals.edges(), analyses, csv, csvCpu, run.wallSeconds(), run.cpuSeconds(), start, schema,
            schemaCpu, totals.nodes() / run.wallSeconds(), totals.nodes() / all, totals.nodes() / allCpu, loadAverage());
        summary.add(String.format(Locale.ROOT, "| %d | %d | %d | %.1f (%.1f) | %.1f (%.1f) | %.1f | %.1f (%.1f) | %.0f | %.0f | %.0f ",
            totals.nodes(), totals.edges(), analyses, csv, csvCpu, run.wallSeconds(), run.cpuSeconds(), start, schema,
            schemaCpu, totals.nodes() / run.wallSeconds(), totals.nodes() / all, totals.nodes() / allCpu)
            + queries(graph, gen, rnd, analyses, queries));
      } finally {
        server.stop();
        Neo4jTestServer.delete(work);
      }
    }
    summary.forEach(System.out::println);
  }

  /** CPU seconds (user + system) a process has used, from {@code /proc}; NaN where not readable. */
  static double cpuSeconds(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Measures the lineage and impact queries on a graph of {@code n} generated analyses, prints
   * them and returns their cells of the summary table.
   */
  static String queries(ProvenanceGraph graph, SyntheticProvenance gen, Random rnd, int n, int queries) {
    double[] lineage = time(queries, i -> {
      List<Map<String, Object>> rows = graph.lineage(predictionKey(gen, rnd.nextInt(n)), false, 10);
      if (rows.size() < 12) {
        throw new IllegalStateException("lineage too short: " + rows.size());
      }
    });
    double[] file = time(queries, i -> graph.impact(
        gen.ref("TIFF micrograph " + rnd.nextInt(n), "image/tiff").uri(), 10, 200));
    long[] rows = new long[2];
    double[] calibration = time(queries, i -> rows[0] += (Long) graph.impact(
        gen.calibrationKey("cal-" + rnd.nextInt(Math.max(1, n / 100))), 10, 200).get("total"));
    double[] model = time(Math.max(20, queries / 5), i -> rows[1] += (Long) graph.impact(
        "rule-of-mixtures-hardness@" + rnd.nextInt(models), 10, 200).get("total"));
    // the same question through the previous three-statement query, side by side
    double[] modelBefore = time(Math.max(20, queries / 5), i -> PreviousImpactQuery.impact(graph.driver(),
        "rule-of-mixtures-hardness@" + rnd.nextInt(models), 10, 200));
    // one rule set used by every analysis: the largest answer (all features, predictions)
    long[] ruleRows = new long[1];
    double[] rules = time(5, i -> ruleRows[0] = (Long) graph.impact(gen.phaseLibraryKey(), 10, 200).get("total"));
    double[] rulesBefore = time(5, i -> PreviousImpactQuery.impact(graph.driver(), gen.phaseLibraryKey(), 10, 200));
    System.out.printf(Locale.ROOT, "  lineage depth 10: p50 %.2f ms, p95 %.2f ms%n", lineage[0], lineage[1]);
    System.out.printf(Locale.ROOT, "  impact of a micrograph file: p50 %.2f ms, p95 %.2f ms%n", file[0], file[1]);
    System.out.printf(Locale.ROOT, "  impact of a calibration: p50 %.2f ms, p95 %.2f ms, %.0f nodes reached on average%n",
        calibration[0], calibration[1], rows[0] / (double) queries);
    System.out.printf(Locale.ROOT, "  impact of a model version: p50 %.2f ms, p95 %.2f ms, %.0f nodes reached on average%n",
        model[0], model[1], rows[1] / (double) Math.max(20, queries / 5));
    System.out.printf(Locale.ROOT, "  impact of a model version, previous query: p50 %.2f ms, p95 %.2f ms%n",
        modelBefore[0], modelBefore[1]);
    System.out.printf(Locale.ROOT, "  impact of the phase-library rule set: p50 %.2f ms, p95 %.2f ms, %d nodes reached%n",
        rules[0], rules[1], ruleRows[0]);
    System.out.printf(Locale.ROOT, "  impact of the phase-library rule set, previous query: p50 %.2f ms, p95 %.2f ms%n",
        rulesBefore[0], rulesBefore[1]);
    return String.format(Locale.ROOT, "| %.1f / %.1f | %.1f / %.1f | %.1f / %.1f (%.0f) | %.1f / %.1f (%.0f) | %.1f / %.1f | %.0f / %.0f (%d) | %.0f / %.0f |",
        lineage[0], lineage[1], file[0], file[1],
        calibration[0], calibration[1], rows[0] / (double) queries, model[0], model[1],
        rows[1] / (double) Math.max(20, queries / 5), modelBefore[0], modelBefore[1], rules[0], rules[1], ruleRows[0],
        rulesBefore[0], rulesBefore[1]);
  }

  /** CPU seconds of this JVM (generator, row building, Bolt driver; NaN where not available). */
  static double clientCpuSeconds() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  static SyntheticProvenance.Spec spec(int i) {
    return new SyntheticProvenance.Spec("bench-" + i, "B-" + (i / 3), i, Integer.toString(i % models),
        "cal-" + (i / 100), 0.05 + 0.6 * ((i * 7919L) % 1000) / 1000.0, 1);
  }

  static String predictionKey(SyntheticProvenance gen, int i) {
    var acts = gen.activities(spec(i));
    return acts.get(acts.size() - 1).generated().get(0).ref().uri();
  }

  /** Runs {@code n} timed calls after {@code n/5} warm-up calls; returns {p50, p95} in ms. */
  static double[] time(int n, Consumer<Integer> call) {
    for (int i = 0; i < Math.max(5, n / 5); i++) {
      call.accept(i);
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      call.accept(i);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[(int) Math.floor(0.50 * (n - 1))], ms[(int) Math.floor(0.95 * (n - 1))]};
  }
}
