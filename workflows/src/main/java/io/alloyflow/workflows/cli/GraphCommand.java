package io.alloyflow.workflows.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.graph.Condition;
import io.alloyflow.graph.GraphConfig;
import io.alloyflow.graph.Measurement;
import io.alloyflow.graph.OfflineImport;
import io.alloyflow.graph.ProvenanceGraph;
import io.alloyflow.graph.ProvenanceRecords;
import io.alloyflow.workflows.embedded.EmbeddedNeo4j;
import io.alloyflow.workflows.embedded.StackSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alloyflow graph ...}: queries and exports of the knowledge graph from the shell. Uses
 * the Neo4j of {@code ALLOYFLOW_NEO4J_URI} or starts the embedded one on the data directory
 * (which must then not be held by a running {@code alloyflow serve}).
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Query and export the provenance knowledge graph.",
    subcommands = {GraphCommand.Lineage.class, GraphCommand.Impact.class, GraphCommand.Search.class,
        GraphCommand.Export.class, GraphCommand.Measure.class, GraphCommand.Import.class})
final class GraphCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** An open graph and what was started for it. */
  static final class Session implements AutoCloseable {
    final ProvenanceGraph graph;
    final StackSettings settings;
    private final EmbeddedNeo4j embedded;

    Session(GraphOptions options) throws Exception {
      settings = options.stack.settings();
      GraphConfig config = options.neo4jUri == null ? settings.graph() : explicit(options.neo4jUri, settings);
      EmbeddedNeo4j n = null;
      if (config == null) {
        Path store = settings.dataDir().resolve("neo4j");
        if (!Files.isDirectory(store)) {
          throw new IllegalArgumentException("no knowledge graph under " + store
              + ": run an analysis first (./alloyflow demo / analyze), pass --data-dir, or set ALLOYFLOW_NEO4J_URI");
        }
        n = EmbeddedNeo4j.start(store, EmbeddedNeo4j.locateClasspath(settings.repoRoot()), 0, 180);
        config = new GraphConfig(n.boltUri(), "neo4j", n.password());
      }
      embedded = n;
      graph = new ProvenanceGraph(config);
      graph.verifyConnectivity();
      graph.ensureSchema();
    }

    /**
     * An explicit Bolt URI: credentials from {@code ALLOYFLOW_NEO4J_USER}/{@code _PASSWORD}, else
     * the embedded graph's password file in the data directory, else none.
     */
    private static GraphConfig explicit(String uri, StackSettings settings) throws java.io.IOException {
      String pw = System.getenv("ALLOYFLOW_NEO4J_PASSWORD");
      if (pw != null && !pw.isEmpty()) {
        return new GraphConfig(uri, System.getenv().getOrDefault("ALLOYFLOW_NEO4J_USER", "neo4j"), pw);
      }
      Path file = settings.dataDir().resolve("neo4j").resolve("neo4j.password");
      if (Files.isRegularFile(file)) {
        return new GraphConfig(uri, "neo4j", Files.readString(file).trim());
      }
      return new GraphConfig(uri, "", "");
    }

    @Override
    public void close() {
      graph.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** Where the graph is: the stack's settings, or an explicit Bolt URI. */
  static final class GraphOptions {
    @Mixin StackOptions stack;

    @Option(names = "--neo4j-uri", description = "Bolt URI of a running Neo4j (credentials: $ALLOYFLOW_NEO4J_USER/_PASSWORD, else the password file of --data-dir's embedded graph; default: $ALLOYFLOW_NEO4J_URI or the embedded graph of --data-dir)")
    String neo4jUri;
  }

  static void print(PrintStream out, Object value) throws Exception {
    out.println(JSON.writeValueAsString(value));
  }

  @Command(name = "lineage", mixinStandardHelpOptions = true,
      description = "Upstream lineage of a node (analysis id, step key, sha256:..., sample:ID, model name@version); --down for what was derived from it.")
  static final class Lineage implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "node key") String key;
    @Option(names = "--down", description = "downstream (impact) instead of upstream") boolean down;
    @Option(names = "--depth", defaultValue = "10", description = "steps to follow (1..30, default ${DEFAULT-VALUE})") int depth;
    @Option(names = "--json", description = "print JSON") boolean json;
    @Mixin GraphOptions stack;

    @Override
    public Integer call() throws Exception {
      try (Session s = new Session(stack)) {
        String k = resolve(s.graph, key);
        List<Map<String, Object>> rows = s.graph.lineage(k, down, depth);
        if (json) {
          print(System.out, rows);
        } else {
          System.out.println((down ? "downstream of " : "lineage of ") + k + ": " + rows.size() + " nodes");
          for (Map<String, Object> r : rows) {
            System.out.printf("  %2d  %-16s %s%s%n", (Long) r.get("depth"), r.get("kind"), r.get("key"),
                r.get("algorithm") == null ? "" : "  (" + r.get("algorithm")
                    + (r.get("version") == null ? "" : " " + r.get("version")) + ")");
            if (r.get("settings") instanceof Map<?, ?> settings) {
              // microscope settings read at ingest: beam energy, working distance, detector...
              System.out.println("        instrument: " + settings);
            }
            if (r.get("environment") instanceof Map<?, ?> env) {
              // the software environment the step ran in: java, os and alloyflow versions
              System.out.println("        environment: " + env);
            }
          }
        }
        if (rows.isEmpty() && s.graph.queries().node(k) == null) {
          throw new IllegalArgumentException("no node '" + key + "' in the graph");
        }
        return 0;
      }
    }
  }

  /** An analysis id stays as is; a bare 64-hex hash gets its sha256: prefix. */
  static String resolve(ProvenanceGraph g, String key) {
    return key.matches("[0-9a-f]{64}") ? "sha256:" + key : key;
  }

  @Command(name = "impact", mixinStandardHelpOptions = true,
      description = "Everything derived from a node, counted by kind, with the affected analyses and predictions (e.g. 'which predictions used model v3?').")
  static final class Impact implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID") String key;
    @Option(names = "--depth", defaultValue = "10") int depth;
    @Option(names = "--limit", defaultValue = "200") int limit;
    @Mixin GraphOptions stack;

    @Override
    public Integer call() throws Exception {
      try (Session s = new Session(stack)) {
        print(System.out, s.graph.impact(resolve(s.graph, key), depth, limit));
        return 0;
      }
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Structure-property search: analyses whose phase fractions and predictions satisfy every --where.")
  static final class Search implements Callable<Integer> {
    @Option(names = "--where", description = "condition NAME OP NUMBER, e.g. martensite>=0.2 or hardnessHv>300 (repeatable)")
    List<String> where = new ArrayList<>();
    @Option(names = "--sample", defaultValue = "", description = "part of a sample or analysis id") String text;
    @Option(names = "--limit", defaultValue = "100") int limit;
    @Option(names = "--json", description = "print JSON") boolean json;
    @Mixin GraphOptions stack;

    @Override
    public Integer call() throws Exception {
      List<Condition> conds = new ArrayList<>();
      for (String w : where) {
        for (String part : w.split(",")) {
          if (!part.isBlank()) {
            conds.add(Condition.parse(part));
          }
        }
      }
      try (Session s = new Session(stack)) {
        List<Map<String, Object>> rows = s.graph.search(conds, text, limit);
        if (json) {
          print(System.out, rows);
        } else {
          System.out.println(rows.size() + " analyses where " + conds);
          for (Map<String, Object> r : rows) {
            System.out.println("  " + r.get("analysis") + "  sample " + r.get("sample") + "  " + r.get("status")
                + "  " + r.get("values") + "  predictions " + r.get("predictions"));
          }
        }
        return 0;
      }
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Export an analysis (or, for prov-json, the lineage of any node) as W3C PROV-JSON or RO-Crate.")
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID") String key;
    @Option(names = "--format", required = true, description = "prov-json or ro-crate") String format;
    @Option(names = "--out", required = true, description = "output file (prov-json), directory or .zip (ro-crate)") Path out;
    @Mixin GraphOptions stack;

    @Override
    public Integer call() throws Exception {
      if (!format.equals("prov-json") && !format.equals("ro-crate")) {
        throw new IllegalArgumentException("--format must be prov-json or ro-crate, found '" + format + "'");
      }
      try (Session s = new Session(stack)) {
        String k = resolve(s.graph, key);
        if (format.equals("prov-json")) {
          Map<String, Object> doc = s.graph.provJson(k);
          if (doc == null) {
            doc = s.graph.provJsonOfLineage(k, false, 12);
          }
          if (doc == null) {
            throw new IllegalArgumentException("no analysis or node '" + key + "' in the graph");
          }
          if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
          }
          JSON.writeValue(out.toFile(), doc);
        } else {
          s.graph.exportRoCrate(k, new FileSystemArtifactStore(s.settings.dataDir().resolve("artifacts")), out);
        }
        System.out.println("wrote " + out.toAbsolutePath());
        return 0;
      }
    }
  }

  @Command(name = "measure", mixinStandardHelpOptions = true,
      description = "Enter a real measurement of a sample (linked to the sample and, optionally, the analysis it checks).")
  static final class Measure implements Callable<Integer> {
    @Option(names = "--sample", required = true) String sample;
    @Option(names = "--property", required = true, description = "e.g. hardnessHv") String property;
    @Option(names = "--value", required = true) double value;
    @Option(names = "--sigma", defaultValue = "0") double sigma;
    @Option(names = "--unit", defaultValue = "") String unit;
    @Option(names = "--method", defaultValue = "") String method;
    @Option(names = "--by", defaultValue = "${sys:user.name}") String by;
    @Option(names = "--analysis", defaultValue = "") String analysis;
    @Option(names = "--measured-at", defaultValue = "", description = "ISO-8601 instant or date of the measurement (part of its identity)")
    String measuredAt;
    @Mixin GraphOptions stack;

    @Override
    public Integer call() throws Exception {
      Measurement m = new Measurement("", sample, property, unit, value, sigma, method, by,
          measuredAt.isBlank() ? 0 : measuredAt.length() == 10
              ? java.time.LocalDate.parse(measuredAt).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()
              : java.time.Instant.parse(measuredAt).toEpochMilli(), analysis);
      try (Session s = new Session(stack)) {
        s.graph.recordMeasurement(m);
        System.out.println("recorded " + m.key());
        return 0;
      }
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Load recorded provenance (a folder of *.jsonl / *.json analysis records, the JSON the "
          + "workflows hand to the graph writer) into an EMPTY embedded graph offline: CSV files, "
          + "neo4j-admin database import full, then the schema. For backfills; live writes go through the "
          + "writer.")
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder (or one file) of analysis records")
    Path records;
    @Option(names = "--keep-csv", description = "keep the CSV files and the importer's log and report")
    boolean keepCsv;
    @Mixin StackOptions stack;

    @Override
    public Integer call() throws Exception {
      StackSettings settings = stack.settings();
      if (settings.graph() != null) {
        throw new IllegalArgumentException("graph import loads the embedded graph's store offline, but "
            + "ALLOYFLOW_NEO4J_URI points at a running Neo4j (" + settings.graph().uri() + "): unset it, or load "
            + "that server with its own neo4j-admin");
      }
      ProvenanceRecords.files(records); // a missing or empty folder is refused before anything starts
      Path home = settings.dataDir().resolve("neo4j");
      boolean overwrite = false;
      if (Files.isDirectory(OfflineImport.databaseDir(home))) {
        long held = nodesIn(home, EmbeddedNeo4j.locateClasspath(settings.repoRoot()));
        if (held > 0) {
          throw new IllegalArgumentException("the graph under " + home + " already holds " + held + " nodes: graph "
              + "import loads only an empty database (the importer writes store files, not transactions). Import "
              + "into a new --data-dir, or add these analyses through the live writer");
        }
        overwrite = true; // started once, nothing written: the importer may replace it
      }
      Files.createDirectories(settings.dataDir());
      Path work = Files.createTempDirectory(settings.dataDir(), "graph-import-");
      try {
        // records to CSV first: a bad record is reported before any server or importer starts
        OfflineImport.Result r = OfflineImport.run(records, home,
            () -> EmbeddedNeo4j.locateClasspath(settings.repoRoot()), overwrite, work);
        String classpath = EmbeddedNeo4j.locateClasspath(settings.repoRoot());
        System.out.printf("imported %d analyses: %d nodes, %d relationships (CSV %.1f s, import %.1f s, %.0f nodes/s)%n",
            r.analyses(), r.nodes(), r.relationships(), r.csvSeconds(), r.importSeconds(),
            r.nodes() / Math.max(1e-9, r.importSeconds()));
        long t0 = System.nanoTime();
        try (EmbeddedNeo4j n = EmbeddedNeo4j.start(home, classpath, 0, 180);
            ProvenanceGraph g = new ProvenanceGraph(new GraphConfig(n.boltUri(), "neo4j", n.password()))) {
          g.verifyConnectivity();
          g.ensureSchema();
          System.out.printf("schema version %d created (%.1f s); the graph holds %d nodes, %d relationships%n",
              g.schema().currentVersion(), (System.nanoTime() - t0) / 1e9, g.totals().nodes(), g.totals().edges());
        }
        System.out.println("artifact bytes are not copied: the records name them by hash only");
        return 0;
      } finally {
        if (keepCsv) {
          System.out.println("CSV files, importer log and report kept in " + work);
        } else {
          deleteTree(work);
        }
      }
    }

    /** Nodes of alloyflow data in an existing embedded store (the schema-version node not counted). */
    private static long nodesIn(Path home, String classpath) throws Exception {
      try (EmbeddedNeo4j n = EmbeddedNeo4j.start(home, classpath, 0, 180);
          ProvenanceGraph g = new ProvenanceGraph(new GraphConfig(n.boltUri(), "neo4j", n.password()));
          org.neo4j.driver.Session s = g.driver().session()) {
        return s.run("MATCH (x) WHERE NOT x:SchemaVersion RETURN count(x) AS c").single().get("c").asLong();
      }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
