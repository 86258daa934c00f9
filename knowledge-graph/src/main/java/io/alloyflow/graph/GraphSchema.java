package io.alloyflow.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * Constraints and indexes of the provenance graph, created at start-up and migrated by a schema
 * version kept in the graph itself ({@code (:SchemaVersion {key: 'alloyflow'}).version}). Each
 * migration is idempotent ({@code IF NOT EXISTS}, MERGE), so two processes starting at once, or
 * a migration interrupted half-way, converge to the same schema.
 *
 * <ul>
 *   <li>1: uniqueness of {@code key} on Entity, Activity and Agent (the stable keys every write
 *       merges on: content hash, workflow id + step, algorithm name + version).
 *   <li>2: uniqueness on Analysis and Sample, lookup indexes for steps, analysis status and
 *       start time, agent names and measurement properties; analyses written before version 2
 *       get {@code status = 'COMPLETED'} and their step summaries copied onto the analysis node
 *       ({@code m_*}) for structure-property search.
 *   <li>3: fewer stored properties per node (the live writer's cost is the storage engine's work
 *       per property and relationship): each distinct software environment is one node ({@code
 *       :Agent:Software:Environment}, key {@code environment:<SHA-256 of its canonical JSON>},
 *       with name, version and the JSON) that activities are associated with, instead of the same
 *       JSON on every activity; activities no longer repeat their agent's literature {@code
 *       reference} nor their {@code workflowId} (the prefix of their key; the analysis they are
 *       PART_OF); artifacts no longer store {@code sha256} beside their key {@code sha256:<hash>};
 *       analyses drop {@code stepsRecorded} (their steps are the activities PART_OF them);
 *       WAS_DERIVED_FROM and WAS_INFORMED_BY are no longer stored (they follow from USED and
 *       WAS_GENERATED_BY; the PROV exports state them), a third of an analysis' relationships.
 *       The migration moves existing graphs over in batches of {@value #BATCH}.
 * </ul>
 */
public final class GraphSchema {
  /** The schema version this code writes and reads. */
  public static final int VERSION = 3;

  /** Nodes per transaction in the version-3 migration. */
  static final int BATCH = 10_000;

  private final Driver driver;

  GraphSchema(Driver driver) {
    this.driver = driver;
  }

  /** Version recorded in the graph (0 for an empty or pre-versioning graph). */
  public int currentVersion() {
    try (Session s = driver.session()) {
      List<Record> r = s.run("MATCH (v:SchemaVersion {key: 'alloyflow'}) RETURN v.version AS v").list();
      return r.isEmpty() ? 0 : r.get(0).get("v").asInt();
    }
  }

  /**
   * Brings the graph to {@link #VERSION}; returns the version found before. Fails when the
   * graph was written by a newer version of alloyflow.
   */
  public int migrate() {
    int found = currentVersion();
    if (found > VERSION) {
      throw new IllegalStateException(
          "the graph has schema version " + found + " but this alloyflow knows versions up to "
              + VERSION + ": upgrade alloyflow or point ALLOYFLOW_NEO4J_URI at another database");
    }
    try (Session s = driver.session()) {
      if (found < 1) {
        for (String label : List.of("Entity", "Activity", "Agent")) {
          s.run("CREATE CONSTRAINT " + label.toLowerCase() + "_key IF NOT EXISTS FOR (n:" + label
                  + ") REQUIRE n.key IS UNIQUE").consume();
        }
        setVersion(s, 1);
      }
      if (found < 2) {
        for (String label : List.of("Analysis", "Sample")) {
          s.run("CREATE CONSTRAINT " + label.toLowerCase() + "_key IF NOT EXISTS FOR (n:" + label
                  + ") REQUIRE n.key IS UNIQUE").consume();
        }
        s.run("CREATE INDEX activity_step IF NOT EXISTS FOR (n:Activity) ON (n.step)").consume();
        s.run("CREATE INDEX analysis_status IF NOT EXISTS FOR (n:Analysis) ON (n.status)").consume();
        s.run("CREATE INDEX analysis_started IF NOT EXISTS FOR (n:Analysis) ON (n.startedAtEpochMs)")
            .consume();
        s.run("CREATE INDEX sample_id IF NOT EXISTS FOR (n:Sample) ON (n.id)").consume();
        s.run("CREATE INDEX agent_name IF NOT EXISTS FOR (n:Agent) ON (n.name)").consume();
        s.run("CREATE INDEX measurement_property IF NOT EXISTS FOR (n:Measurement) ON (n.property)")
            .consume();
        s.run("CALL db.awaitIndexes(60)").consume();
        backfillAnalyses(s);
        setVersion(s, 2);
      }
      if (found < 3) {
        moveEnvironments(s);
        s.run("MATCH (a:Activity) WHERE a.reference IS NOT NULL OR a.workflowId IS NOT NULL "
            + "OR a.stepsRecorded IS NOT NULL "
            + "CALL { WITH a REMOVE a.reference, a.workflowId, a.stepsRecorded } IN TRANSACTIONS OF " + BATCH + " ROWS")
            .consume();
        s.run("MATCH (e:Entity) WHERE e.sha256 IS NOT NULL AND e.key = 'sha256:' + e.sha256 "
            + "CALL { WITH e REMOVE e.sha256 } IN TRANSACTIONS OF " + BATCH + " ROWS").consume();
        s.run("MATCH ()-[r:WAS_DERIVED_FROM|WAS_INFORMED_BY]->() "
            + "CALL { WITH r DELETE r } IN TRANSACTIONS OF " + BATCH + " ROWS").consume();
        setVersion(s, 3);
      }
    }
    return found;
  }

  /** Version-2 backfill: status and denormalised step summaries on analyses written before. */
  private static void backfillAnalyses(Session s) {
    s.run("MATCH (an:Analysis) WHERE an.status IS NULL SET an.status = 'COMPLETED'").consume();
    List<Record> rows = s.run(
        "MATCH (an:Analysis) WHERE an.summarised IS NULL "
            + "OPTIONAL MATCH (a:Activity)-[:PART_OF]->(an) "
            + "WITH an, a ORDER BY a.startedAtEpochMs "
            + "RETURN an.key AS key, collect(properties(a)) AS acts").list();
    List<Map<String, Object>> updates = new ArrayList<>();
    for (Record r : rows) {
      Map<String, Object> m = new HashMap<>();
      for (Object o : r.get("acts").asList()) {
        ((Map<?, ?>) o).forEach((k, v) -> {
          String key = String.valueOf(k);
          if (key.startsWith("s_") && v instanceof Number) {
            m.put("m_" + key.substring(2), v);
          }
        });
      }
      updates.add(Map.of("key", r.get("key").asString(), "m", m));
    }
    s.run("UNWIND $rows AS r MATCH (an:Analysis {key: r.key}) SET an += r.m, an.summarised = true",
        Map.of("rows", updates)).consume();
  }

  /**
   * Version-3 migration: every distinct {@code environment} JSON on activities becomes one
   * environment node (the key the writer gives it), linked from those activities, and the
   * property is removed.
   */
  private static void moveEnvironments(Session s) {
    List<String> found = s.run("MATCH (a:Activity) WHERE a.environment IS NOT NULL "
        + "RETURN DISTINCT a.environment AS env").list(r -> r.get("env").asString());
    for (String json : found) {
      Map<String, String> env = new java.util.TreeMap<>();
      try {
        JSON.readTree(json).fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        env.put("environment", json); // not JSON (written by hand?): kept as one entry
      }
      Map<String, Object> node = ProvenanceWriter.environment(env);
      if (node == null) { // "{}": nothing recorded
        s.run("MATCH (a:Activity) WHERE a.environment = $json "
            + "CALL { WITH a REMOVE a.environment } IN TRANSACTIONS OF " + BATCH + " ROWS", Map.of("json", json))
            .consume();
        continue;
      }
      s.run("MERGE (v:Agent {key: $r.key}) SET v:Software:Environment, v.name = $r.name, "
          + "v.version = $r.version, v.environment = $r.environment", Map.of("r", node)).consume();
      s.run("MATCH (v:Agent {key: $key}) MATCH (a:Activity) WHERE a.environment = $json "
          + "CALL { WITH a, v MERGE (a)-[:WAS_ASSOCIATED_WITH]->(v) REMOVE a.environment } "
          + "IN TRANSACTIONS OF " + BATCH + " ROWS", Map.of("key", node.get("key"), "json", json)).consume();
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static void setVersion(Session s, int v) {
    s.run("MERGE (v:SchemaVersion {key: 'alloyflow'}) SET v.version = $v", Map.of("v", v)).consume();
  }
}
