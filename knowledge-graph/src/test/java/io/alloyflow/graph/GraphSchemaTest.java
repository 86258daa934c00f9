package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema creation and migration on the real embedded Neo4j. */
class GraphSchemaTest {
  static ProvenanceGraph graph;

  @BeforeAll
  static void connect() throws Exception {
    graph = Neo4jTestServer.freshGraph();
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  @Test
  void migratesAVersionOneGraphAndBackfillsOldAnalyses() {
    Neo4jTestServer.wipe(graph);
    try (var s = graph.driver().session()) {
      // what the first writer left: no schema version node, no status, summaries only on steps
      s.run("MERGE (v:SchemaVersion {key: 'alloyflow'}) SET v.version = 1").consume();
      s.run("CREATE (an:Activity:Analysis {key: 'old'}), (a:Activity {key: 'old/fusion', step: 'fusion', "
          + "s_fraction_martensite: 0.3, startedAtEpochMs: 1})-[:PART_OF]->(an)").consume();
    }
    assertEquals(1, graph.schema().migrate());
    assertEquals(GraphSchema.VERSION, graph.schema().currentVersion());
    Map<String, Object> old = ProvenanceWriterTest.props(graph.queries().node("old"));
    assertEquals("COMPLETED", old.get("status"));
    assertEquals(0.3, (Double) old.get("m_fraction_martensite"), 1e-12);
    // idempotent: a second start changes nothing and reports the current version
    assertEquals(GraphSchema.VERSION, graph.schema().migrate());
    try (var s = graph.driver().session()) {
      long constraints = s.run("SHOW CONSTRAINTS YIELD name WHERE name ENDS WITH '_key' RETURN count(*) AS c")
          .single().get("c").asLong();
      assertEquals(5, constraints);
      assertTrue(s.run("SHOW INDEXES YIELD name WHERE name = 'analysis_status' RETURN count(*) AS c")
          .single().get("c").asLong() == 1);
    }
  }

  @Test
  void versionThreeMovesEnvironmentsToSharedNodesAndDropsRepeatedProperties() {
    Neo4jTestServer.wipe(graph);
    String env = "{\"alloyflow.version\":\"0.1.0\",\"java.version\":\"17.0.13\"}";
    String sha = "ab".repeat(32);
    try (var s = graph.driver().session()) {
      // what a version-2 writer left: the environment JSON and the agent's reference on each step,
      // the workflow id, the hash beside the key, the steps recorded on the analysis
      s.run("MERGE (v:SchemaVersion {key: 'alloyflow'}) SET v.version = 2").consume();
      s.run("CREATE (an:Activity:Analysis {key: 'w', status: 'COMPLETED', summarised: true, stepsRecorded: ['x', 'y']}), "
          + "(ag:Agent:Software {key: 'algo@1', name: 'algo', version: '1', reference: 'Ref 2020'}), "
          + "(x:Activity {key: 'w/x', step: 'x', workflowId: 'w', reference: 'Ref 2020', environment: $env})"
          + "-[:PART_OF]->(an), (x)-[:WAS_ASSOCIATED_WITH]->(ag), "
          + "(y:Activity {key: 'w/y', step: 'y', workflowId: 'w', reference: 'Ref 2020', environment: $env})"
          + "-[:PART_OF]->(an), (y)-[:WAS_ASSOCIATED_WITH]->(ag), "
          + "(e:Entity:Micrograph {key: 'sha256:' + $sha, sha256: $sha, mediaType: 'image/tiff'})-[:WAS_GENERATED_BY]->(x), "
          + "(m:Entity:Measurement {key: 'measurement:1', sha256: 'not derivable'}), "
          + "(y)-[:WAS_INFORMED_BY]->(x), (e)-[:WAS_DERIVED_FROM]->(m)",
          Map.of("env", env, "sha", sha)).consume();
    }
    assertEquals(2, graph.schema().migrate());
    assertEquals(3, graph.schema().currentVersion());
    try (var s = graph.driver().session()) {
      var envs = s.run("MATCH (v:Agent:Software:Environment) RETURN v.key AS key, v.environment AS env, "
          + "v.version AS version, COUNT { (:Activity)-[:WAS_ASSOCIATED_WITH]->(v) } AS steps").list();
      assertEquals(1, envs.size(), "one node for the one distinct environment");
      // the key the writer gives the same environment, so later writes link to this node
      assertEquals(ProvenanceWriter.environment(Map.of("java.version", "17.0.13", "alloyflow.version", "0.1.0"))
          .get("key"), envs.get(0).get("key").asString());
      assertEquals("0.1.0", envs.get(0).get("version").asString());
      assertEquals(2, envs.get(0).get("steps").asLong());
      assertEquals(0, s.run("MATCH (a:Activity) WHERE a.environment IS NOT NULL OR a.reference IS NOT NULL "
          + "OR a.workflowId IS NOT NULL OR a.stepsRecorded IS NOT NULL RETURN count(*) AS c").single().get("c").asLong());
      assertTrue(s.run("MATCH (e:Entity {key: 'sha256:' + $sha}) RETURN e.sha256 IS NULL AS gone", Map.of("sha", sha))
          .single().get("gone").asBoolean());
      assertEquals("not derivable", s.run("MATCH (m:Measurement) RETURN m.sha256 AS h").single().get("h").asString(),
          "a sha256 that is not the key's hash is kept");
      assertEquals(0, s.run("MATCH ()-[r:WAS_DERIVED_FROM|WAS_INFORMED_BY]->() RETURN count(r) AS c").single()
          .get("c").asLong(), "derivable relationships removed");
      assertEquals("Ref 2020", s.run("MATCH (ag:Agent {key: 'algo@1'}) RETURN ag.reference AS r").single().get("r").asString());
    }
    // the lineage of the micrograph still reaches the software versions
    var rows = graph.lineage("sha256:" + sha, false, 5);
    assertTrue(rows.stream().anyMatch(r -> "Environment".equals(r.get("kind"))
        && "17.0.13".equals(((Map<?, ?>) r.get("environment")).get("java.version"))), rows.toString());
    assertEquals(3, graph.schema().migrate());
    Neo4jTestServer.wipe(graph);
    graph.ensureSchema();
  }

  @Test
  void refusesAGraphFromANewerVersion() {
    Neo4jTestServer.wipe(graph);
    try (var s = graph.driver().session()) {
      s.run("MERGE (v:SchemaVersion {key: 'alloyflow'}) SET v.version = 99").consume();
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> graph.schema().migrate());
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    Neo4jTestServer.wipe(graph);
    graph.ensureSchema();
  }
}
