package io.alloyflow.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphConfig;
import io.alloyflow.graph.ProvenanceGraph;
import io.alloyflow.graph.ProvenanceRecords;
import io.alloyflow.workflows.embedded.EmbeddedNeo4j;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alloyflow graph import}: recorded provenance into an empty embedded graph through {@code
 * neo4j-admin database import full}. Bad input and a non-empty graph are refused with one line
 * (default run); the real import, followed by a lineage query on the imported graph, runs with
 * {@code -Dalloyflow.slow=true} (an importer JVM and two server starts).
 */
class GraphImportCliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    StringWriter err = new StringWriter();
    int code;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      code = AlloyflowCli.execute(new PrintWriter(err, true), args);
    } finally {
      System.setOut(old);
    }
    return new Run(code, buf.toString(StandardCharsets.UTF_8), err.toString().trim());
  }

  static void assertOneLine(Run r, String mustContain) {
    assertEquals(2, r.code(), r.err());
    assertFalse(r.err().contains("\n"), "one line, no stack trace: " + r.err());
    assertFalse(r.err().contains("Exception"), "no exception names: " + r.err());
    assertTrue(r.err().contains(mustContain), r.err());
  }

  static ArtifactRef ref(String content, String media) throws Exception {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return new ArtifactRef(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)), media, b.length);
  }

  /** Small analyses as the workflows record them: an ingest and a prediction step each. */
  static List<AnalysisProvenance> analyses(int n) throws Exception {
    List<AnalysisProvenance> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String wf = "imp-" + i;
      ArtifactRef file = ref("TIFF " + i, "image/tiff");
      ArtifactRef micro = ref("micrograph " + i, "application/vnd.apache.arrow.file");
      ArtifactRef pred = ref("prediction " + i, "application/json");
      ActivityRecord ingest = ActivityRecord.builder("ingest-micrograph", "ingest",
              new AlgorithmInfo("micrograph-decode", "1", "TIFF 6.0", Map.of("instrument.beamEnergyKeV", "15.0")))
          .used(List.of(new ArtifactUse("file", "MicrographFile", file)))
          .generated(List.of(new ArtifactUse("micrograph", "Micrograph", micro)))
          .timing(1_700_000_000_000L + i, 5).execution(wf, "run-" + i, 1).build();
      ActivityRecord predict = ActivityRecord.builder("prediction", "prediction",
              new AlgorithmInfo("rule-of-mixtures-hardness", "2", "Tabor 1951", Map.of()))
          .used(List.of(new ArtifactUse("micrograph", "Micrograph", micro)))
          .generated(List.of(new ArtifactUse("prediction", "Prediction", pred)))
          .summary(Map.of("hardnessHv", 250.0 + i)).timing(1_700_000_000_100L + i, 7).execution(wf, "run-" + i, 1)
          .build();
      list.add(new AnalysisProvenance(wf, "run-" + i, "AnalysisWorkflow", "S-" + i, Map.of("alloySystem", "dp-steel"),
          1_700_000_000_000L + i, List.of(ingest, predict)));
    }
    return list;
  }

  @Test
  void badRecordsAreRefusedBeforeAnythingStarts() throws Exception {
    Path data = tmp.resolve("data");
    assertOneLine(cli("graph", "import", tmp.resolve("nope").toString(), "--data-dir", data.toString()),
        "no provenance records at");
    Path dir = Files.createDirectories(tmp.resolve("records"));
    Files.writeString(dir.resolve("a.jsonl"), "{\"analysisId\": \"x\", \"sampleId\": \"s\", \"status\": \"LOST\"}\n");
    assertOneLine(cli("graph", "import", dir.toString(), "--data-dir", data.toString()), "a.jsonl line 1 (analysis x)");
    assertFalse(Files.exists(data.resolve("neo4j")), "nothing written for refused input");
  }

  @Test
  void aGraphThatHoldsDataIsRefused() throws Exception {
    Path data = tmp.resolve("data");
    Path home = data.resolve("neo4j");
    String cp = EmbeddedNeo4j.locateClasspath(Path.of(System.getProperty("alloyflow.repoRoot", "")));
    try (EmbeddedNeo4j n = EmbeddedNeo4j.start(home, cp, 0, 180);
        ProvenanceGraph g = new ProvenanceGraph(new GraphConfig(n.boltUri(), "neo4j", n.password()))) {
      g.ensureSchema();
      g.record(analyses(1).get(0));
    }
    Path dir = Files.createDirectories(tmp.resolve("records"));
    ProvenanceRecords.append(dir.resolve("r.jsonl"), analyses(2));
    Run r = cli("graph", "import", dir.toString(), "--data-dir", data.toString());
    assertOneLine(r, "already holds");
    assertTrue(r.err().contains("loads only an empty database"), r.err());
  }

  @Test
  @EnabledIfSystemProperty(named = "alloyflow.slow", matches = "true")
  void recordsImportIntoAnEmptyGraphThatAnswersLineage() throws Exception {
    Path data = tmp.resolve("data");
    Path dir = Files.createDirectories(tmp.resolve("records"));
    List<AnalysisProvenance> all = analyses(3);
    ProvenanceRecords.append(dir.resolve("r.jsonl"), all);
    Run r = cli("graph", "import", dir.toString(), "--data-dir", data.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    // per analysis: analysis, 2 steps, 3 artifacts, sample; shared: 2 algorithm agents, 1 environment
    assertTrue(r.out().contains("imported 3 analyses: 24 nodes"), r.out());
    assertTrue(r.out().contains("schema version 3 created"), r.out());
    String pred = "sha256:" + all.get(1).activities().get(1).generated().get(0).ref().sha256();
    Run lineage = cli("graph", "lineage", pred, "--data-dir", data.toString());
    assertEquals(0, lineage.code(), lineage.err());
    assertTrue(lineage.out().contains("MicrographFile") && lineage.out().contains("rule-of-mixtures-hardness@2")
        && lineage.out().contains("environment: {") && lineage.out().contains("beamEnergyKeV=15.0"), lineage.out());
    // a second import into the now non-empty graph is refused
    assertOneLine(cli("graph", "import", dir.toString(), "--data-dir", data.toString()), "already holds 24 nodes");
  }
}
