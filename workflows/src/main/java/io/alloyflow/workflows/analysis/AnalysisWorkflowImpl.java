package io.alloyflow.workflows.analysis;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.eds.api.EdsActivities;
import io.alloyflow.eds.api.EdsSpectrumRequest;
import io.alloyflow.eds.api.EdsSpectrumResult;
import io.alloyflow.eds.api.ElementLine;
import io.alloyflow.fusion.api.FusionActivities;
import io.alloyflow.fusion.api.FusionRequest;
import io.alloyflow.fusion.api.FusionResult;
import io.alloyflow.fusion.api.PhaseSummary;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.prediction.api.PredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.segmentation.api.SegmentPhasesRequest;
import io.alloyflow.segmentation.api.SegmentPhasesResult;
import io.alloyflow.segmentation.api.SegmentationActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orchestration only: see {@link AnalysisWorkflow}. */
public class AnalysisWorkflowImpl implements AnalysisWorkflow {
  /** Error type of non-retryable bad-input failures raised by activities and workflows. */
  public static final String BAD_INPUT = "BadInput";

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumAttempts(3)
          .setDoNotRetry(BAD_INPUT, IllegalArgumentException.class.getName())
          .build();

  private final SegmentationActivities segmentation =
      Workflow.newActivityStub(SegmentationActivities.class, options(SegmentationActivities.TASK_QUEUE, 10));
  private final EdsActivities eds =
      Workflow.newActivityStub(EdsActivities.class, options(EdsActivities.TASK_QUEUE, 10));
  private final FusionActivities fusion =
      Workflow.newActivityStub(FusionActivities.class, options(FusionActivities.TASK_QUEUE, 5));
  private final PredictionActivities prediction =
      Workflow.newActivityStub(PredictionActivities.class, options(PredictionActivities.TASK_QUEUE, 5));
  private final ProvenanceActivities provenance =
      Workflow.newActivityStub(ProvenanceActivities.class, options(ProvenanceActivities.TASK_QUEUE, 2));

  private String step = "starting";

  private static ActivityOptions options(String queue, int minutes) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(queue)
        .setStartToCloseTimeout(Duration.ofMinutes(minutes))
        .setRetryOptions(RETRY)
        .build();
  }

  @Override
  public AnalysisResult analyze(AnalysisRequest request) {
    if (request == null || request.micrograph() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "an analysis needs a micrograph: the request carried none", BAD_INPUT);
    }
    if (request.sampleId() == null || request.sampleId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "an analysis needs a sample id: the request carried none", BAD_INPUT);
    }
    WorkflowInfo info = Workflow.getInfo();
    long started = Workflow.currentTimeMillis();
    List<ActivityRecord> records = new ArrayList<>(request.ingest());

    step = "segmentation";
    SegmentPhasesResult seg =
        segmentation.segmentPhases(
            new SegmentPhasesRequest(
                request.micrograph(), request.segmentationMethod(), request.phaseClasses(),
                request.smoothingSigma(), request.segmentationModel()));
    records.add(seg.provenance());

    EdsSpectrumResult edsResult = null;
    List<String> elements = List.of();
    if (request.eds() != null) {
      step = "eds";
      edsResult = eds.analyzeSpectrum(new EdsSpectrumRequest(request.eds(), request.edsKind()));
      records.add(edsResult.provenance());
      elements = edsResult.elements().stream().map(ElementLine::symbol).toList();
    }

    step = "fusion";
    FusionResult fused =
        fusion.fusePhases(
            new FusionRequest(request.micrograph(), seg.phaseMap(), request.alloySystem(), elements));
    records.add(fused.provenance());

    step = "prediction";
    PropertyPrediction predictedProperty = null;
    String unavailable = "";
    Map<String, Double> fractions = new LinkedHashMap<>();
    for (PhaseSummary p : fused.phases()) {
      fractions.merge(p.phaseName(), p.areaFraction(), Double::sum);
    }
    // a composition quantified from EDS lets the registry's composition model predict (with the
    // EDS uncertainty propagated); without one the labelled baseline answers
    Map<String, Double> composition = edsResult == null ? Map.of() : edsResult.composition();
    PropertyPrediction predicted =
        prediction.predictProperty(
            new PredictionRequest(
                "hardness", request.alloySystem(), fractions, composition,
                edsResult == null ? Map.of() : edsResult.compositionSigma(),
                request.sampleProperties().getOrDefault("processing", ""),
                request.sampleProperties().getOrDefault("phases", ""), Double.NaN,
                fused.featureSet(), composition.isEmpty() ? null : request.eds()));
    if (predicted.available()) {
      predictedProperty = predicted;
      if (predicted.modelProvenance() != null) {
        records.add(predicted.modelProvenance());
      }
      records.add(predicted.provenance());
    } else {
      unavailable = predicted.unavailableReason();
    }

    step = "provenance";
    GraphCounts counts =
        provenance.recordAnalysis(
            new AnalysisProvenance(
                info.getWorkflowId(), info.getRunId(), info.getWorkflowType(), request.sampleId(),
                withSystem(request), started, records));
    step = "done";
    return new AnalysisResult(
        info.getWorkflowId(), info.getRunId(), seg, edsResult, fused, predictedProperty, unavailable, counts);
  }

  private static Map<String, String> withSystem(AnalysisRequest r) {
    Map<String, String> m = new LinkedHashMap<>(r.sampleProperties());
    m.put("alloySystem", r.alloySystem());
    return m;
  }

  @Override
  public String currentStep() {
    return step;
  }
}
