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
 * </ul>
 */
public final class GraphSchema {
  /** The schema version this code writes and reads. */
  public static final int VERSION = 2;

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

  private static void setVersion(Session s, int v) {
    s.run("MERGE (v:SchemaVersion {key: 'alloyflow'}) SET v.version = $v", Map.of("v", v)).consume();
  }
}
