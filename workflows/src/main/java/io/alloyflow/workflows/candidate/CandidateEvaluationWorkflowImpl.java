package io.alloyflow.workflows.candidate;

import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.ledger.SubmissionActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Orchestration only: see {@link CandidateEvaluationWorkflow}. */
public class CandidateEvaluationWorkflowImpl implements CandidateEvaluationWorkflow {
  private final CandidateActivities synthesis = Workflow.newActivityStub(CandidateActivities.class,
      ActivityOptions.newBuilder()
          .setTaskQueue(CandidateActivities.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(1))
              .setBackoffCoefficient(2)
              .setMaximumAttempts(3)
              .setDoNotRetry(AnalysisWorkflowImpl.BAD_INPUT, IllegalArgumentException.class.getName())
              .build())
          .build());
  private String step = "starting";

  @Override
  public CandidateResult evaluate(CandidateRequest request) {
    step = "synthesis";
    SynthesizedCandidate s = synthesis.synthesize(request);
    step = "analysis";
    String analysisId = "analysis-" + request.candidateId();
    AnalysisWorkflow child = Workflow.newChildWorkflowStub(AnalysisWorkflow.class,
        ChildWorkflowOptions.newBuilder().setWorkflowId(analysisId).setTaskQueue(AnalysisWorkflow.TASK_QUEUE).build());
    AnalysisResult a = child.analyze(new AnalysisRequest(request.candidateId(),
        Map.of("candidate", request.candidateId(), "generator", "mpea-AlxCoCrFeNi"), "unknown",
        s.micrograph(), s.spectrum(), "spectrum", "otsu", 2, 1.0, List.of(s.provenance())));
    CandidateResult result = new CandidateResult(request.candidateId(), a.analysisId(),
        a.segmentation().phaseFractions(), a.eds() == null ? Map.of() : a.eds().composition(), a.prediction(),
        a.predictionUnavailable(), s.truth());
    step = "recording";
    SubmissionActivities.recordFromWorkflow(result);
    step = "done";
    return result;
  }

  @Override
  public String currentStep() {
    return step;
  }
}
