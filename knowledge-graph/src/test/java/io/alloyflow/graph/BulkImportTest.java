package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline bulk route: CSV files from {@link BulkImportFiles}, the real {@code neo4j-admin
 * database import full} of the embedded server's libraries, then the server on the imported store.
 */
class BulkImportTest {
  final SyntheticProvenance gen = new SyntheticProvenance(null);

  /** Slow (an importer JVM and a second server: ~30 s on a quiet 2-core machine): {@code -Dalloyflow.slow=true}. */
  @Test
  @EnabledIfSystemProperty(named = "alloyflow.slow", matches = "true")
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
  void theFilesTypeEveryPropertyAndQuoteEveryText(@TempDir Path dir) throws Exception {
    BulkImportFiles files = new BulkImportFiles(dir);
    try (files) {
      files.add(ProvenanceWriterTest.batch(gen).subList(0, 1));
    }
    // 7 activities (6 steps + the analysis), 12 artifacts + the sample, 6 agents, 1 environment
    assertEquals(27, files.nodes());
    List<String> args = files.importArguments();
    assertTrue(args.containsAll(List.of("--id-type=string", "--array-delimiter=;", "--multiline-fields=false")), args.toString());
    String all = String.join("\n", args.stream().filter(a -> a.startsWith("--nodes=") || a.startsWith("--relationships="))
        .map(a -> Path.of(a.substring(a.lastIndexOf('=') + 1))).map(f -> {
          try {
            return java.nio.file.Files.readString(f);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).toList());
    assertTrue(all.contains("key:ID(Activity),:LABEL,failedStep,failureReason,m_fraction_class0:double"), all);
    assertTrue(all.contains("startedAtEpochMs:long,status,summarised:boolean"), all);
    // the software environment once, as an agent node (schema 3), not as JSON on every activity
    assertTrue(all.contains("key:ID(Agent),:LABEL,environment,name,version"), all);
    assertTrue(all.contains(";Environment\""), all);
    assertTrue(all.contains("\"{\"\"calibration\"\":\"\"cal-0\"\"}\""), "JSON text quoted, its quotes doubled");
    assertTrue(all.contains(":START_ID(Activity),:END_ID(Entity),role"), all);
    long relationshipRows = 0;
    for (String a : args) {
      if (a.startsWith("--relationships=")) {
        relationshipRows += java.nio.file.Files.readAllLines(Path.of(a.substring(a.lastIndexOf('=') + 1))).size() - 1;
      }
    }
    assertEquals(files.relationships(), relationshipRows);
    // 38 per analysis of this shape: 56 before schema 3 dropped the derivable WAS_DERIVED_FROM (13)
    // and WAS_INFORMED_BY (5); 6 of the 38 link the steps to their software environment
    assertEquals(38, relationshipRows);
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
