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
