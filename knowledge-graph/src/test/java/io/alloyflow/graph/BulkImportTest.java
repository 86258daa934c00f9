package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline bulk route: CSV files from {@link BulkImportFiles}, the real {@code neo4j-admin
 * database import full} of the embedded server's libraries, then the server on the imported store.
 */
class BulkImportTest {
  final SyntheticProvenance gen = new SyntheticProvenance(null);

  @Test
  void aBulkImportGivesTheGraphTheLiveWriterWrites(@TempDir Path dir) throws Exception {
    List<AnalysisProvenance> batch = ProvenanceWriterTest.batch(gen);
    List<String> live;
    try (ProvenanceGraph graph = Neo4jTestServer.freshGraph()) {
      graph.recordAll(batch);
      live = ProvenanceWriterTest.dump(graph);
    }
    BulkImportFiles files = new BulkImportFiles(dir.resolve("csv"));
    try (files) {
      // two batches: artifacts, samples and entity-entity edges of the first come again in the second
      files.add(batch.subList(0, 7));
      files.add(batch.subList(7, 12));
    }
    Path root = Path.of(System.getProperty("alloyflow.repoRoot", ".."));
    Neo4jTestServer.importCsv(root, dir.resolve("home"), files.importArguments());
    Neo4jTestServer.Launched server = Neo4jTestServer.launch(root, dir.resolve("home"), 64, false);
    try (ProvenanceGraph imported = new ProvenanceGraph(new GraphConfig(server.uri(), "", ""))) {
      imported.ensureSchema();
      assertEquals(live, ProvenanceWriterTest.dump(imported), "bulk import and live writer give the same graph");
      assertEquals(files.nodes(), imported.totals().nodes());
      assertEquals(files.relationships(), imported.totals().edges());
      // the schema the live writer relies on is in place: writing the batch again changes nothing
      imported.recordAll(batch);
      assertEquals(live, ProvenanceWriterTest.dump(imported));
    } finally {
      server.stop();
    }
  }

  @Test
  void anAnalysisGivenTwiceIsRefused(@TempDir Path dir) throws Exception {
    List<AnalysisProvenance> batch = ProvenanceWriterTest.batch(gen);
    try (BulkImportFiles files = new BulkImportFiles(dir)) {
      files.add(batch.subList(0, 3));
      var e = assertThrows(IllegalArgumentException.class, () -> files.add(batch.subList(2, 4)));
      assertTrue(e.getMessage().contains("'b-2' is given twice"), e.getMessage());
    }
  }
}
