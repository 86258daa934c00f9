package io.alloyflow.workflows.analysis;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.eds.api.EdsActivities;
import io.alloyflow.eds.api.EdsSpectrumRequest;
import io.alloyflow.eds.api.EdsSpectrumResult;
import io.alloyflow.eds.api.ElementLine;
import io.alloyflow.fusion.api.FusedPhaseRequest;
import io.alloyflow.fusion.api.FusedPhaseResult;
import io.alloyflow.fusion.api.FusionActivities;
import io.alloyflow.fusion.api.SpectrumImageFusionActivities;
import io.alloyflow.fusion.api.FusionRequest;
import io.alloyflow.fusion.api.FusionResult;
import io.alloyflow.fusion.api.PhaseSummary;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.prediction.api.PhaseMapPredictionRequest;
import io.alloyflow.prediction.api.PredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.segmentation.api.SegmentPhasesRequest;
import io.alloyflow.segmentation.api.SegmentPhasesResult;
import io.alloyflow.segmentation.api.SegmentationActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.alloyflow.workflows.ingest.IngestActivities;
import io.alloyflow.workflows.ingest.IngestedInputs;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
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

  /** Change id: ledger status writes and the ingest step (gateway submissions). */
  static final String LEDGER_CHANGE = "ledger-and-ingest";

  /** Change id: segmentation and EDS (and spectrum-image fusion) run in parallel. */
  static final String PARALLEL_CHANGE = "parallel-segmentation-eds";

  /** Change id: a spectrum image is also fused with the micrograph (registration, fused phases). */
  static final String SPECTRUM_IMAGE_FUSION_CHANGE = "spectrum-image-fusion";

  /** Change id: a dual-phase steel's phase map predicts its fracture strain (image model). */
  static final String FRACTURE_STRAIN_CHANGE = "fracture-strain-from-phase-map";

  /**
   * Compute activities: three attempts with exponential backoff (1 s, 2 s, capped at 30 s); bad
   * input is never retried.
   */
  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(3)
          .setDoNotRetry(BAD_INPUT, IllegalArgumentException.class.getName())
          .build();

  /**
   * Segmentation (U-Net inference can take minutes) heartbeats every few seconds: a dead worker is
   * noticed after the heartbeat timeout, not after the 10-minute start-to-close timeout.
   */
  private final SegmentationActivities segmentation =
      Workflow.newActivityStub(SegmentationActivities.class,
          ActivityOptions.newBuilder(options(SegmentationActivities.TASK_QUEUE, 10))
              .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
              .build());
  private final EdsActivities eds = Workflow.newActivityStub(EdsActivities.class,
      ActivityOptions.newBuilder(options(EdsActivities.TASK_QUEUE, 10)).setHeartbeatTimeout(HEARTBEAT_TIMEOUT).build());
  private final SpectrumImageFusionActivities spectrumImageFusion = Workflow.newActivityStub(
      SpectrumImageFusionActivities.class, ActivityOptions.newBuilder(options(FusionActivities.TASK_QUEUE, 10))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT).build());
  // every activity of an analysis heartbeats (the workers send one every 2 s), so a worker killed
  // in the middle of any step is noticed after the heartbeat timeout and the step is retried on
  // another worker or its restarted successor (WorkerFaultTest kills each worker mid-activity)
  private final FusionActivities fusion = Workflow.newActivityStub(FusionActivities.class,
      ActivityOptions.newBuilder(options(FusionActivities.TASK_QUEUE, 5)).setHeartbeatTimeout(HEARTBEAT_TIMEOUT).build());
  private final PredictionActivities prediction = Workflow.newActivityStub(PredictionActivities.class,
      ActivityOptions.newBuilder(options(PredictionActivities.TASK_QUEUE, 5)).setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .build());
  /**
   * Graph writes retry without a cap on attempts, backing off to 30 s between tries, for up to 30
   * minutes: an outage of Neo4j delays the analysis instead of failing it.
   */
  private final ProvenanceActivities provenance =
      Workflow.newActivityStub(
          ProvenanceActivities.class,
          ActivityOptions.newBuilder(graphWriteOptions(ProvenanceActivities.TASK_QUEUE))
              .setHeartbeatTimeout(HEARTBEAT_TIMEOUT).build());
  private final IngestActivities ingest = Workflow.newActivityStub(IngestActivities.class,
      ActivityOptions.newBuilder(options(IngestActivities.TASK_QUEUE, 10)).setHeartbeatTimeout(HEARTBEAT_TIMEOUT).build());

  /** Heartbeat timeout of the activities that heartbeat. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  private String step = "starting";
  // per-step provenance (version 1 of "per-step-provenance"): what has run so far, written to the
  // graph before each next step and, on failure, with the failed step and its reason
  private final List<ActivityRecord> records = new ArrayList<>();
  private AnalysisRequest request;
  private long started;
  private int written;
  private boolean perStep;

  /**
   * Options for graph writes, shared by every workflow that writes provenance: no cap on attempts,
   * backing off from 1 s to 30 s between tries, for up to 30 minutes, so an outage of Neo4j delays
   * a workflow instead of failing it; bad input (including an IllegalArgumentException) is not
   * retried.
   */
  public static ActivityOptions graphWriteOptions(String queue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(queue)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(0)
                .setDoNotRetry(BAD_INPUT, IllegalArgumentException.class.getName())
                .build())
        .build();
  }

  private static ActivityOptions options(String queue, int minutes) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(queue)
        .setStartToCloseTimeout(Duration.ofMinutes(minutes))
        .setRetryOptions(RETRY)
        .build();
  }

  @Override
  public AnalysisResult analyze(AnalysisRequest request) {
    WorkflowInfo info = Workflow.getInfo();
    perStep = Workflow.getVersion("per-step-provenance", Workflow.DEFAULT_VERSION, 1) >= 1;
    int version = Workflow.getVersion(LEDGER_CHANGE, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      try {
        return analyzeSteps(request);
      } catch (ActivityFailure e) {
        recordFailure(e);
        throw e;
      }
    }
    String sampleId = request == null || request.sampleId() == null ? "" : request.sampleId();
    try {
      step = "starting";
      provenance.markRunning(info.getWorkflowId(), sampleId);
      if (request != null && request.micrograph() == null && request.pending() != null) {
        step = "ingest";
        IngestedInputs in = ingest.ingest(request.pending());
        request = request.withIngested(in.micrograph(), in.eds(), in.edsKind(), in.records());
      }
      AnalysisResult result = analyzeSteps(request);
      step = "recording outcome";
      provenance.recordOutcome(info.getWorkflowId(), sampleId, "COMPLETED", "",
          AnalysisSummary.toJson(AnalysisSummary.of(result)));
      step = "done";
      return result;
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(
          () -> provenance.recordOutcome(info.getWorkflowId(), sampleId, "CANCELLED",
              "cancelled on request", "")).run();
      throw e;
    } catch (IllegalArgumentException e) {
      // a request value a step refused (e.g. a record's validation): fail now, never retry
      step = "failed";
      provenance.recordOutcome(info.getWorkflowId(), sampleId, "FAILED", e.getMessage(), "");
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), BAD_INPUT);
    } catch (TemporalFailure e) {
      if (e instanceof ActivityFailure af) {
        recordFailure(af);
      }
      String reason = AnalysisRunner.describe(e);
      step = "failed";
      provenance.recordOutcome(info.getWorkflowId(), sampleId, "FAILED",
          reason == null ? e.getClass().getSimpleName() : reason, "");
      throw e;
    }
  }

  private AnalysisResult analyzeSteps(AnalysisRequest request) {
    if (request == null || request.micrograph() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "an analysis needs a micrograph: the request carried none", BAD_INPUT);
    }
    if (request.sampleId() == null || request.sampleId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "an analysis needs a sample id: the request carried none", BAD_INPUT);
    }
    WorkflowInfo info = Workflow.getInfo();
    started = Workflow.currentTimeMillis();
    this.request = request;
    records.addAll(request.ingest());

    SegmentPhasesRequest segRequest = new SegmentPhasesRequest(
        request.micrograph(), request.segmentationMethod(), request.phaseClasses(),
        request.smoothingSigma(), request.segmentationModel());
    boolean parallel = Workflow.getVersion(PARALLEL_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean fuseImage = Workflow.getVersion(SPECTRUM_IMAGE_FUSION_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1
        && request.eds() != null && "spectrumImage".equals(request.edsKind());
    SegmentPhasesResult seg;
    EdsSpectrumResult edsResult = null;
    FusedPhaseResult fusedImage = null;
    if (parallel) {
      // segmentation, EDS and spectrum-image fusion are independent: run them at once, record
      // their provenance in a fixed order (segmentation, EDS, fusion) whatever finishes first
      enter(request.eds() == null ? "segmentation" : "segmentation+eds");
      Promise<SegmentPhasesResult> segPromise = Async.function(segmentation::segmentPhases, segRequest);
      Promise<EdsSpectrumResult> edsPromise = request.eds() == null ? null
          : Async.function(eds::analyzeSpectrum, new EdsSpectrumRequest(request.eds(), request.edsKind()));
      Promise<FusedPhaseResult> imagePromise = !fuseImage ? null
          : Async.function(spectrumImageFusion::fuseSpectrumImage,
              new FusedPhaseRequest(request.micrograph(), request.eds(), request.alloySystem(), List.of(), 0));
      seg = segPromise.get();
      records.add(seg.provenance());
      if (edsPromise != null) {
        edsResult = edsPromise.get();
        records.add(edsResult.provenance());
      }
      if (imagePromise != null) {
        // the fused spectrum-image view is an addition: when it cannot be made (registration
        // refused, retries spent) the analysis goes on with the micrograph-based fusion alone
        try {
          fusedImage = imagePromise.get();
          records.add(fusedImage.provenance());
        } catch (ActivityFailure e) {
          Workflow.getLogger(AnalysisWorkflowImpl.class).warn(
              "spectrum-image fusion skipped: {}", AnalysisRunner.describe(e));
        }
      }
    } else {
      enter("segmentation");
      seg = segmentation.segmentPhases(segRequest);
      records.add(seg.provenance());
      if (request.eds() != null) {
        enter("eds");
        edsResult = eds.analyzeSpectrum(new EdsSpectrumRequest(request.eds(), request.edsKind()));
        records.add(edsResult.provenance());
      }
    }
    List<String> elements = edsResult == null ? List.of()
        : edsResult.elements().stream().map(ElementLine::symbol).toList();

    enter("fusion");
    FusionResult fused =
        fusion.fusePhases(
            new FusionRequest(request.micrograph(), seg.phaseMap(), request.alloySystem(), elements));
    records.add(fused.provenance());

    enter("prediction");
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

    PropertyPrediction fromImage = null;
    if (Workflow.getVersion(FRACTURE_STRAIN_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1
        && io.alloyflow.core.materials.AlloySystems.DP_STEEL.equals(request.alloySystem())) {
      // an addition: when it fails the analysis goes on and the report says why
      try {
        fromImage = prediction.predictFromPhaseMap(new PhaseMapPredictionRequest("fracture-strain",
            request.alloySystem(), seg.phaseMap(), labelPhases(fused), Double.NaN, fused.featureSet(), ""));
        if (fromImage.available()) {
          if (fromImage.modelProvenance() != null) {
            records.add(fromImage.modelProvenance());
          }
          records.add(fromImage.provenance());
        }
      } catch (ActivityFailure e) {
        fromImage = PropertyPrediction.unavailable("fracture-strain", "1", AnalysisRunner.describe(e));
      }
    }

    step = "provenance";
    GraphCounts counts =
        provenance.recordAnalysis(
            new AnalysisProvenance(
                info.getWorkflowId(), info.getRunId(), info.getWorkflowType(), request.sampleId(),
                withSystem(request), started, records));
    step = "done";
    return new AnalysisResult(
        info.getWorkflowId(), info.getRunId(), seg, edsResult, fused, predictedProperty, unavailable, counts,
        fusedImage, fromImage);
  }

  /** Phase name of each label of the phase map (index = label), from the fused view. */
  private static List<String> labelPhases(FusionResult fused) {
    List<String> names = new ArrayList<>();
    for (PhaseSummary p : fused.phases()) {
      while (names.size() <= p.label()) {
        names.add("");
      }
      names.set(p.label(), p.phaseName());
    }
    return names;
  }

  /** Writes the steps done so far (status RUNNING) before the next one starts. */
  private void enter(String next) {
    if (perStep && records.size() > written) {
      provenance.recordAnalysis(snapshot().withStatus("RUNNING", "", ""));
      written = records.size();
    }
    step = next;
  }

  private AnalysisProvenance snapshot() {
    WorkflowInfo info = Workflow.getInfo();
    return new AnalysisProvenance(info.getWorkflowId(), info.getRunId(), info.getWorkflowType(),
        request.sampleId(), withSystem(request), started, records);
  }

  /** Records the analysis as FAILED with the failed step and reason; never masks the failure. */
  private void recordFailure(ActivityFailure failure) {
    if (!perStep || request == null || step.equals("provenance")) {
      return;
    }
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String reason = cause instanceof ApplicationFailure af ? af.getOriginalMessage() : cause.getMessage();
    reason = reason == null || reason.isBlank() ? cause.getClass().getSimpleName() : reason;
    try {
      provenance.recordAnalysis(snapshot().withStatus("FAILED", step, step + ": " + reason));
    } catch (ActivityFailure e) {
      // the graph is unreachable too: the workflow's own failure still reports the cause
    }
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
