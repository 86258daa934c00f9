package io.alloyflow.workflows.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import io.alloyflow.workflows.campaign.opt.MpeaExperiment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkflowImplementationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The campaign workflow on Temporal's in-memory test environment with the real campaign
 * activities and an in-memory recorder: ask/tell, idempotency, approval, continue-as-new and the
 * replay of recorded histories.
 */
class CampaignWorkflowTest {
  TestWorkflowEnvironment env;
  final List<String> records = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(CampaignWorkflow.TASK_QUEUE).registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setFailWorkflowExceptionTypes(IllegalArgumentException.class, NullPointerException.class)
            .build(),
        CampaignWorkflowImpl.class);
    env.newWorker(CampaignActivities.TASK_QUEUE).registerActivitiesImplementations(
        new CampaignActivitiesImpl(new CampaignRecorder() {
          @Override
          public void campaign(CampaignSpec spec, String status) {
            records.add("campaign:" + status);
          }

          @Override
          public void trials(String campaignId, List<Trial> trials) {
            trials.forEach(t -> records.add("trial:" + t.trialId() + ":" + t.status()));
          }

          @Override
          public void told(CampaignSpec spec, Trial trial, String enteredBy) {
            records.add("told:" + trial.trialId());
          }

          @Override
          public void model(String campaignId, GpEnsemble.Model model) {
            records.add("model:" + model.trainedOn());
          }
        }));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  static CampaignSpec spec(String id, boolean approval, int maxHistory) {
    return new CampaignSpec(id, "hardnessScore", "HV", "maximize",
        MpeaExperiment.SPACE.parameters(), "ei", 4, approval, maxHistory, 11);
  }

  CampaignWorkflow start(CampaignSpec spec) {
    WorkflowClient client = env.getWorkflowClient();
    CampaignWorkflow s = client.newWorkflowStub(CampaignWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(CampaignWorkflow.TASK_QUEUE).setWorkflowId(spec.campaignId()).build());
    WorkflowClient.start(s::run, spec, null);
    return client.newWorkflowStub(CampaignWorkflow.class, spec.campaignId());
  }

  /** Runs batches of 4 through ask/tell against the simulated experiment. */
  static void loop(CampaignWorkflow c, int batches, long seed) {
    MpeaExperiment exp = new MpeaExperiment(seed);
    for (int b = 1; b <= batches; b++) {
      Trials trials = c.ask(new AskRequest(4, "ask-" + b));
      assertEquals(trials.ids(), c.ask(new AskRequest(4, "ask-" + b)).ids(), "same key, same trials");
      for (Trial t : trials.trials()) {
        Map<String, Double> m = Map.of("hardnessScore", exp.measure(t.parameters()));
        c.tell(new TellRequest(t.trialId(), m, "lab"));
        assertEquals("COMPLETED", c.tell(new TellRequest(t.trialId(), m, "lab")).status(), "a repeated tell");
      }
    }
  }

  @Test
  void askTellIsIdempotentRetrainsAndContinuesAsNewWithoutLosingATrial() {
    CampaignWorkflow c = start(spec("campaign-t1", false, 100));
    loop(c, 4, 11);
    CampaignProgress p = c.progress();
    assertEquals(16, p.trials());
    assertEquals(16, p.completed());
    assertEquals(16, p.trainedOn());
    assertTrue(p.runs() > 1, "continued as new: runs " + p.runs());
    assertEquals(16, c.trials().ids().stream().distinct().count());
    assertEquals(16, records.stream().filter(r -> r.startsWith("told:")).distinct().count());
    assertEquals(List.of("model:4", "model:8", "model:12", "model:16"),
        records.stream().filter(r -> r.startsWith("model:")).toList());
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class,
        () -> c.tell(new TellRequest("campaign-t1-t0001", Map.of("hardnessScore", 1e6), "x")));
    assertTrue(String.valueOf(e.getCause().getMessage()).contains("already told"), String.valueOf(e.getCause()));
    assertThrows(WorkflowUpdateException.class,
        () -> c.tell(new TellRequest("campaign-t1-t9999", Map.of("hardnessScore", 1.0), "x")));
    assertThrows(WorkflowUpdateException.class,
        () -> c.tell(new TellRequest("campaign-t1-t0002", Map.of("other", 1.0), "x")));
    c.close();
    CampaignProgress end = env.getWorkflowClient().newUntypedWorkflowStub("campaign-t1")
        .getResult(CampaignProgress.class);
    assertEquals("CLOSED", end.status());
  }

  @Test
  void trialsAwaitingApprovalCannotBeToldUntilApproved() {
    CampaignWorkflow c = start(spec("campaign-t2", true, 10_000));
    Trials trials = c.ask(new AskRequest(2, null));
    assertEquals(List.of("AWAITING_APPROVAL", "AWAITING_APPROVAL"),
        trials.trials().stream().map(Trial::status).toList());
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> c.tell(
        new TellRequest(trials.get(0).trialId(), Map.of("hardnessScore", -3.0), "lab")));
    assertTrue(String.valueOf(e.getCause().getMessage()).contains("not approved"), String.valueOf(e.getCause()));
    c.approve(List.of(trials.get(0).trialId()));
    assertEquals("COMPLETED",
        c.tell(new TellRequest(trials.get(0).trialId(), Map.of("hardnessScore", -3.0), "lab")).status());
    assertEquals(1, c.progress().pending());
    c.close();
  }

  /**
   * Replays recorded campaign histories (src/test/resources/histories/campaign-*.json); record
   * missing ones with -Dalloyflow.recordHistories=true.
   */
  @Test
  void replaysRecordedHistories() throws Exception {
    Path dir = Path.of("src/test/resources/histories");
    Path file = dir.resolve("campaign-v1.json");
    if (Boolean.getBoolean("alloyflow.recordHistories") && !Files.exists(file)) {
      CampaignWorkflow c = start(spec("campaign-replay", true, 10_000));
      Trials t = c.ask(new AskRequest(4, "k"));
      c.approve(t.ids());
      MpeaExperiment exp = new MpeaExperiment(1);
      for (Trial x : t.trials()) {
        c.tell(new TellRequest(x.trialId(), Map.of("hardnessScore", exp.measure(x.parameters())), "lab"));
      }
      c.ask(new AskRequest(2, null));
      c.close();
      env.getWorkflowClient().newUntypedWorkflowStub("campaign-replay").getResult(CampaignProgress.class);
      Files.createDirectories(dir);
      Files.writeString(file, env.getWorkflowClient().fetchHistory("campaign-replay").toJson(true));
    }
    assertTrue(Files.exists(file), "recorded history " + file.toAbsolutePath());
    io.alloyflow.workflows.Replay.replay(Files.readString(file), CampaignWorkflowImpl.class);
    // v2: asks record their key in the graph (version marker), in a run resumed with carried state
    Path v2 = dir.resolve("campaign-v2.json");
    if (Boolean.getBoolean("alloyflow.recordHistories") && !Files.exists(v2)) {
      CampaignState carried = new CampaignState(List.of(new Trial("campaign-replay2-t0001", 1, 1,
          Map.of("aluminium", 0.5, "grainInterceptUm", 20.0), Double.NaN, Double.NaN, Double.NaN, Trial.PENDING,
          Map.of())), Map.of("k0", List.of("campaign-replay2-t0001")), 1,
          io.alloyflow.workflows.campaign.opt.GpEnsemble.Model.prior(), 1, false);
      CampaignWorkflow start = env.getWorkflowClient().newWorkflowStub(CampaignWorkflow.class,
          io.temporal.client.WorkflowOptions.newBuilder().setTaskQueue(CampaignWorkflow.TASK_QUEUE)
              .setWorkflowId("campaign-replay2").build());
      io.temporal.client.WorkflowClient.start(start::run, spec("campaign-replay2", false, 10_000), carried);
      CampaignWorkflow c = env.getWorkflowClient().newWorkflowStub(CampaignWorkflow.class, "campaign-replay2");
      c.tell(new TellRequest("campaign-replay2-t0001", Map.of("hardnessScore", -12.0), "lab"));
      c.ask(new AskRequest(3, "k1"));
      c.close();
      env.getWorkflowClient().newUntypedWorkflowStub("campaign-replay2").getResult(CampaignProgress.class);
      Files.writeString(v2, env.getWorkflowClient().fetchHistory("campaign-replay2").toJson(true));
    }
    assertTrue(Files.exists(v2), "recorded history " + v2.toAbsolutePath());
    String h2 = Files.readString(v2);
    String marker = java.util.Base64.getEncoder().encodeToString(
        ("\"" + CampaignWorkflowImpl.ASK_KEY_IN_GRAPH + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(h2.contains(marker), "the v2 history holds the version marker (its change id, base64)");
    io.alloyflow.workflows.Replay.replay(h2, CampaignWorkflowImpl.class);
  }
}
