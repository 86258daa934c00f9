package io.alloyflow.workflows.training;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.prediction.api.ModelTrainingActivities;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.prediction.api.TrainModelRequest;
import io.alloyflow.prediction.api.TrainedModel;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.ingest.IngestActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Orchestration only: see {@link ModelTrainingWorkflow}. Training heartbeats; a worker that dies
 * is noticed after {@link #HEARTBEAT_TIMEOUT} and the training retried (twice, with backoff). A
 * cancellation reaches the training at its next heartbeat and the workflow ends cancelled without
 * registering anything: the training activity stops at its next cross-validation fold and checks
 * again before it registers ({@link io.alloyflow.activity.Heartbeater#checkStillWanted()}), so an
 * abandoned training neither runs on nor registers its model later.
 */
public class ModelTrainingWorkflowImpl implements ModelTrainingWorkflow {
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);

  private final TrainingDataActivities files = Workflow.newActivityStub(
      TrainingDataActivities.class, ActivityOptions.newBuilder()
          .setTaskQueue(IngestActivities.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3)
              .setDoNotRetry(AnalysisWorkflowImpl.BAD_INPUT).build())
          .build());
  private final ModelTrainingActivities training = Workflow.newActivityStub(
      ModelTrainingActivities.class, ActivityOptions.newBuilder()
          .setTaskQueue(PredictionActivities.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofHours(2))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setCancellationType(ActivityCancellationType.TRY_CANCEL)
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(5))
              .setBackoffCoefficient(2)
              .setMaximumAttempts(3)
              .setDoNotRetry(AnalysisWorkflowImpl.BAD_INPUT).build())
          .build());
  private final ProvenanceActivities provenance = Workflow.newActivityStub(
      ProvenanceActivities.class, AnalysisWorkflowImpl.graphWriteOptions(ProvenanceActivities.TASK_QUEUE));

  private String step = "starting";

  @Override
  public ModelTrainingResult train(ModelTrainingRequest r) {
    long started = Workflow.currentTimeMillis();
    List<ActivityRecord> records = new ArrayList<>();
    try {
      step = "staging";
      StagedData data = files.stageTrainingData(r.trainingId(), r.dataPath());
      records.add(data.provenance());
      step = "training";
      TrainedModel m = training.trainPropertyModel(new TrainModelRequest(r.property(),
          data.data(), r.members(), r.epochs(), r.folds(), r.seed(), r.register()));
      records.add(m.provenance());
      step = "recording";
      provenance.recordAnalysis(new AnalysisProvenance(r.trainingId(),
          Workflow.getInfo().getRunId(), "ModelTrainingWorkflow",
          "training-data-" + m.trainingDataSha256().substring(0, 16),
          Map.of("kind", "training-data", "sha256", m.trainingDataSha256()), started, records,
          "COMPLETED", "", ""));
      ModelTrainingResult result = new ModelTrainingResult(r.trainingId(), m);
      io.alloyflow.workflows.ledger.SubmissionActivities.recordFromWorkflow(result);
      step = "done";
      return result;
    } catch (CanceledFailure e) {
      step = "cancelled";
      throw e;
    }
  }

  @Override
  public String progress() {
    return step;
  }
}
