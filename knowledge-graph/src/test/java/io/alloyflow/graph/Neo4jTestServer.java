package io.alloyflow.graph;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real embedded Neo4j (module {@code neo4j-embedded}) in a child JVM, started once per test
 * JVM and shared by the test classes of this module; stopped when the test JVM exits (its stdin
 * closes). Tests wipe the database between cases with {@link #wipe(ProvenanceGraph)}.
 */
final class Neo4jTestServer {
  private static String uri;
  private static Process process;

  private Neo4jTestServer() {}

  /** Bolt URI of the shared server, starting it on first use. */
  static synchronized String uri() throws IOException {
    if (uri != null) {
      return uri;
    }
    Path root = Path.of(System.getProperty("alloyflow.repoRoot", ".."));
    return start(root, 64);
  }

  /** Starts a server for this JVM with the given page cache (benchmarks ask for more). */
  static synchronized String start(Path repoRoot, int pageCacheMb) throws IOException {
    if (uri != null) {
      return uri;
    }
    Launched l = launch(repoRoot, Files.createTempDirectory("kg-test-neo4j"), pageCacheMb, true);
    process = l.process();
    uri = l.uri();
    return uri;
  }

  /** A server process of its own (not the shared one) and its Bolt URI. */
  record Launched(Process process, String uri, Path data) {
    /** Stops the server (closing its stdin) and waits for it. */
    void stop() throws InterruptedException, IOException {
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static Path embeddedTarget(Path repoRoot) throws IOException {
    Path target = repoRoot.resolve("neo4j-embedded").resolve("target");
    if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IOException("embedded Neo4j is not built: expected " + target.resolve("classes")
          + " and " + target.resolve("lib") + " (build module neo4j-embedded first)");
    }
    return target;
  }

  /**
   * Starts the embedded server on {@code data} (a new directory, or one that {@link #importCsv}
   * filled); with {@code deleteOnExit} the directory goes when this JVM exits.
   */
  static Launched launch(Path repoRoot, Path data, int pageCacheMb, boolean deleteOnExit) throws IOException {
    Path target = embeddedTarget(repoRoot);
    String cp = target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String heap = System.getProperty("alloyflow.neo4jHeap", "-Xmx768m");
    List<String> command = new java.util.ArrayList<>(List.of(java, heap, "-XX:+UseSerialGC"));
    // extra JVM options for the server, e.g. a flight recording while profiling the benchmark
    String extra = System.getProperty("alloyflow.neo4jJvmArgs", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", cp, "io.alloyflow.neo4j.EmbeddedNeo4jMain", "--data", data.toString(),
        "--port", "0", "--page-cache-mb", Integer.toString(pageCacheMb)));
    // server settings for benchmarks, NAME=VALUE,NAME=VALUE (e.g. checkpoint intervals)
    String settings = System.getProperty("alloyflow.neo4jSettings", "").strip();
    if (!settings.isEmpty()) {
      Path conf = data.resolve("bench-neo4j.conf");
      Files.writeString(conf, String.join("\n", settings.split(",")) + "\n");
      command.addAll(List.of("--config", conf.toString()));
    }
    Process p = new ProcessBuilder(command)
        .redirectError(data.resolve("neo4j-child.log").toFile())
        .start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("READY ")) {
            return line.substring(6).trim();
          }
        }
      } catch (IOException e) {
        return null;
      }
      return null;
    });
    String bolt;
    try {
      bolt = ready.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException("embedded Neo4j did not start within 180 s; see " + data.resolve("neo4j-child.log"), e);
    }
    if (bolt == null) {
      throw new IOException("embedded Neo4j exited before it was ready; see " + data.resolve("neo4j-child.log"));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (IOException | InterruptedException e) {
        p.destroyForcibly();
      }
      if (deleteOnExit) {
        delete(data);
      }
    }, "kg-test-neo4j-stop"));
    return new Launched(p, bolt, data);
  }

  static void delete(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  /** What an offline import took: wall seconds and the importer process's CPU seconds. */
  record ImportRun(double wallSeconds, double cpuSeconds) {}

  /**
   * Runs {@code neo4j-admin database import full ARGS neo4j} (the importer shipped with the
   * embedded server's libraries) into the store of a new data directory {@code home} that {@link
   * #launch} then serves.
   */
  static ImportRun importCsv(Path repoRoot, Path home, List<String> args) throws IOException, InterruptedException {
    Path target = embeddedTarget(repoRoot);
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(conf.resolve("neo4j.conf"), "");
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
        target.resolve("lib") + File.separator + "*", "org.neo4j.cli.AdminTool", "database", "import", "full"));
    command.addAll(args);
    command.add("--report-file=" + home.resolve("import.report"));
    command.add("neo4j");
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.resolve("import.log").toFile());
    b.environment().put("NEO4J_HOME", home.toString());
    b.environment().put("NEO4J_CONF", conf.toString());
    long t0 = System.nanoTime();
    Process p = b.start();
    double cpu = 0;
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      cpu = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(cpu);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    if (p.exitValue() != 0) {
      throw new IOException("neo4j-admin database import failed (exit " + p.exitValue() + "); see "
          + home.resolve("import.log"));
    }
    return new ImportRun(wall, cpu);
  }

  /**
   * CPU seconds the server process has used so far (user + system, from {@code /proc}); NaN when
   * not started or not on Linux. Benchmarks report throughput per CPU second next to wall-clock
   * rates, because on a shared machine the wall clock measures the other tenants too.
   */
  static synchronized double serverCpuSeconds() {
    if (process == null) {
      return Double.NaN;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** A graph client on the shared server with a wiped database at the current schema. */
  static ProvenanceGraph freshGraph() throws IOException {
    ProvenanceGraph g = new ProvenanceGraph(new GraphConfig(uri(), "", ""));
    wipe(g);
    g.ensureSchema();
    return g;
  }

  static void wipe(ProvenanceGraph g) {
    try (var s = g.driver().session()) {
      s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
    }
  }
}
