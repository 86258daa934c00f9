package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lineage, impact, structure-property search and model comparisons on a small graph of five
 * analyses: samples S-1..S-4; S-1 analysed twice (model versions 1 and 2); calibrations A and B.
 */
class ProvenanceQueriesTest {
  static ProvenanceGraph graph;
  static final SyntheticProvenance GEN = new SyntheticProvenance(null);

  @BeforeAll
  static void build() throws Exception {
    graph = Neo4jTestServer.freshGraph();
    graph.recordAll(List.of(
        GEN.analysis(new SyntheticProvenance.Spec("a1", "S-1", 1, "1", "A", 0.10, 1)),
        GEN.analysis(new SyntheticProvenance.Spec("a2", "S-2", 2, "1", "A", 0.25, 1)),
        GEN.analysis(new SyntheticProvenance.Spec("a3", "S-3", 3, "2", "B", 0.40, 1)),
        GEN.analysis(new SyntheticProvenance.Spec("a4", "S-4", 4, "2", "B", 0.55, 1)),
        GEN.analysis(new SyntheticProvenance.Spec("a5", "S-1", 1, "2", "A", 0.10, 1))));
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  static String predictionOf(String analysis) {
    List<Map<String, Object>> rows = graph.search(List.of(), analysis, 10);
    return (String) ((List<?>) rows.stream().filter(r -> r.get("analysis").equals(analysis))
        .findFirst().orElseThrow().get("predictions")).get(0);
  }

  @Test
  void upstreamLineageReachesRawFilesSettingsSoftwareAndSample() {
    List<Map<String, Object>> rows = graph.lineage(predictionOf("a2"), false, 10);
    Set<String> kinds = rows.stream().map(r -> (String) r.get("kind")).collect(Collectors.toSet());
    assertTrue(kinds.containsAll(Set.of("FeatureSet", "PhaseMap", "Micrograph", "MicrographFile", "Model",
        "Sample", "Software", "Activity")), kinds.toString());
    // nearest first: the prediction step at depth 1, its model version at depth 2
    assertEquals("a2/prediction", rows.get(0).get("key"));
    assertEquals(1L, rows.get(0).get("depth"));
    Map<String, Object> agent = rows.stream().filter(r -> "rule-of-mixtures-hardness@1".equals(r.get("key")))
        .findFirst().orElseThrow();
    assertEquals(2L, agent.get("depth"));
    assertEquals("1", agent.get("version"));
    Map<String, Object> file = rows.stream().filter(r -> "MicrographFile".equals(r.get("kind"))).findFirst().orElseThrow();
    assertEquals(6L, file.get("depth")); // prediction, features, fusion, micrograph, ingest, file
    // instrument settings and software versions sit on the ingest and step activities
    Map<String, Object> ingest = ProvenanceWriterTest.props(graph.queries().node("a2/ingest-micrograph"));
    assertTrue(((String) ingest.get("parameters")).contains("pixelSizeM"));
    // the software environment: one node per distinct environment, reached through the activity
    Map<String, Object> env = rows.stream().filter(r -> "Environment".equals(r.get("kind"))).findFirst().orElseThrow();
    assertEquals(2L, env.get("depth"));
    assertTrue(((Map<?, ?>) env.get("environment")).containsKey("java.version"), env.toString());
    assertTrue(((String) env.get("key")).startsWith(ProvenanceWriter.ENVIRONMENT_PREFIX), env.toString());
    assertEquals(null, ingest.get("environment"), "schema 3 keeps the environment off the activities");
    // a shallower query stops earlier; an unknown key has no lineage
    assertTrue(graph.lineage(predictionOf("a2"), false, 2).stream().allMatch(r -> (Long) r.get("depth") <= 2));
    assertEquals(List.of(), graph.lineage("sha256:" + "9".repeat(64), false, 10));
    assertThrows(IllegalArgumentException.class, () -> graph.lineage("x", false, 0));
  }

  @Test
  void impactOfAModelVersionListsExactlyThePredictionsItMade() {
    Map<String, Object> v1 = graph.impact("rule-of-mixtures-hardness@1", 10, 100);
    assertEquals(Set.of("a1", "a2"), Set.copyOf((List<?>) v1.get("analyses")));
    List<?> preds = (List<?>) v1.get("predictions");
    assertEquals(2, preds.size());
    Map<String, Object> v2 = graph.impact("rule-of-mixtures-hardness@2", 10, 100);
    assertEquals(Set.of("a3", "a4", "a5"), Set.copyOf((List<?>) v2.get("analyses")));
    assertEquals(3L, ((Map<?, ?>) v2.get("counts")).get("Prediction"));
  }

  @Test
  void lineageShowsTheMicroscopeSettingsReadAtIngest() {
    List<Map<String, Object>> rows = graph.lineage(predictionOf("a3"), false, 10);
    for (String kind : List.of("Micrograph", "MicrographFile")) {
      Map<String, Object> row = rows.stream().filter(r -> kind.equals(r.get("kind"))).findFirst().orElseThrow();
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = (Map<String, Object>) row.get("settings");
      assertNotNull(settings, kind + " row carries the settings: " + row);
      assertEquals(15.0, settings.get("beamEnergyKeV"));
      assertEquals(0.0041, settings.get("workingDistanceM"));
      assertEquals(1.0e-5, settings.get("dwellTimeS"));
      assertEquals("TLD SE", settings.get("detector"));
      assertEquals("fei", settings.get("settingsSource"));
    }
    // nodes without settings carry none
    assertTrue(rows.stream().filter(r -> "FeatureSet".equals(r.get("kind"))).allMatch(r -> r.get("settings") == null));
  }

  @Test
  void impactOfARuleSetListsEveryAnalysisAndPredictionThatUsedIt() {
    Map<String, Object> rules = graph.impact(GEN.phaseLibraryKey(), 10, 100);
    assertEquals(Set.of("a1", "a2", "a3", "a4", "a5"), Set.copyOf((List<?>) rules.get("analyses")));
    assertEquals(5, ((List<?>) rules.get("predictions")).size());
    // a1 and a5 analysed the same files of S-1 to the same features: one FeatureSet node
    assertEquals(4L, ((Map<?, ?>) rules.get("counts")).get("FeatureSet"));
    // the rule set node itself: a RuleSet entity, not linked to any one sample
    Map<String, Object> node = graph.queries().node(GEN.phaseLibraryKey());
    assertTrue(((List<?>) node.get("labels")).contains("RuleSet"), node.toString());
    // a limit bounds the lists, not the counts
    Map<String, Object> two = graph.impact(GEN.phaseLibraryKey(), 10, 2);
    assertEquals(2, ((List<?>) two.get("predictions")).size());
    assertEquals(2, ((List<?>) two.get("analyses")).size());
    assertEquals(rules.get("counts"), two.get("counts"));
  }

  @Test
  void impactOfACalibrationStopsAtWhatUsedIt() {
    Map<String, Object> a = graph.impact(GEN.calibrationKey("A"), 10, 100);
    assertEquals(Set.of("a1", "a2", "a5"), Set.copyOf((List<?>) a.get("analyses")));
    // calibrated spectra are not used by fusion, so no prediction depends on a calibration here
    assertEquals(List.of(), a.get("predictions"));
    assertEquals(3L, ((Map<?, ?>) a.get("counts")).get("Activity"));
    // S-1's spectrum is shared by a1 and a5: one calibrated spectrum per calibration and data
    assertEquals(2L, ((Map<?, ?>) a.get("counts")).get("Spectrum"));
  }

  @Test
  void downstreamLineageOfAMicrographCoversItsAnalyses() {
    String micro = GEN.ref("arrow micrograph 1", "application/vnd.apache.arrow.file").uri();
    List<Map<String, Object>> down = graph.lineage(micro, true, 10);
    Set<String> keys = down.stream().map(r -> (String) r.get("key")).collect(Collectors.toSet());
    assertTrue(keys.containsAll(Set.of("a1/segmentation", "a5/segmentation", "a1/prediction", "a5/prediction")), keys.toString());
    assertTrue(keys.stream().noneMatch(k -> k.startsWith("a2/")), "another sample's analysis is not downstream");
  }

  @Test
  void sharedModelsAndCalibrationsDoNotLinkSamplesToEachOther() {
    // upstream of one prediction: its own sample only, although the segmentation model is shared
    Set<String> samples = graph.lineage(predictionOf("a3"), false, 30).stream()
        .filter(r -> "Sample".equals(r.get("kind"))).map(r -> (String) r.get("key")).collect(Collectors.toSet());
    assertEquals(Set.of("sample:S-3"), samples);
    Set<String> down = graph.lineage("sample:S-3", true, 30).stream().map(r -> (String) r.get("key"))
        .filter(k -> k.contains("/")).collect(Collectors.toSet());
    assertTrue(down.stream().allMatch(k -> k.startsWith("a3/")), down.toString());
  }

  @Test
  void structurePropertySearchFiltersOnPhaseFractionsAndPredictions() {
    List<Map<String, Object>> hits = graph.search(
        List.of(Condition.parse("martensite>=0.2"), Condition.parse("martensite<0.5"), Condition.parse("hardnessHv>250")),
        "", 100);
    assertEquals(Set.of("a2", "a3"), hits.stream().map(r -> r.get("analysis")).collect(Collectors.toSet()));
    Map<String, Object> a3 = hits.stream().filter(r -> r.get("analysis").equals("a3")).findFirst().orElseThrow();
    assertEquals(0.40, (Double) ((Map<?, ?>) a3.get("values")).get("fraction_martensite"), 1e-12);
    assertEquals(1, ((List<?>) a3.get("predictions")).size());
    assertEquals(List.of(), graph.search(List.of(Condition.parse("nosuchphase>0")), "", 10));
    assertEquals(2, graph.search(List.of(), "S-1", 10).size());
  }

  @Test
  void predictionsAcrossModelVersionsPairTheSameSample() {
    List<Map<String, Object>> rows = graph.queries().predictionsAcrossModels("S-1", 100);
    assertEquals(List.of("rule-of-mixtures-hardness@1", "rule-of-mixtures-hardness@2"),
        rows.stream().map(r -> r.get("model")).toList());
    assertEquals(5, graph.queries().predictionsAcrossModels(null, 100).size());
  }

  @Test
  void samplesAndSubgraphsForTheBrowser() {
    List<Map<String, Object>> samples = graph.queries().samples("s-1", 10);
    assertEquals(1, samples.size());
    assertEquals(2L, samples.get(0).get("analyses"));
    Map<String, Object> g = graph.queries().subgraph(predictionOf("a3"), false, 10, 500);
    assertNotNull(g);
    List<?> nodes = (List<?>) g.get("nodes");
    List<?> edges = (List<?>) g.get("edges");
    assertTrue(nodes.size() > 10 && edges.size() >= nodes.size() - 1, nodes.size() + " nodes, " + edges.size() + " edges");
    assertNull(graph.queries().subgraph("no-such-key", false, 3, 10));
    Map<String, Object> small = graph.queries().subgraph(predictionOf("a3"), false, 10, 5);
    assertEquals(5, ((List<?>) small.get("nodes")).size());
    assertEquals(true, small.get("truncated"));
  }
}
