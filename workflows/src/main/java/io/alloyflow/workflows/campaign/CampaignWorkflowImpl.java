package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.campaign.opt.BatchProposer;
import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Orchestration only: see {@link CampaignWorkflow}. Handlers run one at a time under a workflow
 * lock, so concurrent asks never see the same pending set; the state changes only after the
 * activities of a handler succeeded, so a failed ask or tell leaves no half-made trial. Proposal
 * seeds derive from the campaign's seed and the ask number (no randomness in workflow code).
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {
  /** Error type of requests the campaign refuses (unknown trial, conflicting tell, ...). */
  public static final String REFUSED = "CampaignRefused";
  /** Version id: asks record their idempotency key in the graph (for {@link CampaignResumer}). */
  static final String ASK_KEY_IN_GRAPH = "ask-key-in-graph";

  private final CampaignActivities compute = Workflow.newActivityStub(CampaignActivities.class,
      ActivityOptions.newBuilder()
          .setTaskQueue(CampaignActivities.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(1))
              .setBackoffCoefficient(2)
              .setMaximumInterval(Duration.ofSeconds(30))
              .setMaximumAttempts(5)
              .setDoNotRetry(AnalysisWorkflowImpl.BAD_INPUT, IllegalArgumentException.class.getName())
              .build())
          .build());
  /** Graph writes retry without an attempt cap for up to 30 minutes (as the analysis' do). */
  private final CampaignActivities graph = Workflow.newActivityStub(CampaignActivities.class,
      AnalysisWorkflowImpl.graphWriteOptions(CampaignActivities.TASK_QUEUE));

  private final WorkflowLock lock = Workflow.newWorkflowLock();
  private CampaignSpec spec;
  private CampaignState state;

  @Override
  public CampaignProgress run(CampaignSpec spec, CampaignState carried) {
    this.spec = spec;
    if (carried == null) {
      state = CampaignState.start();
      graph.recordCampaign(spec, "RUNNING");
    } else {
      state = carried.nextRun();
    }
    Workflow.await(() -> state.closed() || Workflow.getInfo().getHistoryLength() > spec.maxHistoryEvents());
    // no handler may be cut off by the end of this run
    Workflow.await(() -> Workflow.isEveryHandlerFinished() && !lock.isHeld());
    if (!state.closed()) {
      Workflow.continueAsNew(spec, state);
    }
    graph.recordCampaign(spec, "CLOSED");
    return progress();
  }

  @Override
  public void validateAsk(AskRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("an ask needs a body with n");
    }
    if (state != null && state.closed()) {
      throw new IllegalArgumentException("the campaign is closed");
    }
  }

  @Override
  public Trials ask(AskRequest request) {
    // an update may arrive in the first workflow task, before run() set the state up
    Workflow.await(() -> state != null);
    lock.lock();
    try {
      if (!request.key().isEmpty() && state.askKeys().containsKey(request.key())) {
        return new Trials(state.askKeys().get(request.key()).stream().map(state::trial).toList());
      }
      int askNumber = state.asks() + 1;
      List<BatchProposer.Proposal> proposals = compute.propose(spec, state.trials(), state.model(),
          request.n(), spec.seed() * 1_000_003L + askNumber);
      List<Trial> added = new ArrayList<>();
      int number = state.trials().size();
      String status = spec.requireApproval() ? Trial.AWAITING_APPROVAL : Trial.PENDING;
      for (BatchProposer.Proposal p : proposals) {
        number++;
        double sign = spec.sign();
        added.add(new Trial(trialId(number), number, askNumber, spec.space().fromUnit(p.unit()),
            sign * p.mean(), p.std(), p.acquisition(), status, Map.of()));
      }
      if (Workflow.getVersion(ASK_KEY_IN_GRAPH, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
        graph.recordTrials(spec.campaignId(), added);
      } else {
        // the graph keeps the ask key too, so a campaign resumed from it answers a retried ask
        graph.recordAsk(spec.campaignId(), request.key(), added);
      }
      state = state.asked(added, request.key());
      return new Trials(added);
    } finally {
      lock.unlock();
    }
  }

  private String trialId(int number) {
    return spec.campaignId() + "-t" + String.format("%04d", number);
  }

  @Override
  public void validateTell(TellRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("a tell needs a body with trialId and measurements");
    }
    if (state != null && state.closed()) {
      throw new IllegalArgumentException("the campaign is closed");
    }
    if (state == null) {
      return; // the handler waits for the state; it checks again under the lock
    }
    Trial t = state.trial(request.trialId());
    if (t == null) {
      throw new IllegalArgumentException("no trial '" + request.trialId() + "' in " + spec.campaignId());
    }
    if (!request.measurements().containsKey(spec.objective())) {
      throw new IllegalArgumentException("the measurements must include the objective '" + spec.objective()
          + "', found " + request.measurements().keySet());
    }
    if (t.status().equals(Trial.AWAITING_APPROVAL)) {
      throw new IllegalArgumentException("trial '" + t.trialId() + "' was not approved: it must not have run");
    }
    if (t.status().equals(Trial.COMPLETED) && !t.measurements().equals(request.measurements())) {
      throw new IllegalArgumentException("trial '" + t.trialId() + "' was already told other measurements "
          + t.measurements() + "; a trial is told once");
    }
  }

  @Override
  public Trial tell(TellRequest request) {
    Workflow.await(() -> state != null);
    lock.lock();
    try {
      Trial t = state.trial(request.trialId());
      if (t == null || t.status().equals(Trial.AWAITING_APPROVAL)
          || !request.measurements().containsKey(spec.objective())) {
        throw ApplicationFailure.newNonRetryableFailure("trial '" + request.trialId()
            + "' is unknown or not approved, or the measurements lack the objective '" + spec.objective() + "'",
            REFUSED);
      }
      if (t.status().equals(Trial.COMPLETED)) {
        if (t.measurements().equals(request.measurements())) {
          return t;
        }
        throw ApplicationFailure.newNonRetryableFailure(
            "trial '" + t.trialId() + "' was already told other measurements", REFUSED);
      }
      Trial done = t.completed(request.measurements());
      graph.recordTell(spec, done, request.enteredBy());
      state = state.with(done);
      int completed = state.completed().size();
      if (completed - state.model().trainedOn() >= spec.retrainEvery()) {
        GpEnsemble.Model model = compute.train(spec, state.completed());
        graph.recordModel(spec.campaignId(), model);
        state = state.withModel(model);
      }
      return done;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void approve(List<String> trialIds) {
    Workflow.await(() -> state != null);
    // the approval holds at once (a tell right after the signal sees it); the graph follows
    List<Trial> changed = new ArrayList<>();
    for (String id : trialIds == null ? List.<String>of() : trialIds) {
      Trial t = state.trial(id);
      if (t != null && t.status().equals(Trial.AWAITING_APPROVAL)) {
        changed.add(t.withStatus(Trial.PENDING));
        state = state.with(t.withStatus(Trial.PENDING));
      }
    }
    if (!changed.isEmpty()) {
      graph.recordTrials(spec.campaignId(), changed);
    }
  }

  @Override
  public void close() {
    Workflow.await(() -> state != null);
    state = state.close();
  }

  @Override
  public CampaignProgress progress() {
    if (state == null) {
      return new CampaignProgress(spec == null ? "" : spec.campaignId(), "STARTING", 0, 0, 0, "", Double.NaN, 0, 1);
    }
    String bestId = "";
    double best = Double.NaN;
    for (Trial t : state.completed()) {
      double v = t.measurements().get(spec.objective());
      if (bestId.isEmpty() || spec.sign() * v > spec.sign() * best) {
        bestId = t.trialId();
        best = v;
      }
    }
    int completed = state.completed().size();
    return new CampaignProgress(spec.campaignId(), state.closed() ? "CLOSED" : "RUNNING",
        state.trials().size(), completed, state.trials().size() - completed, bestId, best,
        state.model().trainedOn(), state.runs());
  }

  @Override
  public Trials trials() {
    return new Trials(state == null ? List.of() : state.trials());
  }
}
