package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.provenance.ActivityRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Value;

/** Idempotent writes on the real embedded Neo4j: re-runs, retries, per-step writes, failures. */
class ProvenanceWriterTest {
  static ProvenanceGraph graph;
  final SyntheticProvenance gen = new SyntheticProvenance(null);

  @BeforeAll
  static void connect() throws Exception {
    graph = Neo4jTestServer.freshGraph();
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  @BeforeEach
  void wipe() {
    Neo4jTestServer.wipe(graph);
    graph.ensureSchema();
  }

  SyntheticProvenance.Spec spec(String id, long seed) {
    return new SyntheticProvenance.Spec(id, "S-" + seed, seed, "1", "cal-A", 0.3, 1);
  }

  long entities() {
    return graph.countLabel("Entity");
  }

  @Test
  void recordingTheSameAnalysisTwiceChangesNothing() {
    AnalysisProvenance p = gen.analysis(spec("an-1", 1));
    GraphCounts first = graph.record(p);
    GraphCounts totals = graph.totals();
    GraphCounts second = graph.record(p);
    assertEquals(first, second);
    assertEquals(totals, graph.totals());
    // 6 steps + the analysis; 12 distinct artifacts (the phase-library rule set included) + the
    // sample; 6 algorithm agents + the one software environment all steps ran in
    assertEquals(7, graph.countLabel("Activity"));
    assertEquals(13, entities());
    assertEquals(7, graph.countLabel("Agent"));
    assertEquals(1, graph.countLabel("Environment"));
  }

  @Test
  void reAnalysingTheSameFilesAddsActivitiesButNoArtifact() {
    graph.record(gen.analysis(spec("an-1", 1)));
    long artifacts = entities();
    long agents = graph.countLabel("Agent");
    graph.record(gen.analysis(spec("an-2", 1)));
    assertEquals(artifacts, entities(), "same files, same algorithms: every artifact node is shared");
    assertEquals(agents, graph.countLabel("Agent"));
    assertEquals(2, graph.countLabel("Analysis"));
    assertEquals(14, graph.countLabel("Activity"));
    // the shared micrograph was used by both analyses' segmentation steps
    Map<String, Object> impact = graph.impact(gen.ref("arrow micrograph 1", "application/vnd.apache.arrow.file").uri(), 10, 100);
    assertEquals(List.of("an-1", "an-2"), ((List<?>) impact.get("analyses")).stream().sorted().toList());
  }

  @Test
  void aFailedThenRetriedActivityLeavesOneNodeWithTheLastAttempt() {
    SyntheticProvenance.Spec s = spec("an-r", 2);
    List<ActivityRecord> all = gen.activities(s);
    // per-step write after segmentation attempt 1 (say it wrote, then the worker died)
    graph.record(new AnalysisProvenance("an-r", "run-1", "AnalysisWorkflow", "S-2", Map.of(), 0,
        all.subList(0, 3), "RUNNING", "", ""));
    long afterFirst = entities();
    // the retry: attempt 2 of segmentation with the same outputs, then the rest of the analysis
    List<ActivityRecord> retried = gen.activities(new SyntheticProvenance.Spec("an-r", "S-2", 2, "1", "cal-A", 0.3, 2));
    graph.record(new AnalysisProvenance("an-r", "run-1", "AnalysisWorkflow", "S-2", Map.of(), 0,
        retried.subList(0, 3), "RUNNING", "", ""));
    assertEquals(afterFirst, entities(), "the retried step produced the same artifacts: no new node");
    Map<String, Object> seg = graph.queries().node("an-r/segmentation");
    assertEquals(2L, props(seg).get("attempt"));
    graph.record(new AnalysisProvenance("an-r", "run-1", "AnalysisWorkflow", "S-2", Map.of(), 0,
        retried, "COMPLETED", "", ""));
    assertEquals(1, graph.countLabel("Analysis"));
    assertEquals(7, graph.countLabel("Activity"));
    assertEquals(13, entities());
  }

  @Test
  void perStepWritesEndInTheSameGraphAsOneFinalWrite() {
    SyntheticProvenance.Spec s = spec("an-p", 3);
    List<ActivityRecord> all = gen.activities(s);
    for (int i = 1; i <= all.size(); i++) {
      graph.record(gen.analysis(s).withStatus("RUNNING", "", "").withActivities(all.subList(0, i)));
      assertEquals("RUNNING", props(graph.queries().node("an-p")).get("status"));
    }
    GraphCounts stepwise = graph.record(gen.analysis(s));
    GraphCounts stepTotals = graph.totals();
    Neo4jTestServer.wipe(graph);
    graph.ensureSchema();
    GraphCounts once = graph.record(gen.analysis(s));
    assertEquals(once, stepwise);
    assertEquals(graph.totals(), stepTotals);
    assertEquals("COMPLETED", props(graph.queries().node("an-p")).get("status"));
  }

  @Test
  void aFailedAnalysisIsInTheGraphWithItsStepAndReason() {
    SyntheticProvenance.Spec s = spec("an-f", 4);
    List<ActivityRecord> done = new ArrayList<>(gen.activities(s).subList(0, 3));
    graph.record(new AnalysisProvenance("an-f", "run-f", "AnalysisWorkflow", "S-4", Map.of(), 5, done,
        "FAILED", "fusion", "fusion: phase map and micrograph differ in size (512x512 vs 256x256)"));
    Map<String, Object> p = props(graph.queries().node("an-f"));
    assertEquals("FAILED", p.get("status"));
    assertEquals("fusion", p.get("failedStep"));
    assertTrue(((String) p.get("failureReason")).contains("differ in size"));
    List<Map<String, Object>> listed = graph.analysesOfSample("S-4");
    assertEquals(1, listed.size());
    assertEquals("FAILED", listed.get(0).get("status"));
    // what it did before failing is still traceable
    assertEquals(4, graph.countLabel("Activity"));
    assertThrows(IllegalArgumentException.class, () -> new AnalysisProvenance("x", "", "", "S", Map.of(), 0,
        List.of(), "FAILED", "fusion", ""), "a failure without a reason is refused");
    // a late per-step write (e.g. a retried activity finishing after the failure) does not revive it
    graph.record(new AnalysisProvenance("an-f", "run-f", "AnalysisWorkflow", "S-4", Map.of(), 5, done,
        "RUNNING", "", ""));
    assertEquals("FAILED", props(graph.queries().node("an-f")).get("status"));
  }

  @Test
  void measurementsAreIdempotentAndLinkedToSampleAndAnalysis() {
    graph.record(gen.analysis(spec("an-m", 5)));
    Measurement m = new Measurement("", "S-5", "hardnessHv", "HV", 301, 8, "ISO 6507-1 HV10", "alice", 1_700_000_100_000L, "an-m");
    graph.recordMeasurement(m);
    graph.recordMeasurement(m);
    assertEquals(1, graph.countLabel("Measurement"));
    List<Map<String, Object>> rows = graph.queries().predictionVsMeasurement("S-5");
    assertEquals(1, rows.size());
    assertEquals(301.0, (Double) rows.get(0).get("measured"), 1e-12);
    assertEquals(180 + 400 * 0.3, (Double) rows.get(0).get("predicted"), 1e-9);
    assertEquals(25.0, (Double) rows.get(0).get("predictedSigma"), 1e-12);
    assertEquals(301 - (180 + 400 * 0.3), (Double) rows.get(0).get("residual"), 1e-9);
    assertEquals("rule-of-mixtures-hardness@1", rows.get(0).get("model"));
    assertThrows(IllegalArgumentException.class,
        () -> new Measurement("", "S-5", "hardness HV", "HV", 1, 0, "", "", 0, ""));
    assertThrows(IllegalArgumentException.class,
        () -> new Measurement("", "S-5", "hardnessHv", "HV", 1, -1, "", "", 0, ""));
  }

  /** Twelve analyses of four samples; data seeds repeat, so some artifacts are shared in the batch. */
  List<AnalysisProvenance> batch() {
    return batch(gen);
  }

  static List<AnalysisProvenance> batch(SyntheticProvenance gen) {
    List<AnalysisProvenance> b = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      b.add(gen.analysis(new SyntheticProvenance.Spec("b-" + i, "S-" + i / 3, i % 5, Integer.toString(i % 2),
          "cal-" + i % 3, 0.1 + 0.05 * i, 1)));
    }
    return b;
  }

  /** Every node (key, labels, properties) and relationship (ends, type, properties), sorted. */
  static List<String> dump() {
    return dump(graph);
  }

  /** {@link #dump()} of another graph. */
  static List<String> dump(ProvenanceGraph graph) {
    try (var s = graph.driver().session()) {
      List<String> out = new ArrayList<>(s.run(
          "MATCH (n) WHERE NOT n:SchemaVersion RETURN n.key AS k, labels(n) AS l, properties(n) AS p")
          .list(r -> r.get("k").asString("") + " " + new java.util.TreeSet<>(r.get("l").asList(Value::asString))
              + " " + new java.util.TreeMap<>(r.get("p").asMap())));
      out.addAll(s.run("MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS t, properties(r) AS p, b.key AS b")
          .list(r -> r.get("a").asString("") + " -" + r.get("t").asString()
              + new java.util.TreeMap<>(r.get("p").asMap()) + "-> " + r.get("b").asString("")));
      java.util.Collections.sort(out);
      return out;
    }
  }

  void rewipe() {
    Neo4jTestServer.wipe(graph);
    graph.ensureSchema();
  }

  /** Writes through plain Cypher (create path for new analyses, merge path otherwise). */
  void recordAllWithCypher(List<AnalysisProvenance> batch) {
    graph.writer().cypherOnly(true);
    try {
      graph.recordAll(batch);
    } finally {
      graph.writer().cypherOnly(false);
    }
  }

  @Test
  void theProcedureAndTheCypherCreatePathWriteWhatMergingEachWouldWrite() {
    try (var s = graph.driver().session()) {
      assertTrue(graph.writer().procedureAvailable(s), "the embedded server registers " + ProvenanceWriter.PROCEDURE);
    }
    List<AnalysisProvenance> batch = batch();
    graph.recordAll(batch); // all new, through the server procedure
    List<String> viaProcedure = dump();
    assertEquals(12, graph.countLabel("Analysis"));
    rewipe();
    recordAllWithCypher(batch); // all new: the Cypher create path
    assertEquals(viaProcedure, dump(), "procedure and Cypher create path give the same graph");
    rewipe();
    for (AnalysisProvenance p : batch) {
      try (var s = graph.driver().session()) {
        s.executeWrite(tx -> {
          ProvenanceWriter.mergeAll(tx, List.of(p));
          return null;
        });
      }
    }
    assertEquals(viaProcedure, dump(), "procedure and one Cypher merge per analysis give the same graph");
    // written again, through the procedure and through the Cypher merge path: nothing changes
    graph.recordAll(batch);
    assertEquals(viaProcedure, dump());
    recordAllWithCypher(batch);
    assertEquals(viaProcedure, dump());
  }

  @Test
  void theProcedureRefusesABatchOfAnotherFormat() {
    try (var s = graph.driver().session()) {
      var e = assertThrows(org.neo4j.driver.exceptions.ClientException.class, () -> s.executeWrite(tx ->
          tx.run("CALL " + ProvenanceWriter.PROCEDURE + "($b)", Map.of("b", Map.of("format", 99))).consume()));
      assertTrue(e.getMessage().contains("reads batch format 2, found 99"), e.getMessage());
    }
  }

  @Test
  void aBatchWithARepeatedOrStartedAnalysisDuplicatesNothing() {
    SyntheticProvenance.Spec s = spec("an-x", 7);
    List<ActivityRecord> all = gen.activities(s);
    // the ledger or a per-step write got there first with the first two steps
    graph.record(gen.analysis(s).withStatus("RUNNING", "", "").withActivities(all.subList(0, 2)));
    AnalysisProvenance other = gen.analysis(spec("an-y", 8));
    graph.recordAll(List.of(gen.analysis(s), other, other));
    List<String> mixed = dump();
    assertEquals(14, graph.countLabel("Activity"));
    rewipe();
    graph.record(gen.analysis(s));
    graph.record(other);
    assertEquals(mixed, dump());
    // the same batch through plain Cypher (merge path for the started analysis, create for the rest)
    rewipe();
    graph.record(gen.analysis(s).withStatus("RUNNING", "", "").withActivities(all.subList(0, 2)));
    recordAllWithCypher(List.of(gen.analysis(s), other, other));
    assertEquals(mixed, dump());
  }

  @Test
  void twoWritersOfTheSameNewBatchAtOnceLeaveOneNodePerKey() throws Exception {
    List<AnalysisProvenance> batch = batch();
    graph.recordAll(batch);
    List<String> once = dump();
    Neo4jTestServer.wipe(graph);
    graph.ensureSchema();
    // both find every key absent and create; the second to commit hits the uniqueness constraint
    // and writes its batch again through the merge path
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        done.add(pool.submit(() -> {
          start.await();
          graph.recordAll(batch);
          return null;
        }));
      }
      for (var f : done) {
        f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(once, dump());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> props(Map<String, Object> node) {
    return (Map<String, Object>) node.get("properties");
  }
}
