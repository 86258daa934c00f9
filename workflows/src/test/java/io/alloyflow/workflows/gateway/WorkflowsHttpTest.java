package io.alloyflow.workflows.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.workflows.campaign.CampaignGraph;
import io.alloyflow.workflows.campaign.AskRequest;
import io.alloyflow.workflows.campaign.CampaignProgress;
import io.alloyflow.workflows.campaign.CampaignSpec;
import io.alloyflow.workflows.campaign.CampaignWorkflow;
import io.alloyflow.workflows.campaign.TellRequest;
import io.alloyflow.workflows.campaign.Trial;
import io.alloyflow.workflows.campaign.Trials;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.alloyflow.workflows.campaign.CampaignResumer;
import io.alloyflow.workflows.campaign.opt.MpeaExperiment;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns, batches and candidates over HTTP through the real embedded stack (Temporal service on
 * a loopback port, Neo4j child process, every worker, the gateway): first a restart of everything
 * in the middle of a campaign, then the gateway's answers to tell, approve and close, with their
 * problem+json refusals; then a batch of 20 small micrographs of which 2 are broken, and a
 * designer's candidate evaluated to a prediction with uncertainty and Shapley values; and a closed
 * loop of 20 trials driven by the Temporal client that continues as new several times.
 *
 * <p>The restart: a campaign is asked twice and told six of its eight trials; then the gateway,
 * the workers, Temporal and Neo4j stop, and a new stack starts on the same data directory. The
 * embedded Temporal service has forgotten the campaign; the first request resumes it from the
 * graph. No trial may be lost, a retried ask key returns its trials, tells of trials proposed
 * before the restart are accepted, and the next ask proposes exactly what a campaign that never
 * stopped proposes after the same asks and tells (proposals are deterministic in the state, so
 * this checks that the rebuilt state, pending trials included, equals the lost one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowsHttpTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path tmp;
  static AlloyflowStack stack;
  static GatewayServer gw;

  static void startStack() throws Exception {
    String root = System.getProperty("alloyflow.repoRoot");
    java.nio.file.Files.createDirectories(tmp.resolve("lab"));
    stack = AlloyflowStack.start(new StackSettings(tmp.resolve("data"), null, null, null,
        root == null ? null : Path.of(root)).withDataRoots(List.of(tmp.resolve("lab"))), m -> { }).startWorkers();
    gw = GatewayServer.start(stack, "127.0.0.1", 0);
  }

  static void stopStack() {
    if (gw != null) {
      gw.close();
      gw = null;
    }
    if (stack != null) {
      stack.close();
      stack = null;
    }
  }

  @AfterAll
  static void stop() {
    stopStack();
  }

  static HttpResponse<String> post(String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url() + path));
    b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gw.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  /** Asserts a problem+json answer with a status and a detail containing a text. */
  static void problem(HttpResponse<String> r, int status, String detailContains) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().map() + " " + r.body());
    JsonNode p = JSON.readTree(r.body());
    assertEquals(status, p.get("status").asInt(), r.body());
    assertTrue(p.get("detail").asText().contains(detailContains), "expected '" + detailContains + "' in " + r.body());
  }

  static Map<String, Object> spec(String id, boolean approval) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaignId", id);
    m.put("objective", "hardnessScore");
    m.put("unit", "HV");
    m.put("direction", "maximize");
    m.put("parameters", List.of(Map.of("name", "aluminium", "lo", 0.2, "hi", 1.0),
        Map.of("name", "grainInterceptUm", "lo", 5, "hi", 100)));
    m.put("acquisition", "ei");
    m.put("retrainEvery", 4);
    m.put("requireApproval", approval);
    m.put("seed", 11);
    return m;
  }

  static List<JsonNode> ask(String id, int n, String key) throws Exception {
    JsonNode r = ok(post("/v1/campaigns/" + id + "/ask", Map.of("n", n, "key", key)), 200);
    List<JsonNode> out = new ArrayList<>();
    r.get("trials").forEach(out::add);
    assertEquals(n, out.size(), r.toString());
    return out;
  }

  static JsonNode tell(String id, String trialId, double value) throws Exception {
    return ok(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", trialId, "measurements", Map.of("hardnessScore", value))), 200);
  }

  static Map<String, Double> params(JsonNode trial) {
    Map<String, Double> m = new LinkedHashMap<>();
    trial.get("parameters").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
    return m;
  }

  static Map<String, Object> candidate(String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("candidateId", id);
    body.put("composition", Map.of("Al", 0.6, "Co", 1, "Cr", 1, "Fe", 1, "Ni", 1));
    body.put("grainInterceptUm", 25);
    body.put("imageSize", 96);
    body.put("seed", 5);
    return body;
  }

  static List<String> ids(List<JsonNode> trials) {
    return trials.stream().map(t -> t.get("trialId").asText()).toList();
  }

  @Test
  @Order(1)
  @Timeout(value = 900, unit = TimeUnit.SECONDS)
  void aRestartOfEverythingInTheMiddleOfACampaignLosesNoTrial() throws Exception {
    String id = "campaign-restart";
    MpeaExperiment exp = new MpeaExperiment(11);
    Map<String, Double> told = new LinkedHashMap<>();
    List<JsonNode> first;
    List<JsonNode> second;
    startStack();
    try {
      ok(post("/v1/campaigns", spec(id, false)), 201);
      first = ask(id, 4, "a1");
      for (JsonNode t : first) {
        double v = exp.measure(params(t));
        tell(id, t.get("trialId").asText(), v);
        told.put(t.get("trialId").asText(), v);
      }
      second = ask(id, 4, "a2");
      for (JsonNode t : second.subList(0, 2)) {
        double v = exp.measure(params(t));
        tell(id, t.get("trialId").asText(), v);
        told.put(t.get("trialId").asText(), v);
      }
      // a batch (one analysis at a time) and a candidate in flight at the restart
      Path dir = tmp.resolve("lab/restart-run");
      java.nio.file.Files.createDirectories(dir);
      for (int i = 0; i < 5; i++) {
        io.alloyflow.core.io.MicrographIO.writeTiff(
            io.alloyflow.synthetic.SyntheticWorld.dualPhaseSteel(300 + i, 96, 0.25e-6).bse(),
            dir.resolve(String.format("r-%02d.tif", i)));
      }
      ok(post("/v1/batches", Map.of("batchId", "batch-restart", "directory", "restart-run",
          "alloySystem", "dp-steel", "maxParallel", 1)), 202);
      ok(post("/v1/candidates", candidate("candidate-restart")), 202);
      for (int i = 0; i < 240 && ok(get("/v1/batches/batch-restart"), 200).get("completed").asInt() < 2; i++) {
        Thread.sleep(500);
      }
    } finally {
      stopStack();
    }

    startStack();
    // the embedded Temporal service forgot the campaign; the first request resumes it from the graph
    JsonNode shown = ok(get("/v1/campaigns/" + id), 200);
    assertEquals("RUNNING", shown.get("status").asText(), shown.toString());
    assertEquals(8, shown.get("trials").asInt(), shown.toString());
    assertEquals(6, shown.get("completed").asInt(), shown.toString());
    assertEquals(2, shown.get("pending").asInt(), shown.toString());
    assertEquals(4, shown.get("surrogateTrainedOn").asInt(), shown.toString());
    for (JsonNode t : shown.get("trialList")) {
      String tid = t.get("trialId").asText();
      if (told.containsKey(tid)) {
        assertEquals(told.get(tid), t.get("measurements").get("hardnessScore").asDouble(), 0.0, tid);
      } else {
        assertEquals("PENDING", t.get("status").asText(), t.toString());
      }
    }
    // its id stays taken
    problem(post("/v1/campaigns", spec(id, false)), 409, "exists already");
    // the batch and the candidate went on after the restart: every item analysed exactly once
    problem(post("/v1/batches", Map.of("batchId", "batch-restart", "directory", "restart-run")), 409,
        "exists already");
    JsonNode batch = await("/v1/batches/batch-restart", "DONE", 400);
    assertEquals(5, batch.get("completed").asInt(), batch.toString());
    for (JsonNode it : batch.get("items")) {
      JsonNode list = ok(get("/v1/samples/" + it.get("sampleId").asText() + "/analyses"), 200);
      assertEquals(1, list.size(), list.toString());
      JsonNode child = ok(get("/v1/analyses/" + it.get("analysisId").asText()), 200);
      assertEquals("COMPLETED", child.get("status").asText(), child.toString());
    }
    JsonNode cand = await("/v1/candidates/candidate-restart", "COMPLETED", 400);
    assertTrue(cand.get("prediction") != null && !cand.get("prediction").isNull(), cand.toString());
    // a second resume finds it running and does nothing
    assertFalse(new CampaignResumer(stack.client(), new CampaignGraph(stack.graph())).resume(id));
    // a retried ask key returns the trials it returned before the restart
    assertEquals(ids(second), ids(ask(id, 4, "a2")));
    List<JsonNode> third = ask(id, 4, "a3");
    assertEquals(List.of(id + "-t0009", id + "-t0010", id + "-t0011", id + "-t0012"), ids(third));

    // the same asks and tells on a campaign that never stopped propose the same third batch
    String ref = "campaign-reference";
    ok(post("/v1/campaigns", spec(ref, false)), 201);
    List<JsonNode> r1 = ask(ref, 4, "a1");
    for (int i = 0; i < 4; i++) {
      assertEquals(params(first.get(i)), params(r1.get(i)), "deterministic first batch");
      tell(ref, r1.get(i).get("trialId").asText(), told.get(first.get(i).get("trialId").asText()));
    }
    List<JsonNode> r2 = ask(ref, 4, "a2");
    for (int i = 0; i < 2; i++) {
      assertEquals(params(second.get(i)), params(r2.get(i)), "deterministic second batch");
      tell(ref, r2.get(i).get("trialId").asText(), told.get(second.get(i).get("trialId").asText()));
    }
    List<JsonNode> r3 = ask(ref, 4, "a3");
    for (int i = 0; i < 4; i++) {
      assertEquals(params(r3.get(i)), params(third.get(i)),
          "the resumed campaign proposes what the uninterrupted one proposes (trial " + (i + 9) + ")");
    }

    // the trials pending at the restart can be told, and so can the new ones
    for (JsonNode t : second.subList(2, 4)) {
      assertEquals("COMPLETED", tell(id, t.get("trialId").asText(), exp.measure(params(t))).get("status").asText());
    }
    for (JsonNode t : third) {
      tell(id, t.get("trialId").asText(), exp.measure(params(t)));
    }
    JsonNode end = ok(get("/v1/campaigns/" + id), 200);
    assertEquals(12, end.get("completed").asInt(), end.toString());
    assertEquals(12, end.get("surrogateTrainedOn").asInt(), end.toString());
    assertEquals(Map.of("trials", 12, "candidates", 12, "measurements", 12),
        JSON.convertValue(end.get("graph"), Map.class), end.toString());
  }

  @Test
  @Order(2)
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void tellApproveAndCloseAnswerOrRefuseWithProblemJson() throws Exception {
    if (stack == null) {
      startStack();
    }
    String id = "campaign-http";
    ok(post("/v1/campaigns", spec(id, true)), 201);
    problem(post("/v1/campaigns", spec(id, true)), 409, "exists already");
    List<JsonNode> trials = ask(id, 2, "k1");
    assertEquals("AWAITING_APPROVAL", trials.get(0).get("status").asText());
    String t1 = trials.get(0).get("trialId").asText();
    String t2 = trials.get(1).get("trialId").asText();

    // malformed requests: 400 naming the field
    problem(post("/v1/campaigns/" + id + "/tell", Map.of("trialId", t1)), 400, "expected an object");
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", t1, "measurements", Map.of("hardnessScore", "high"))), 400, "must be a number");
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", t1, "measurements", Map.of("hardnessScore", 1.0), "extra", 1)), 400, "unknown field");
    problem(post("/v1/campaigns/" + id + "/approve", Map.of("trialIds", List.of())), 400, "1..1000");
    // requests the campaign refuses: 409
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", t1, "measurements", Map.of("hardnessScore", 1.0))), 409, "was not approved");
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", id + "-t9999", "measurements", Map.of("hardnessScore", 1.0))), 409, "no trial");
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", t1, "measurements", Map.of("other", 1.0))), 409, "must include the objective");
    // an unknown campaign: 404
    problem(post("/v1/campaigns/campaign-nobody/tell",
        Map.of("trialId", "x", "measurements", Map.of("hardnessScore", 1.0))), 404, "campaign-nobody");

    JsonNode approved = ok(post("/v1/campaigns/" + id + "/approve", Map.of("trialIds", List.of(t1))), 202);
    assertEquals(List.of(t1), JSON.convertValue(approved.get("approved"), List.class));
    assertEquals("COMPLETED", tell(id, t1, -12.5).get("status").asText());
    // the same tell again is a no-op; a different one is a conflict
    assertEquals(-12.5, tell(id, t1, -12.5).get("measurements").get("hardnessScore").asDouble(), 0.0);
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", t1, "measurements", Map.of("hardnessScore", -3.0))), 409, "already told");
    // t2 was never approved
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", t2, "measurements", Map.of("hardnessScore", 1.0))), 409, "was not approved");
    JsonNode shown = ok(get("/v1/campaigns/" + id), 200);
    assertEquals(1, shown.get("completed").asInt(), shown.toString());
    assertEquals(t1, shown.get("bestTrialId").asText(), shown.toString());

    ok(post("/v1/campaigns/" + id + "/close", null), 202);
    // once the workflow has ended, every call on the campaign is a 409 that says it is closed
    HttpResponse<String> after = null;
    for (int i = 0; i < 100; i++) {
      after = post("/v1/campaigns/" + id + "/ask", Map.of("n", 1));
      if (after.statusCode() == 409 && after.body().contains("is closed")) {
        break;
      }
      Thread.sleep(200);
    }
    problem(after, 409, "is closed");
    problem(post("/v1/campaigns/" + id + "/tell",
        Map.of("trialId", t2, "measurements", Map.of("hardnessScore", 1.0))), 409, "is closed");
    assertNotEquals(null, new CampaignGraph(stack.graph()).status(id).orElse(null));
    assertEquals("CLOSED", new CampaignGraph(stack.graph()).status(id).orElseThrow());
  }

  static JsonNode await(String path, String until, int seconds) throws Exception {
    JsonNode s = null;
    for (int i = 0; i < seconds * 2; i++) {
      s = ok(get(path), 200);
      if (!s.get("status").asText().equals(until)) {
        Thread.sleep(500);
        continue;
      }
      return s;
    }
    throw new AssertionError(path + " did not reach " + until + " in " + seconds + " s: " + s);
  }

  @Test
  @Order(3)
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void aBatchOfTwentyMicrographsWithTwoBrokenOnesReportsEveryItem() throws Exception {
    if (stack == null) {
      startStack();
    }
    Path dir = tmp.resolve("lab/run-1");
    java.nio.file.Files.createDirectories(dir);
    for (int i = 0; i < 18; i++) {
      io.alloyflow.core.io.MicrographIO.writeTiff(
          io.alloyflow.synthetic.SyntheticWorld.dualPhaseSteel(100 + i, 96, 0.25e-6).bse(),
          dir.resolve(String.format("tile-%02d.tif", i)));
    }
    java.nio.file.Files.write(dir.resolve("tile-90-broken.tif"), "II*\0 not really a tiff".getBytes());
    java.nio.file.Files.write(dir.resolve("tile-91-empty.png"), new byte[0]);
    java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a micrograph: not in the batch");

    problem(post("/v1/batches", Map.of("directory", "../outside")), 400, "not a readable directory");
    problem(post("/v1/batches", Map.of("directory", "run-1", "maxParallel", 100)), 400, "maxParallel must be 1..64");
    JsonNode accepted = ok(post("/v1/batches", Map.of("batchId", "batch-http", "directory", "run-1",
        "alloySystem", "dp-steel", "maxParallel", 3, "itemsPerRun", 10)), 202);
    assertEquals(20, accepted.get("items").asInt(), accepted.toString());
    problem(post("/v1/batches", Map.of("batchId", "batch-http", "directory", "run-1")), 409, "exists already");

    JsonNode done = await("/v1/batches/batch-http", "DONE", 500);
    assertEquals(20, done.get("total").asInt(), done.toString());
    assertEquals(18, done.get("completed").asInt(), done.toString());
    assertEquals(2, done.get("failed").asInt(), done.toString());
    assertTrue(done.get("runs").asInt() >= 2, "continued as new after 10 items: " + done.get("runs"));
    JsonNode items = done.get("items");
    assertEquals(20, items.size());
    for (int i = 0; i < 20; i++) {
      JsonNode it = items.get(i);
      assertEquals(i, it.get("index").asInt());
      if (i < 18) {
        assertEquals("COMPLETED", it.get("status").asText(), it.toString());
        double sum = 0;
        for (JsonNode f : it.get("phaseFractions")) {
          sum += f.asDouble();
        }
        assertEquals(1.0, sum, 1e-6, it.toString());
        // every completed item is an analysis in the graph, exactly once
        JsonNode list = ok(get("/v1/samples/" + it.get("sampleId").asText() + "/analyses"), 200);
        assertEquals(1, list.size(), list.toString());
      } else {
        assertEquals("FAILED", it.get("status").asText(), it.toString());
        String err = it.get("error").asText();
        assertTrue(!err.isBlank() && !err.contains("\tat ") && !err.contains("Exception"), err);
      }
    }
    problem(get("/v1/batches/batch-nobody"), 404, "batch-nobody");
  }

  @Test
  @Order(4)
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void aCandidateIsEvaluatedToAPredictionWithUncertaintyAndShapleyValues() throws Exception {
    if (stack == null) {
      startStack();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("candidateId", "candidate-http-1");
    body.put("composition", Map.of("Al", 0.6, "Co", 1, "Cr", 1, "Fe", 1, "Ni", 1));
    body.put("grainInterceptUm", 25);
    body.put("imageSize", 128);
    body.put("seed", 5);
    problem(post("/v1/candidates", Map.of("composition", Map.of("Al", 1.5, "Co", 1, "Cr", 1, "Fe", 1, "Ni", 1),
        "grainInterceptUm", 25)), 400, "Al/Co must be within 0.2..1.0");
    problem(post("/v1/candidates", Map.of("composition", Map.of("Al", 0.5, "Co", 1, "Cr", 1, "Fe", 1, "Ni", 1))),
        400, "required");
    JsonNode accepted = ok(post("/v1/candidates", body), 202);
    assertEquals("candidate-http-1", accepted.get("candidateId").asText());
    problem(post("/v1/candidates", body), 409, "exists already");
    JsonNode done = await("/v1/candidates/candidate-http-1", "COMPLETED", 500);
    assertEquals("analysis-candidate-http-1", done.get("analysisId").asText(), done.toString());
    assertTrue(done.get("truth").get("hardnessHv").asDouble() > 100, done.toString());
    JsonNode p = done.get("prediction");
    assertTrue(p != null && !p.isNull(), "a prediction: " + done);
    assertTrue(p.get("std").asDouble() > 0, p.toString());
    assertTrue(p.get("shap").size() > 0, "Shapley values: " + p);
    assertTrue(Math.abs(p.get("mean").asDouble() - done.get("truth").get("hardnessHv").asDouble()) < 400, done.toString());
    problem(get("/v1/candidates/candidate-nobody"), 404, "candidate-nobody");
  }

  static CampaignSpec e2eSpec(String id) {
    return new CampaignSpec(id, "hardnessScore", "HV", "maximize",
        MpeaExperiment.SPACE.parameters(), "ei", 4, false, 100, 11);
  }

  /**
   * A closed loop through the same stack, by the Temporal client (formerly CampaignEndToEndTest,
   * folded in here to save a Neo4j start): the experiment is the synthetic world's MPEA hardness
   * with noise; the campaign continues as new several times (history limit 100 events); no trial
   * may be lost or duplicated, and every trial, candidate and measurement is in the graph.
   */
  @Test
  @Order(5)
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void askTellWithBatchesOfFourThroughTheRealStackContinuesAsNewAndRecordsEveryTrial() throws Exception {
    if (stack == null) {
      startStack();
    }
    WorkflowClient client = stack.client();
    String id = "campaign-e2e";
    CampaignWorkflow start = client.newWorkflowStub(CampaignWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(CampaignWorkflow.TASK_QUEUE).setWorkflowId(id).build());
    WorkflowClient.start(start::run, e2eSpec(id), null);
    CampaignWorkflow c = client.newWorkflowStub(CampaignWorkflow.class, id);
    MpeaExperiment exp = new MpeaExperiment(11);
    int told = 0;
    for (int batch = 1; batch <= 5; batch++) {
      Trials trials = c.ask(new AskRequest(4, "ask-" + batch));
      assertEquals(4, trials.size());
      // a retried ask (same key) returns the same trials
      assertEquals(trials.ids(), c.ask(new AskRequest(4, "ask-" + batch)).ids());
      for (Trial t : trials.trials()) {
        Map<String, Double> m = Map.of("hardnessScore", exp.measure(t.parameters()));
        c.tell(new TellRequest(t.trialId(), m, "simulated-lab"));
        // a repeated tell is idempotent
        assertEquals("COMPLETED", c.tell(new TellRequest(t.trialId(), m, "simulated-lab")).status());
        told++;
      }
    }
    WorkflowUpdateException conflict = assertThrows(WorkflowUpdateException.class,
        () -> c.tell(new TellRequest(id + "-t0001", Map.of("hardnessScore", 1e6), "someone")));
    assertTrue(String.valueOf(conflict.getCause().getMessage()).contains("already told"),
        String.valueOf(conflict.getCause()));
    assertThrows(WorkflowUpdateException.class,
        () -> c.tell(new TellRequest(id + "-t9999", Map.of("hardnessScore", 1.0), "someone")));

    CampaignProgress p = c.progress();
    assertEquals(20, p.trials());
    assertEquals(20, p.completed());
    assertEquals(0, p.pending());
    assertTrue(p.runs() > 1, "the campaign continued as new: runs " + p.runs());
    assertTrue(p.trainedOn() >= 16, "retrained on " + p.trainedOn());
    List<String> ids = c.trials().ids();
    assertEquals(20, ids.stream().distinct().count());
    // the best trial is within the measurement noise of the target
    assertTrue(-p.bestValue() < 3 * MpeaExperiment.NOISE_HV, "best " + p.bestValue());

    Map<String, Long> counts = new CampaignGraph(stack.graph()).counts(id);
    assertEquals(Map.of("trials", 20L, "candidates", 20L, "measurements", 20L), counts);

    c.close();
    CampaignProgress end = client.newUntypedWorkflowStub(id).getResult(30, TimeUnit.SECONDS, CampaignProgress.class);
    assertEquals("CLOSED", end.status());
  }

  /**
   * An inclusion scan of two synthetic fields over HTTP: 202, 409 for the same id, problem+json
   * for bad fields, the final report (counts per class add up, EDS acquisitions plus skipped
   * ones cover every particle, fewer instrument hours than with EDS on every particle) and the
   * scan's provenance in the graph under its sample.
   */
  @Test
  @Order(6)
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void anInclusionScanOverHttpReportsClassesAndTheEdsItSkipped() throws Exception {
    if (stack == null) {
      startStack();
    }
    Path dir = tmp.resolve("lab/heat-1");
    int truth = 0;
    for (int i = 0; i < 2; i++) {
      truth += io.alloyflow.workflows.inclusion.InclusionScanFixture.write(dir, "field-" + i, 5001 + i)
          .classOfParticle().size();
    }
    problem(post("/v1/inclusion-scans", Map.of("directory", "heat-1", "confidence", 0.9)), 400,
        "unknown field");
    problem(post("/v1/inclusion-scans", Map.of("directory", "heat-1", "confidenceThreshold", 2)),
        400, "confidenceThreshold must be in [0, 1.01]");
    problem(post("/v1/inclusion-scans", Map.of("directory", "../outside")), 400,
        "not a readable directory");
    Map<String, Object> body = Map.of("scanId", "scan-http", "sampleId", "heat-1",
        "directory", "heat-1", "confidenceThreshold", 0.9);
    JsonNode accepted = ok(post("/v1/inclusion-scans", body), 202);
    assertEquals(2, accepted.get("fields").asInt(), accepted.toString());
    problem(post("/v1/inclusion-scans", body), 409, "exists already");
    JsonNode r = await("/v1/inclusion-scans/scan-http", "COMPLETED", 550);
    int particles = r.get("particles").asInt();
    assertTrue(particles >= truth && truth > 20, r.toString());
    assertEquals(particles, r.get("edsAcquired").asInt() + r.get("edsSkipped").asInt(), r.toString());
    assertTrue(r.get("edsAcquired").asInt() > 0 && r.get("edsSkipped").asInt() > 0, r.toString());
    int sum = 0;
    for (JsonNode c : r.get("countsPerClass")) {
      sum += c.asInt();
    }
    assertEquals(particles, sum, r.toString());
    assertTrue(r.get("instrumentHours").asDouble() < r.get("instrumentHoursAllEds").asDouble());
    assertTrue(r.get("ruleSet").asText().startsWith("steel-inclusions"), r.toString());
    assertEquals(2, r.get("fields").size());
    assertEquals(4, r.get("fields").get(0).get("provenance").size(), r.toString());
    JsonNode list = ok(get("/v1/samples/heat-1/analyses"), 200);
    assertEquals(1, list.size(), list + " " + get("/v1/analyses/scan-http").body() + " "
        + get("/v1/samples/scan-http/analyses").body());
    assertEquals("COMPLETED", list.get(0).get("status").asText(), list.toString());
    problem(get("/v1/inclusion-scans/scan-nobody"), 404, "scan-nobody");
  }

  /**
   * A property-model training over HTTP (a small ensemble, not registered: the test must not
   * change the worktree's current hardness model): problem+json for bad fields, 202, 409 for the
   * same id, the trained model with its data hash and cross-validation metrics, and the result in
   * the submission ledger written by the workflow itself before it completed.
   */
  @Test
  @Order(7)
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void aModelTrainingOverHttpTrainsRecordsAndAnswersFromTheLedger() throws Exception {
    if (stack == null) {
      startStack();
    }
    io.alloyflow.workflows.training.ModelTrainingWorkflowTest.table(tmp.resolve("lab/hv.csv"));
    problem(post("/v1/models/training", Map.of("dataPath", "hv.csv", "epoch", 3)), 400, "unknown field");
    problem(post("/v1/models/training", Map.of("dataPath", "../outside.csv")), 400, "");
    problem(post("/v1/models/training", Map.of("dataPath", "hv.csv", "members", 0)), 400, "members");
    problem(post("/v1/models/training", Map.of("dataPath", "hv.csv", "trainingId", "x")), 400, "trainingId");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("trainingId", "training-http");
    body.put("dataPath", "hv.csv");
    body.put("members", 1);
    body.put("epochs", 30);
    body.put("folds", 2);
    body.put("seed", 3);
    body.put("register", false);
    JsonNode accepted = ok(post("/v1/models/training", body), 202);
    assertEquals("/v1/models/training/training-http", accepted.get("location").asText());
    problem(post("/v1/models/training", body), 409, "exists already");
    JsonNode r = await("/v1/models/training/training-http", "COMPLETED", 550);
    JsonNode m = r.get("model");
    assertTrue(m.get("version").asText().startsWith("hardness-"), r.toString());
    assertEquals(64, m.get("trainingDataSha256").asText().length(), r.toString());
    assertFalse(m.get("registered").asBoolean(), r.toString());
    assertTrue(m.get("crossValidation").size() > 0, r.toString());
    // the workflow wrote its result into the ledger as its last step (no restart can lose it)
    boolean recordedByWorkflow = stack.client().fetchHistory("training-http").getEvents().stream()
        .anyMatch(e -> e.hasActivityTaskScheduledEventAttributes()
            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("RecordSubmissionResult"));
    assertTrue(recordedByWorkflow, "RecordSubmissionResult in the training's history");
    var entry = new io.alloyflow.workflows.ledger.WorkflowLedger(stack.graph().driver()).find("training-http")
        .orElseThrow();
    assertEquals("COMPLETED", entry.status());
    assertTrue(entry.result().contains(m.get("version").asText()), entry.result());
    problem(get("/v1/models/training/training-nobody"), 404, "training-nobody");
  }
}
