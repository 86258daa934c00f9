package io.alloyflow.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import java.util.List;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.gateway.GatewayServer;
import io.alloyflow.workflows.ingest.Ingest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain on real infrastructure: the Temporal service on a 127.0.0.1 gRPC port, Neo4j in
 * a child JVM over Bolt, the filesystem artifact store, every service's worker on its own task
 * queue, and the gateway over HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
  @TempDir static Path tmp;
  static AlloyflowStack stack;
  static Path micrograph;
  static Path spectrum;
  static SyntheticSample sample;
  static GraphCounts firstCounts;
  static long entitiesAfterFirst;

  @BeforeAll
  static void startStack() throws Exception {
    String root = System.getProperty("alloyflow.repoRoot");
    stack = AlloyflowStack.start(
        new StackSettings(tmp.resolve("data"), null, null, null, root == null ? null : Path.of(root))
            .withDataRoots(java.util.List.of(tmp)),
        System.out::println).startWorkers();
    sample = SyntheticWorld.dualPhaseSteel(7, 256, 0.25e-6);
    micrograph = tmp.resolve("dp.tif");
    MicrographIO.writeTiff(sample.bse(), micrograph);
    Map<String, Double> bulk = new TreeMap<>();
    sample.phaseCompositions().forEach((phase, comp) -> comp.forEach(
        (el, w) -> bulk.merge(el, sample.phaseFractions().getOrDefault(phase, 0.0) * w, Double::sum)));
    spectrum = tmp.resolve("dp.msa");
    EmsaIO.write(SyntheticWorld.simulateSpectrum(bulk, 20, 60, 1, 7), spectrum);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static AnalysisResult analyse(String sampleId) throws Exception {
    String id = AnalysisRunner.newAnalysisId();
    AnalysisInputs in = Ingest.ingest(stack.store(), id, micrograph, Double.NaN, spectrum);
    return AnalysisRunner.run(stack.client(), id,
        new AnalysisRequest(sampleId, Map.of("source", "test"), "dp-steel", in.micrographRef(), in.eds(),
            in.edsKind(), "otsu", 2, 2.0, in.ingest()), s -> { });
  }

  @Test
  @Order(1)
  void firstAnalysisWritesExactlyWhatItReports() throws Exception {
    AnalysisResult r = analyse("e2e-sample");
    // the graph was empty: everything in it now belongs to this analysis
    GraphCounts totals = stack.graph().totals();
    assertEquals(totals, r.graph(), "reported provenance counts must equal what Neo4j holds");
    firstCounts = r.graph();
    entitiesAfterFirst = stack.graph().countLabel("Entity");
    assertEquals(1, stack.graph().countLabel("Analysis"));
    assertEquals(1, stack.graph().countLabel("Micrograph"));
    assertTrue(stack.graph().countLabel("PhaseMap") >= 1);
    // the rules fusion and EDS applied (phase library, energy-calibration procedure) are
    // content-hashed RuleSet nodes
    assertEquals(2, stack.graph().countLabel("RuleSet"));
    // measured fractions against the generator's truth
    double truthMartensite = sample.phaseFractions().get("martensite");
    double measured = r.fusion().phases().stream().filter(p -> p.phaseName().equals("martensite"))
        .mapToDouble(p -> p.areaFraction()).sum();
    // smoothed Otsu on the noisy, topography-contrast synthetic image: a coarse baseline
    assertEquals(truthMartensite, measured, 0.10, "Otsu martensite fraction vs truth");
    assertNotNull(r.eds());
    assertTrue(r.eds().elements().stream().anyMatch(e -> e.symbol().equals("Fe")), "Fe must be identified");
    assertNotNull(r.prediction());
    assertTrue(r.prediction().mean() > 150 && r.prediction().mean() < 700);
  }

  @Test
  @Order(2)
  void secondRunOnSameDataAddsAnAnalysisButNoArtifactNode() throws Exception {
    AnalysisResult r = analyse("e2e-sample");
    assertEquals(2, stack.graph().countLabel("Analysis"));
    assertEquals(entitiesAfterFirst, stack.graph().countLabel("Entity"),
        "same content hash must map to the same entity node");
    assertEquals(1, stack.graph().countLabel("Micrograph"));
    assertEquals(firstCounts, r.graph(), "the second analysis' subgraph has the same shape");
    assertEquals(2, stack.graph().analysesOfSample("e2e-sample").size());
    // one node per rule set, shared: "what did rule set X touch?" names both analyses
    assertEquals(2, stack.graph().countLabel("RuleSet"));
    try (var s = stack.graph().driver().session()) {
      for (String key : s.run("MATCH (r:RuleSet) RETURN r.key AS k").list(x -> x.get("k").asString())) {
        assertEquals(2, ((List<?>) stack.graph().impact(key, 10, 100).get("analyses")).size(), key);
      }
    }
    assertFalse(stack.graph().lineage(r.fusion().featureSet().uri()).isEmpty());
  }

  @Test
  @Order(3)
  void gatewayServesHealthAndAnalysesAndRejectsBadInput() throws Exception {
    try (GatewayServer gw = GatewayServer.start(stack, "127.0.0.1", 0)) {
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      HttpResponse<String> health = http.send(
          HttpRequest.newBuilder(URI.create(gw.url() + "/v1/health")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertEquals("UP", json.readTree(health.body()).get("status").asText());

      HttpResponse<String> bad = http.send(post(gw, Map.of("sampleId", "x", "micrographPath",
          tmp.resolve("missing.tif").toString())), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode());
      assertEquals("micrographPath", json.readTree(bad.body()).get("field").asText(), bad.body());
      assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

      HttpResponse<String> ok = http.send(post(gw, Map.of("sampleId", "gw-sample", "micrographPath",
          micrograph.toString(), "alloySystem", "dp-steel")), HttpResponse.BodyHandlers.ofString());
      assertEquals(202, ok.statusCode(), ok.body());
      String status = json.readTree(ok.body()).get("status").asText();
      JsonNode s = null;
      for (int i = 0; i < 600; i++) {
        s = json.readTree(http.send(HttpRequest.newBuilder(URI.create(gw.url() + status)).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body());
        String st = s.get("status").asText();
        if (!"RUNNING".equals(st) && !"SUBMITTED".equals(st)) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals("COMPLETED", s.get("status").asText(), s.toString());
      assertTrue(s.get("prediction").has("mean"), s.toString());

      // the services' own endpoints, served by the same application
      HttpResponse<String> seg = http.send(HttpRequest.newBuilder(
              URI.create(gw.url() + "/v1/segment?method=otsu&smoothingSigma=2"))
          .header("Content-Type", "image/tiff")
          .POST(HttpRequest.BodyPublishers.ofFile(micrograph)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, seg.statusCode(), seg.body());
      assertEquals(2, json.readTree(seg.body()).get("phaseFractions").size());
      HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(URI.create(gw.url() + "/v1/segment"))
          .header("Content-Type", "image/tiff")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'I', 'I', 42, 0})).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, garbage.statusCode(), garbage.body());
      assertTrue(json.readTree(garbage.body()).get("error").asText().contains("expected"), garbage.body());
      HttpResponse<String> ident = http.send(HttpRequest.newBuilder(URI.create(gw.url() + "/v1/eds/identify"))
          .header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofFile(spectrum)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ident.statusCode(), ident.body());
      assertTrue(ident.body().contains("\"Fe\""), ident.body());
      HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(
          URI.create(gw.url() + "/openapi/alloyflow-segmentation-0.1.yml")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, openapi.statusCode());
      assertTrue(openapi.body().contains("/v1/segment"), openapi.body());

      // analysts: PROV-JSON of an analysis and the structure-property table
      String done = json.readTree(ok.body()).get("analysisId").asText();
      HttpResponse<String> prov = http.send(HttpRequest.newBuilder(
          URI.create(gw.url() + "/v1/analyses/" + done + "/prov")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, prov.statusCode(), prov.body());
      JsonNode provDoc = json.readTree(prov.body());
      assertTrue(provDoc.get("entity").size() > 0 && provDoc.get("activity").size() > 0, prov.body());
      assertTrue(provDoc.has("used") && provDoc.has("wasGeneratedBy") && provDoc.has("wasAssociatedWith"));
      HttpResponse<String> sp = http.send(HttpRequest.newBuilder(
          URI.create(gw.url() + "/v1/graph/structure-property")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, sp.statusCode(), sp.body());
      assertTrue(sp.body().contains("gw-sample") && sp.body().contains("martensite"), sp.body());
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(
          URI.create(gw.url() + "/v1/graph")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("gw-sample"), page.body());
    }
  }

  static HttpRequest post(GatewayServer gw, Map<String, Object> body) throws Exception {
    return HttpRequest.newBuilder(URI.create(gw.url() + "/v1/analyses"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body)))
        .build();
  }

  @Test
  @Order(5)
  void sameCodeConnectsToExternalTemporalAndNeo4jByConfiguration() throws Exception {
    // a second process-like client: no embedded services, no workers; addresses from settings only
    StackSettings external = StackSettings.fromEnvironment(Map.of(
        "ALLOYFLOW_TEMPORAL_TARGET", stack.temporalTarget(),
        "ALLOYFLOW_NEO4J_URI", stack.graphConfig().uri(),
        "ALLOYFLOW_NEO4J_USER", "neo4j",
        "ALLOYFLOW_NEO4J_PASSWORD", stack.embeddedNeo4j().password()), tmp.resolve("client"));
    try (AlloyflowStack client = AlloyflowStack.start(external, m -> { })) {
      String id = AnalysisRunner.newAnalysisId();
      AnalysisInputs in = Ingest.ingest(stack.store(), id, micrograph, Double.NaN, null);
      AnalysisResult r = AnalysisRunner.run(client.client(), id,
          new AnalysisRequest("external-client", Map.of(), "dp-steel", in.micrographRef(), null, null,
              "otsu", 2, 2.0, in.ingest()), s -> { });
      assertEquals(1, client.graph().analysesOfSample("external-client").size());
      assertTrue(r.graph().nodes() > 0);
    }
  }

  @Test
  @Order(6)
  void rewritingAnAnalysisIsIdempotent() {
    io.alloyflow.core.store.ArtifactRef in = new io.alloyflow.core.store.ArtifactRef("e".repeat(64), "image/tiff", 10);
    io.alloyflow.core.store.ArtifactRef out = new io.alloyflow.core.store.ArtifactRef("f".repeat(64), "image/png", 5);
    io.alloyflow.core.provenance.ActivityRecord step = new io.alloyflow.core.provenance.ActivityRecord(
        "segmentation", "segmentation",
        new io.alloyflow.core.provenance.AlgorithmInfo("otsu-threshold", "1.0", "Otsu 1979", Map.of("t", "1")),
        java.util.List.of(new io.alloyflow.core.provenance.ArtifactUse("micrograph", "Micrograph", in)),
        java.util.List.of(new io.alloyflow.core.provenance.ArtifactUse("phaseMap", "PhaseMap", out)),
        Map.of("fraction", 0.3), Map.of(), 0, 1, 2, "retry-analysis", "run-1", 1);
    io.alloyflow.graph.AnalysisProvenance p = new io.alloyflow.graph.AnalysisProvenance(
        "retry-analysis", "run-1", "AnalysisWorkflow", "retry-sample", Map.of(), 1, java.util.List.of(step));
    GraphCounts first = stack.graph().record(p);
    GraphCounts totals = stack.graph().totals();
    // a retried attempt writes the same analysis again
    io.alloyflow.core.provenance.ActivityRecord retried = new io.alloyflow.core.provenance.ActivityRecord(
        step.step(), step.service(), step.algorithm(), step.used(), step.generated(), step.summary(),
        step.environment(), 0, 1, 2, "retry-analysis", "run-1", 2);
    GraphCounts second = stack.graph().record(new io.alloyflow.graph.AnalysisProvenance(
        "retry-analysis", "run-1", "AnalysisWorkflow", "retry-sample", Map.of(), 1, java.util.List.of(retried)));
    assertEquals(first, second);
    assertEquals(totals, stack.graph().totals(), "a retry must not add nodes or relationships");
    // analysis + activity + agent + 2 entities + sample; PART_OF, ASSOCIATED, USED, GENERATED,
    // OF_SAMPLE, ANALYSED (wasDerivedFrom is not stored since graph schema 3: the PROV export states it)
    assertEquals(new GraphCounts(6, 6), first);
  }

  /**
   * Bad input fails at once and is never retried, with its reason: a file that is not a
   * micrograph is refused at the gateway (400 problem+json, before any workflow starts); a stored
   * micrograph that does not decode (a damaged object that got past ingest) fails the analysis
   * on the segmentation activity's first attempt (non-retryable {@code BadInput}), not after the
   * retry policy's backoff. The times are printed for the "fails in under a second"; they
   * are not asserted (no timed assertions in unit tests).
   */
  @Test
  @Order(7)
  void badInputFailsAtOnceAndIsNeverRetried() throws Exception {
    byte[] notATiff = new byte[4096];
    new java.util.Random(3).nextBytes(notATiff);
    notATiff[0] = 'I';
    notATiff[1] = 'I';
    notATiff[2] = 42;
    notATiff[3] = 0;
    Path bad = tmp.resolve("broken.tif");
    java.nio.file.Files.write(bad, notATiff);
    try (GatewayServer gw = GatewayServer.start(stack, "127.0.0.1", 0)) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = HttpClient.newHttpClient().send(post(gw, Map.of("sampleId", "bad-sample",
          "micrographPath", bad.toString())), HttpResponse.BodyHandlers.ofString());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(400, r.statusCode(), r.body());
      assertEquals("micrographPath", new ObjectMapper().readTree(r.body()).get("field").asText(), r.body());
      System.out.println("bad input at the gateway: 400 in " + ms + " ms: " + r.body());
    }
    String id = AnalysisRunner.newAnalysisId();
    io.alloyflow.core.store.ArtifactRef damaged = stack.store().put(notATiff, "image/tiff");
    long t0 = System.nanoTime();
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> AnalysisRunner.run(
        stack.client(), id, new AnalysisRequest("bad-sample", Map.of(), "dp-steel", damaged, null, null,
            "otsu", 2, 2.0, List.of()), s -> { }));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    String why = AnalysisRunner.describe(e);
    // ingest stores micrographs as Arrow IPC; the reason names the offset and what was expected
    assertTrue(why.contains("micrograph") && why.contains("expected an Arrow IPC file"), why);
    int maxAttempt = 0;
    for (var ev : stack.client().fetchHistory(id).getEvents()) {
      if (ev.hasActivityTaskStartedEventAttributes()) {
        maxAttempt = Math.max(maxAttempt, ev.getActivityTaskStartedEventAttributes().getAttempt());
      }
    }
    assertEquals(1, maxAttempt, "bad input must not be retried");
    System.out.println("damaged stored micrograph: analysis FAILED in " + ms + " ms, highest activity attempt "
        + maxAttempt + ": " + why);
  }

  /**
   * A multi-principal-element sample from micrograph + EDS to a hardness: the EDS activity's
   * standardless composition reaches the shipped composition model, the prediction carries SHAP
   * and the propagated EDS uncertainty, and the graph's lineage of the prediction reaches the
   * model version, its training data (by hash) and the EDS spectrum.
   */
  @Test
  @Order(4)
  void mpeaSampleIsPredictedFromItsEdsCompositionWithLineage() throws Exception {
    SyntheticSample m = io.alloyflow.synthetic.mpea.MpeaAlloy.sample(
        io.alloyflow.synthetic.mpea.MpeaAlloy.Params.defaults(128, 0.5e-6), 11);
    Path tif = tmp.resolve("mpea.tif");
    MicrographIO.writeTiff(m.bse(), tif);
    Map<String, Double> bulk = new TreeMap<>();
    m.phaseCompositions().forEach((phase, comp) -> comp.forEach(
        (el, w) -> bulk.merge(el, m.phaseFractions().getOrDefault(phase, 0.0) * w, Double::sum)));
    Path msa = tmp.resolve("mpea.msa");
    EmsaIO.write(SyntheticWorld.simulateSpectrum(bulk, 20, 60, 1, 11), msa);
    String id = AnalysisRunner.newAnalysisId();
    AnalysisInputs in = Ingest.ingest(stack.store(), id, tif, Double.NaN, msa);
    AnalysisResult r = AnalysisRunner.run(stack.client(), id,
        new AnalysisRequest("e2e-mpea", Map.of("source", "test", "processing", "CAST", "phases", "FCC+BCC"),
            "mpea", in.micrographRef(), in.eds(), in.edsKind(), "otsu", 2, 1.0, in.ingest()), s -> { });
    assertFalse(r.eds().composition().isEmpty(), "EDS composition quantified");
    assertNotNull(r.prediction(), r.predictionUnavailable());
    var p = r.prediction();
    assertTrue(p.modelVersion().startsWith("hardness-"), p.modelVersion() + ": " + p.method());
    assertTrue(p.mean() > 100 && p.mean() < 900, "HV " + p.mean());
    assertTrue(p.inputStd() > 0 && p.modelStd() > 0);
    double sum = p.explanationBase() + p.explanation().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(p.mean(), sum, 1e-6 * p.mean(), "SHAP additivity");
    var lineage = stack.graph().lineage(p.prediction().uri());
    java.util.function.Predicate<String> has = label -> lineage.stream()
        .anyMatch(row -> ((List<?>) row.get("labels")).contains(label));
    assertTrue(has.test("Model"), "prediction -> model: " + lineage);
    assertTrue(has.test("TrainingData"), "model -> training data: " + lineage);
    assertTrue(lineage.stream().anyMatch(row -> in.eds().uri().equals(row.get("key"))),
        "prediction -> EDS spectrum: " + lineage);
  }
}
