package io.alloyflow.graph;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The offline bulk route for backfills into an empty database: the nodes and relationships that
 * {@link ProvenanceWriter} would write for a set of analyses, as the CSV set that {@code
 * neo4j-admin database import full} reads (Neo4j Operations Manual 5, "Import"). The importer
 * writes the store files directly, without transactions, so it is one to two orders of magnitude
 * faster than any transactional writer; the database must be empty and stopped, and the schema
 * ({@link GraphSchema}) is created when the database first starts afterwards.
 *
 * <p>Same graph as the live writer (tested against it): the same rows ({@code
 * ProvenanceWriter.Rows}), node keys as import ids in three id spaces (Entity, Activity, Agent),
 * labels, typed properties, relationship roles. Idempotency is the importer's job here instead of
 * MERGE's: a node seen again is written once and must carry the same properties (content-addressed
 * artifacts, samples and agents do; a node whose properties differ between sightings is refused);
 * an analysis id given twice is refused; relationships between two entities are written once.
 *
 * <p>Use: {@link #add} batches, {@link #close()}, then run {@code neo4j-admin database import
 * full} with {@link #importArguments()} followed by the database name.
 */
public final class BulkImportFiles implements AutoCloseable {
  private static final String ENTITY = "Entity";
  private static final String ACTIVITY = "Activity";
  private static final String AGENT = "Agent";

  private final Path dir;
  /** Node key (with its id space) -> hash of its labels and properties, to check later sightings. */
  private final Map<String, Integer> nodes = new HashMap<>();
  private final Set<String> entityEdges = new HashSet<>();
  private final Map<String, Csv> files = new LinkedHashMap<>();
  private long relationships;
  private boolean multiline;

  /** @param dir an empty or new directory for the CSV files */
  public BulkImportFiles(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** Nodes written so far. */
  public long nodes() {
    return nodes.size();
  }

  /** Relationships written so far. */
  public long relationships() {
    return relationships;
  }

  /** Adds the nodes and relationships of a batch of analyses (each analysis id once in all batches). */
  public void add(List<AnalysisProvenance> analyses) {
    ProvenanceWriter.Rows rows = new ProvenanceWriter.Rows();
    analyses.forEach(rows::add);
    for (Map<String, Object> a : rows.analyses) {
      String key = (String) a.get("key");
      Map<String, Object> sample = new TreeMap<>(cast(a.get("sampleProps")));
      sample.put("id", a.get("sampleId"));
      node(ENTITY, (String) a.get("sampleKey"), List.of(ENTITY, "Sample"), sample);
      Map<String, Object> p = new TreeMap<>(cast(a.get("measures")));
      p.put("runId", a.get("runId"));
      p.put("workflowType", a.get("type"));
      p.put("startedAtEpochMs", a.get("start"));
      p.put("status", a.get("status"));
      p.put("failedStep", a.get("failedStep"));
      p.put("failureReason", a.get("failureReason"));
      p.put("summarised", true);
      if (nodes.containsKey(ACTIVITY + " " + key)) {
        throw new IllegalArgumentException("analysis '" + key + "' is given twice: a bulk import writes each "
            + "analysis once (write re-runs and per-step updates through the live writer)");
      }
      node(ACTIVITY, key, List.of(ACTIVITY, "Analysis"), p);
      relationship("ANALYSED", ACTIVITY, key, ENTITY, (String) a.get("sampleKey"), null);
    }
    for (Map<String, Object> ag : rows.agents.values()) {
      Map<String, Object> p = new TreeMap<>();
      p.put("name", ag.get("agentName"));
      p.put("version", ag.get("agentVersion"));
      p.put("reference", ag.get("reference"));
      node(AGENT, (String) ag.get("agentKey"), List.of(AGENT, "Software"), p);
    }
    for (Map<String, Object> v : rows.environments.values()) {
      Map<String, Object> p = new TreeMap<>(v);
      p.remove("key");
      node(AGENT, (String) v.get("key"), List.of(AGENT, "Software", "Environment"), p);
    }
    for (Map<String, Object> act : rows.activities) {
      String key = (String) act.get("key");
      if (nodes.containsKey(ACTIVITY + " " + key)) {
        throw new IllegalArgumentException("activity '" + key + "' is given twice: a bulk import writes each "
            + "analysis once");
      }
      node(ACTIVITY, key, List.of(ACTIVITY), cast(act.get("props")));
      relationship("PART_OF", ACTIVITY, key, ACTIVITY, (String) act.get("analysis"), null);
      relationship("WAS_ASSOCIATED_WITH", ACTIVITY, key, AGENT, (String) act.get("agentKey"), null);
      if (act.get("environmentKey") instanceof String env) {
        relationship("WAS_ASSOCIATED_WITH", ACTIVITY, key, AGENT, env, null);
      }
    }
    for (Map<String, Object> e : rows.entities.values()) {
      Map<String, Object> p = new TreeMap<>(cast(e.get("settings")));
      p.put("mediaType", e.get("mediaType"));
      p.put("sizeBytes", e.get("sizeBytes"));
      node(ENTITY, (String) e.get("key"), List.of(ENTITY, (String) e.get("label")), p);
    }
    for (Map<String, Object> u : rows.used) {
      relationship("USED", ACTIVITY, (String) u.get("a"), ENTITY, (String) u.get("e"), u.get("role"));
    }
    for (Map<String, Object> g : rows.generated) {
      relationship("WAS_GENERATED_BY", ENTITY, (String) g.get("e"), ACTIVITY, (String) g.get("a"), g.get("role"));
    }
    for (Map<String, Object> x : rows.sampleInputs) {
      entityEdge("OF_SAMPLE", (String) x.get("e"), (String) x.get("s"));
    }
  }

  /**
   * The arguments of {@code neo4j-admin database import full} for these files (the database name
   * follows them).
   */
  public List<String> importArguments() {
    List<String> args = new ArrayList<>();
    for (Csv f : files.values()) {
      args.add(f.type == null ? "--nodes=" + f.path : "--relationships=" + f.type + "=" + f.path);
    }
    args.add("--id-type=string");
    args.add("--array-delimiter=;");
    args.add("--multiline-fields=" + multiline);
    return args;
  }

  private void entityEdge(String type, String from, String to) {
    // two content-addressed entities: the same pair can come again with a re-analysis of the same files
    if (entityEdges.add(type + " " + from + " " + to)) {
      relationship(type, ENTITY, from, ENTITY, to, null);
    }
  }

  private void node(String space, String key, List<String> labels, Map<String, Object> props) {
    Map<String, Object> p = new TreeMap<>();
    props.forEach((k, v) -> {
      if (v != null) {
        p.put(k, v);
      }
    });
    int hash = Objects.hash(labels, p);
    Integer seen = nodes.putIfAbsent(space + " " + key, hash);
    if (seen != null) {
      if (seen != hash) {
        throw new IllegalArgumentException(space + " node '" + key + "' is given twice with different labels "
            + "or properties: a bulk import writes each node once (write such updates through the live writer)");
      }
      return;
    }
    StringBuilder header = new StringBuilder("key:ID(").append(space).append("),:LABEL");
    StringBuilder row = new StringBuilder(quote(key)).append(',').append(quote(String.join(";", labels)));
    p.forEach((k, v) -> {
      header.append(',').append(k).append(type(k, v));
      row.append(',').append(value(k, v));
    });
    file(header.toString(), null).write(row);
  }

  private void relationship(String type, String fromSpace, String from, String toSpace, String to, Object role) {
    String header = ":START_ID(" + fromSpace + "),:END_ID(" + toSpace + ")" + (role == null ? "" : ",role");
    StringBuilder row = new StringBuilder(quote(from)).append(',').append(quote(to));
    if (role != null) {
      row.append(',').append(quote(String.valueOf(role)));
    }
    file(header, type).write(row);
    relationships++;
  }

  private Csv file(String header, String type) {
    return files.computeIfAbsent((type == null ? "" : type) + "|" + header, k -> {
      Path path = dir.resolve((type == null ? "nodes-" : "rels-" + type + "-") + files.size() + ".csv");
      try {
        BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        w.write(header);
        w.write('\n');
        return new Csv(path, type, w);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static String type(String k, Object v) {
    if (v instanceof Long || v instanceof Integer) {
      return ":long";
    }
    if (v instanceof Double || v instanceof Float) {
      return ":double";
    }
    if (v instanceof Boolean) {
      return ":boolean";
    }
    if (v instanceof String) {
      return "";
    }
    if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      return ":string[]";
    }
    throw new IllegalArgumentException("property '" + k + "': a bulk import writes text, integer, floating-point, "
        + "boolean and text-list values, found " + v.getClass().getSimpleName());
  }

  private String value(String k, Object v) {
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (((String) o).contains(";")) {
          throw new IllegalArgumentException("property '" + k + "': list element '" + o + "' contains ';', the "
              + "array delimiter of the import files");
        }
      }
      return quote(String.join(";", l.stream().map(String::valueOf).toList()));
    }
    if (v instanceof Double d && !Double.isFinite(d)) {
      return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
    return String.valueOf(v);
  }

  private String quote(String s) {
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      multiline = true;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  @Override
  public void close() throws IOException {
    for (Csv f : files.values()) {
      f.out.close();
    }
  }

  private record Csv(Path path, String type, BufferedWriter out) {
    void write(CharSequence row) {
      try {
        out.append(row).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
