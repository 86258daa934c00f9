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
    Path target = repoRoot.resolve("neo4j-embedded").resolve("target");
    if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IOException("embedded Neo4j is not built: expected " + target.resolve("classes")
          + " and " + target.resolve("lib") + " (build module neo4j-embedded first)");
    }
    Path data = Files.createTempDirectory("kg-test-neo4j");
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
    try {
      uri = ready.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException("embedded Neo4j did not start within 180 s; see " + data.resolve("neo4j-child.log"), e);
    }
    if (uri == null) {
      throw new IOException("embedded Neo4j exited before it was ready; see " + data.resolve("neo4j-child.log"));
    }
    process = p;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException | InterruptedException e) {
        process.destroyForcibly();
      }
      try (var walk = Files.walk(data)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind
      }
    }, "kg-test-neo4j-stop"));
    return uri;
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
