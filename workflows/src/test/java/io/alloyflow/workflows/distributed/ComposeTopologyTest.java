package io.alloyflow.workflows.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.embedded.ServiceWorkers;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * The distributed deployment of {@code compose/docker-compose.yml} as separate processes on this
 * machine ({@link ComposeTopology}: Temporal, Neo4j, the S3 object store, one JVM per worker
 * service with two replicas of segmentation, the gateway on the S3 artifact store), driven over
 * HTTP like a user would.
 *
 * <ul>
 *   <li>The compose file and the process topology declare the same services, queues and settings
 *       (so neither can drift from the other or from the workers the code has).
 *   <li>Default run: one analysis through the gateway; the segmentation replica running its
 *       segmentation gets SIGKILL mid-activity and is started again; the analysis completes once
 *       (the other replica takes the retry), its provenance has one activity per step and no
 *       entity twice, and its artifacts are in the object store only.
 *   <li>{@code -Dalloyflow.slow=true} (two replicas of every worker service): one analysis during
 *       which Neo4j is down for 30 s, then {@code -Dalloyflow.faultRuns=N} (default 20) analyses
 *       in each of which every worker process is killed in the middle of its activity (the
 *       workflows/ingest/graph process twice: during the ingest and during a graph write).
 * </ul>
 * A kill counts as "mid-activity" when the activity's final attempt in the Temporal history is 2
 * or more (the killed attempt was never completed and was retried).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static ComposeTopology topo;
  static WorkflowServiceStubs stubs;
  static Driver graph;
  static String token;

  @BeforeAll
  static void startTopology() throws Exception {
    // two replicas of segmentation (compose's --scale); in the slow suite two of every worker
    // service, so a killed process' activity is retried on its twin while it starts again
    Map<String, Integer> replicas = Boolean.getBoolean("alloyflow.slow")
        ? Map.of("segmentation", 2, "eds", 2, "fusion", 2, "prediction", 2, "workflows", 2)
        : Map.of("segmentation", 2);
    topo = ComposeTopology.start(composeFile(), tmp, replicas);
    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(topo.temporalTarget()).build());
    graph = GraphDatabase.driver(topo.boltUri(), AuthTokens.basic("neo4j", topo.neo4jPassword));
    token = topo.adminToken();
    Path run = tmp.resolve("volumes/exports/run");
    Files.createDirectories(run);
    // large enough that k-means segmentation takes seconds on two cores
    MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(41, 1536, 0.1e-6).bse(), run.resolve("dp.tif"));
    EmsaIO.write(SyntheticWorld.simulateSpectrum(Map.of("Fe", 0.98, "C", 0.02), 20, 60, 1, 5),
        run.resolve("fe.msa"));
  }

  @AfterAll
  static void stopTopology() {
    if (graph != null) {
      graph.close();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (topo != null) {
      topo.close();
    }
  }

  static Path composeFile() {
    String root = System.getProperty("alloyflow.repoRoot");
    Path base = root == null ? Path.of("").toAbsolutePath().getParent() : Path.of(root);
    return base.resolve("compose/docker-compose.yml");
  }

  @Test
  @Order(1)
  void composeAndTheProcessTopologyDeclareTheSameServicesQueuesAndSettings() throws Exception {
    ComposeFile c = topo.compose;
    // every compose service has a process here or a stated reason why not, and nothing else runs
    Set<String> declared = new TreeSet<>(c.services().keySet());
    Set<String> covered = new TreeSet<>(topo.all().keySet());
    covered.addAll(ComposeTopology.NOT_RUN.keySet());
    assertEquals(declared, covered, "compose services vs processes (+ " + ComposeTopology.NOT_RUN + ")");
    // every task queue the code has is polled by exactly one compose worker service
    List<String> polled = new ArrayList<>();
    c.services().values().forEach(s -> polled.addAll(s.workerNames()));
    assertEquals(new TreeSet<>(ServiceWorkers.NAMES), new TreeSet<>(polled),
        "worker names in compose vs ServiceWorkers.NAMES");
    assertEquals(polled.size(), new HashSet<>(polled).size(), "a worker name in two compose services: " + polled);
    // each alloyflow process runs its service's command with its environment, translated only
    for (ComposeFile.Service s : c.services().values()) {
      if (s.alloyflowCommand().isEmpty()) {
        continue;
      }
      for (ComposeTopology.Node n : topo.nodes(s.name())) {
        assertEquals(s.environment().keySet(), n.environment.keySet(), n + " environment");
        List<String> args = n.command.subList(n.command.indexOf("io.alloyflow.workflows.cli.AlloyflowCli") + 1,
            n.command.size());
        assertEquals(s.command().size(), args.size(), n + " command " + args);
        for (int i = 0; i < args.size(); i++) {
          String prev = i == 0 ? "" : s.command().get(i - 1);
          if (!prev.equals("--port") && !prev.equals("--bind")) {
            assertEquals(topo.localize(s, s.command().get(i), tmp.resolve("home/" + n.name())), args.get(i));
          }
        }
      }
    }
    // the settings the containers share agree with the servers they point at
    Map<String, String> env = c.service("workflows").environment();
    assertEquals("neo4j/" + env.get("ALLOYFLOW_NEO4J_PASSWORD"), c.service("neo4j").environment().get("NEO4J_AUTH"));
    assertEquals("neo4j", env.get("ALLOYFLOW_NEO4J_USER"));
    assertEquals(c.service("objects").environment().get("S3PROXY_IDENTITY"), env.get("ALLOYFLOW_S3_ACCESS_KEY"));
    assertEquals(c.service("objects").environment().get("S3PROXY_CREDENTIAL"), env.get("ALLOYFLOW_S3_SECRET_KEY"));
    assertTrue(c.service("temporal").ports().contains("7233:7233") && env.get("ALLOYFLOW_TEMPORAL_TARGET")
        .equals("temporal:7233"), "Temporal frontend port");
    ComposeFile.Service gw = c.service("gateway");
    assertTrue(gw.command().contains("--gateway-only"), "the gateway runs no workers: " + gw.command());
    assertTrue(gw.ports().contains(gw.option("--port") + ":" + gw.option("--port")), "gateway port " + gw.ports());
    String inbox = gw.option("--inbox");
    assertTrue(inbox != null && inbox.startsWith(env.get("ALLOYFLOW_DATA_ROOTS")), "the inbox lies in the data roots");
    assertTrue(gw.volumes().stream().anyMatch(v -> v.endsWith(":" + env.get("ALLOYFLOW_DATA_ROOTS"))),
        "the gateway writes its inbox: its exports volume is not read-only: " + gw.volumes());
    assertTrue(env.get("ALLOYFLOW_S3_BUCKET") != null && !env.get("ALLOYFLOW_S3_BUCKET").isBlank(),
        "alloyflow containers use the object store");
  }

  @Test
  @Order(2)
  void anAnalysisThroughTheGatewayCompletesOnceWhenASegmentationReplicaIsKilledMidActivity()
      throws Exception {
    Outcome o = analyse("compose-kill-0", List.of(Set.of("SegmentPhases")));
    System.out.println("compose topology, default run: " + o);
    assertEquals(1, o.killed().size(), "the segmentation replica running the segmentation was killed: " + o);
    assertTrue(o.midActivity().contains("SegmentPhases"), "the segmentation was retried after the kill: " + o);
    // the artifacts travelled through the object store only: no process has a local artifact store
    try (Stream<Path> homes = Files.list(tmp.resolve("home"))) {
      for (Path h : homes.toList()) {
        assertFalse(Files.exists(h.resolve("artifacts")), h + " has a filesystem artifact store");
      }
    }
    try (Stream<Path> blobs = Files.walk(topo.blobs)) {
      assertTrue(blobs.filter(Files::isRegularFile).count() >= 5, "artifacts in the object store");
    }
  }

  @Test
  @Order(4)
  @EnabledIfSystemProperty(named = "alloyflow.slow", matches = "true")
  void everyWorkerKilledMidActivityInEachOfTwentyAnalyses() throws Exception {
    int runs = Integer.getInteger("alloyflow.faultRuns", 20);
    List<Set<String>> plan = List.of(Set.of("Ingest"), Set.of("SegmentPhases", "AnalyzeSpectrum"),
        Set.of("FusePhases"), Set.of("PredictProperty"), Set.of("RecordAnalysis", "RecordOutcome"));
    Map<String, Integer> kills = new TreeMap<>();
    Map<String, Integer> mid = new TreeMap<>();
    long t0 = System.currentTimeMillis();
    for (int run = 0; run < runs; run++) {
      Outcome o = analyse("compose-fault-" + run, plan);
      System.out.printf("fault run %d: %s (%.0f s since start)%n", run, o, (System.currentTimeMillis() - t0) / 1e3);
      o.killed().forEach((type, service) -> kills.merge(type, 1, Integer::sum));
      o.midActivity().forEach(type -> mid.merge(type, 1, Integer::sum));
    }
    System.out.printf("worker faults: %d of %d analyses completed exactly once; kills per activity %s;"
        + " of which mid-activity (retried) %s%n", runs, runs, kills, mid);
    for (Set<String> stage : plan) {
      int m = stage.stream().mapToInt(t -> mid.getOrDefault(t, 0)).max().orElse(0);
      assertTrue(m >= Math.max(1, runs / 2), "stage " + stage + " was hit mid-activity in " + m + " of " + runs);
    }
  }

  @Test
  @Order(3)
  @EnabledIfSystemProperty(named = "alloyflow.slow", matches = "true")
  void neo4jDownForThirtySecondsDelaysAnAnalysisButDoesNotFailIt() throws Exception {
    ComposeTopology.Node neo = topo.nodes("neo4j").get(0);
    String id = submit("compose-neo4j-down");
    long t0 = System.currentTimeMillis();
    awaitStarted(id, Set.of("SegmentPhases"), 240);
    neo.kill();
    long down = System.currentTimeMillis();
    Thread.sleep(30_000);
    neo.start();
    long outage = System.currentTimeMillis() - down;
    JsonNode end = awaitEnd(id, 600);
    long total = System.currentTimeMillis() - t0;
    System.out.printf("neo4j down %.1f s (killed during segmentation, started again); analysis %s in %.1f s%n",
        outage / 1e3, end.get("status").asText(), total / 1e3);
    assertEquals("COMPLETED", end.get("status").asText(), end.toString());
    assertTrue(outage >= 30_000);
    checkGraph(id, "compose-neo4j-down");
  }

  static final Set<String> GRAPH_WRITES = Set.of("MarkRunning", "RecordAnalysis", "RecordOutcome");

  /** The result of one analysis with kills. */
  record Outcome(String id, Map<String, String> killed, Set<String> midActivity, double seconds) {}

  /**
   * Submits an analysis through the gateway and, stage by stage, SIGKILLs the processes that run
   * the stage's activities as soon as they have started (restarting each at once, in the
   * background); then checks it completed exactly once with no duplicate provenance.
   */
  Outcome analyse(String sampleId, List<Set<String>> plan) throws Exception {
    long t0 = System.currentTimeMillis();
    String id = submit(sampleId);
    Map<String, String> killed = new LinkedHashMap<>();
    List<Thread> restarts = new ArrayList<>();
    int stage = 0;
    long deadline = System.currentTimeMillis() + 600_000;
    while (stage < plan.size() && System.currentTimeMillis() < deadline) {
      Set<String> types = plan.get(stage);
      List<PendingActivityInfo> pending = pending(id);
      if (pending == null) {
        break; // the workflow ended
      }
      Set<String> later = new HashSet<>();
      plan.subList(stage + 1, plan.size()).forEach(later::addAll);
      boolean movedOn = false;
      for (PendingActivityInfo p : pending) {
        String type = p.getActivityType().getName();
        if (types.contains(type) && !killed.containsKey(type)
            && p.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
          ComposeTopology.Node n = topo.byPid(pidOf(p.getLastWorkerIdentity()));
          if (n != null) {
            n.kill();
            killed.put(type, n.name());
            Thread th = new Thread(() -> {
              try {
                n.start();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }, "restart-" + n.name());
            th.start();
            restarts.add(th);
          }
        }
        // graph writes happen between every two steps: only a later compute step shows the
        // workflow has passed this stage
        movedOn |= later.contains(type) && !GRAPH_WRITES.contains(type);
      }
      if (killed.keySet().containsAll(types) || movedOn) {
        stage++;
      } else {
        Thread.sleep(40);
      }
    }
    JsonNode end = awaitEnd(id, 600);
    for (Thread th : restarts) {
      th.join(300_000);
    }
    for (List<ComposeTopology.Node> l : topo.all().values()) {
      for (ComposeTopology.Node n : l) {
        assertTrue(n.alive(), n + " is not running again: " + n.tail());
      }
    }
    assertEquals("COMPLETED", end.get("status").asText(), sampleId + ": " + end);
    checkGraph(id, sampleId);
    Map<String, Integer> attempts = finalAttempts(id);
    Set<String> mid = new LinkedHashSet<>();
    for (String type : killed.keySet()) {
      if (attempts.getOrDefault(type, 1) >= 2) {
        mid.add(type);
      }
    }
    return new Outcome(id, killed, mid, (System.currentTimeMillis() - t0) / 1e3);
  }

  String submit(String sampleId) throws Exception {
    String body = JSON.writeValueAsString(Map.of("sampleId", sampleId, "micrographPath", "run/dp.tif",
        "edsPath", "run/fe.msa", "alloySystem", "dp-steel", "method", "kmeans", "classes", 2));
    HttpResponse<String> r = topo.postJson("/v1/analyses", token, body);
    assertEquals(202, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("analysisId").asText();
  }

  JsonNode awaitEnd(String id, int seconds) throws Exception {
    JsonNode s = null;
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      try {
        HttpResponse<String> r = topo.get("/v1/analyses/" + id, token);
        if (r.statusCode() == 200) {
          s = JSON.readTree(r.body());
          String st = s.get("status").asText();
          if (st.equals("COMPLETED") || st.equals("FAILED") || st.equals("CANCELLED")) {
            return s;
          }
        }
      } catch (java.io.IOException e) {
        // the gateway is busy; ask again
      }
      Thread.sleep(500);
    }
    throw new AssertionError("analysis " + id + " did not end within " + seconds + " s: " + s);
  }

  void awaitStarted(String id, Set<String> types, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      List<PendingActivityInfo> pending = pending(id);
      if (pending != null) {
        for (PendingActivityInfo p : pending) {
          if (types.contains(p.getActivityType().getName())
              && p.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
            return;
          }
        }
      }
      Thread.sleep(40);
    }
    throw new AssertionError(types + " of " + id + " never started");
  }

  /** One analysis node, COMPLETED, one activity per step, one analysis per sample, no entity twice. */
  void checkGraph(String id, String sampleId) {
    try (Session s = graph.session()) {
      List<Record> an = s.run("MATCH (an:Analysis {key: $id}) RETURN an.status AS st, an.sampleId AS sample",
          Map.of("id", id)).list();
      assertEquals(1, an.size(), id);
      assertEquals("COMPLETED", an.get(0).get("st").asString());
      List<Record> perSample = s.run("MATCH (an:Analysis) WHERE an.sampleId = $s RETURN an.key AS k",
          Map.of("s", sampleId)).list();
      assertEquals(1, perSample.size(), "one analysis for sample " + sampleId + ": " + perSample);
      Map<String, Long> steps = new HashMap<>();
      for (Record r : s.run("MATCH (a:Activity)-[:PART_OF]->(:Analysis {key: $id}) "
          + "RETURN coalesce(a.step, '') + ' ' + a.key AS step, count(*) AS n", Map.of("id", id)).list()) {
        steps.put(r.get("step").asString(), r.get("n").asLong());
      }
      for (String step : List.of("ingest-micrograph", "segmentation", "eds", "fusion", "predict")) {
        assertTrue(steps.keySet().stream().anyMatch(k -> k.contains(step)), "step " + step + " in " + steps);
      }
      steps.forEach((step, n) -> assertEquals(1L, n, "exactly one activity for step " + step + ": " + steps));
      long twice = s.run("MATCH (e:Entity) WITH e.key AS k, count(*) AS c WHERE c > 1 RETURN count(k) AS n")
          .single().get("n").asLong();
      assertEquals(0, twice, "entities recorded twice");
    }
  }

  /** The analysis' pending activities, or null when the workflow has ended. */
  List<PendingActivityInfo> pending(String id) {
    try {
      var d = stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build());
      if (d.getWorkflowExecutionInfo().hasCloseTime()) {
        return null;
      }
      return d.getPendingActivitiesList();
    } catch (RuntimeException e) {
      return List.of(); // not visible yet
    }
  }

  /** Per activity type, the highest attempt that started (Temporal records the last attempt only). */
  Map<String, Integer> finalAttempts(String id) {
    Map<Long, String> scheduled = new HashMap<>();
    Map<String, Integer> attempts = new HashMap<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse h = stubs.blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).setNextPageToken(page).build());
      for (HistoryEvent e : h.getHistory().getEventsList()) {
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          scheduled.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          var a = e.getActivityTaskStartedEventAttributes();
          attempts.merge(scheduled.get(a.getScheduledEventId()), a.getAttempt(), Math::max);
        }
      }
      page = h.getNextPageToken();
    } while (!page.isEmpty());
    return attempts;
  }

  /** The process id in a Temporal worker identity ({@code pid@host} by default); -1 if none. */
  static long pidOf(String identity) {
    int at = identity.indexOf('@');
    try {
      return Long.parseLong(at < 0 ? identity : identity.substring(0, at));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
