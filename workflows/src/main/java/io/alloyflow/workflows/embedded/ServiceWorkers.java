package io.alloyflow.workflows.embedded;

import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.eds.activity.EdsActivitiesImpl;
import io.alloyflow.eds.api.EdsActivities;
import io.alloyflow.fusion.activity.FusionActivitiesImpl;
import io.alloyflow.fusion.api.FusionActivities;
import io.alloyflow.graph.ProvenanceGraph;
import io.alloyflow.prediction.activity.PredictionActivitiesImpl;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.segmentation.activity.SegmentationActivitiesImpl;
import io.alloyflow.segmentation.api.SegmentationActivities;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivitiesImpl;
import io.alloyflow.workflows.ingest.DataRoots;
import io.alloyflow.workflows.ingest.IngestActivities;
import io.alloyflow.workflows.ingest.IngestActivitiesImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporal.worker.WorkerFactory;

/**
 * Registers every service's worker — one task queue per service, as in the distributed
 * deployment — on a worker factory. The all-in-one launcher is the only code that knows the
 * activity implementations.
 */
public final class ServiceWorkers {
  private ServiceWorkers() {}

  /** Names of the workers this process can run, one per task queue. */
  public static final java.util.List<String> NAMES =
      java.util.List.of(
          "workflows", "ingest", "segmentation", "eds", "fusion", "prediction", "knowledge-graph",
          "campaign");

  /**
   * Compute workers run at most max(2, cores) activities at once, so a burst of submissions
   * queues in Temporal (durably) instead of decoding dozens of images in one heap at the same time.
   */
  static WorkerOptions bounded() {
    int n = Math.max(2, Runtime.getRuntime().availableProcessors());
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(n)
        .setMaxConcurrentLocalActivityExecutionSize(n)
        .build();
  }

  /**
   * Options of the workflow worker. Temporal flags a workflow task that does not yield within 1 s
   * as a potential deadlock and fails the task; on a saturated two-core machine the first task of
   * a workflow type (class loading, JIT) can take longer than that without any deadlock. 10 s keeps
   * the check for real deadlocks (workflow code here never blocks) without those false alarms.
   *
   * <p>{@code -Dalloyflow.temporal.sticky=false} turns sticky execution off. A Temporal server
   * gives a workflow task queued for a dead worker's sticky queue to the shared queue after 5 s;
   * the Java test service (the embedded endpoint) does not, so a workflow whose workflow worker
   * process is killed waits forever. Turn it off when separate workflow-worker processes that may
   * die share an embedded endpoint (ComposeTopologyTest does).
   */
  static WorkerOptions workflowWorker() {
    WorkerOptions.Builder b = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000);
    if ("false".equalsIgnoreCase(System.getProperty("alloyflow.temporal.sticky", "true"))) {
      // no sticky queue: every workflow task goes to the shared queue (and replays the history)
      b.setStickyQueueScheduleToStartTimeout(java.time.Duration.ZERO);
    }
    return b.build();
  }

  /**
   * The inclusion screening model's training recipe: the default ({@code
   * InclusionScreeningModel.Config.defaults()}), or {@code -Dalloyflow.inclusion.screening=
   * TRAIN_FIELDS,CALIBRATION_FIELDS,TREES,DEPTH,SEED} for a smaller, quicker one (the tests' stacks
   * use {@code 4,2,60,4,11}). The recipe is part of the model's id in every screening record.
   */
  static io.alloyflow.fusion.activity.InclusionScreeningModel.Config screeningConfig() {
    String v = System.getProperty("alloyflow.inclusion.screening");
    if (v == null || v.isBlank()) {
      return io.alloyflow.fusion.activity.InclusionScreeningModel.Config.defaults();
    }
    String[] p = v.split(",");
    try {
      if (p.length != 5) {
        throw new NumberFormatException();
      }
      return new io.alloyflow.fusion.activity.InclusionScreeningModel.Config(Integer.parseInt(p[0].trim()),
          Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()), Integer.parseInt(p[3].trim()),
          Long.parseLong(p[4].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("alloyflow.inclusion.screening must be TRAIN_FIELDS,CALIBRATION_FIELDS,"
          + "TREES,DEPTH,SEED (five whole numbers), found '" + v + "'");
    }
  }

  /** Registers all workers (the all-in-one process). */
  public static void registerAll(
      WorkerFactory factory, ArtifactStore store, ProvenanceGraph graph, DataRoots roots, long maxInputBytes) {
    for (String name : NAMES) {
      register(factory, name, store, graph, roots, maxInputBytes);
    }
  }

  /**
   * Registers one named worker (a distributed deployment runs one per container).
   *
   * @param roots data roots the ingest worker may read submitted paths from
   * @param maxInputBytes largest input file the ingest worker reads
   */
  public static void register(
      WorkerFactory factory, String name, ArtifactStore store, ProvenanceGraph graph, DataRoots roots,
      long maxInputBytes) {
    switch (name) {
      case "workflows" -> {
        Worker wf = factory.newWorker(AnalysisWorkflow.TASK_QUEUE, workflowWorker());
        // a bad value that slips into workflow code fails the analysis instead of retrying forever
        wf.registerWorkflowImplementationTypes(
            WorkflowImplementationOptions.newBuilder()
                .setFailWorkflowExceptionTypes(IllegalArgumentException.class, NullPointerException.class)
                .build(),
            AnalysisWorkflowImpl.class, io.alloyflow.workflows.campaign.CampaignWorkflowImpl.class,
            io.alloyflow.workflows.candidate.CandidateEvaluationWorkflowImpl.class,
            io.alloyflow.workflows.batch.BatchAnalysisWorkflowImpl.class,
            io.alloyflow.workflows.inclusion.InclusionScanWorkflowImpl.class,
            io.alloyflow.workflows.training.ModelTrainingWorkflowImpl.class);
      }
      case "ingest" -> factory.newWorker(IngestActivities.TASK_QUEUE, bounded())
          .registerActivitiesImplementations(new IngestActivitiesImpl(store, roots, maxInputBytes),
              new io.alloyflow.workflows.inclusion.InclusionScanActivitiesImpl(store, roots, maxInputBytes),
              new io.alloyflow.workflows.training.TrainingDataActivitiesImpl(store, roots, maxInputBytes));
      case "segmentation" -> factory.newWorker(SegmentationActivities.TASK_QUEUE, bounded())
          .registerActivitiesImplementations(new SegmentationActivitiesImpl(store));
      case "eds" -> factory.newWorker(EdsActivities.TASK_QUEUE, bounded())
          .registerActivitiesImplementations(new EdsActivitiesImpl(store));
      case "fusion" -> factory.newWorker(FusionActivities.TASK_QUEUE, bounded())
          .registerActivitiesImplementations(new FusionActivitiesImpl(store),
              new io.alloyflow.fusion.activity.SpectrumImageFusionActivitiesImpl(store),
              new io.alloyflow.fusion.activity.InclusionActivitiesImpl(store, screeningConfig()));
      case "prediction" -> factory.newWorker(PredictionActivities.TASK_QUEUE, bounded())
          .registerActivitiesImplementations(new PredictionActivitiesImpl(store),
              new io.alloyflow.prediction.activity.ModelTrainingActivitiesImpl(store,
                  io.alloyflow.prediction.registry.ModelRegistry::openDefault));
      case "knowledge-graph" -> factory.newWorker(ProvenanceActivities.TASK_QUEUE)
          .registerActivitiesImplementations(new ProvenanceActivitiesImpl(graph),
              new io.alloyflow.workflows.ledger.SubmissionActivitiesImpl(
                  new io.alloyflow.workflows.ledger.WorkflowLedger(graph.driver())));
      case "campaign" -> factory.newWorker(io.alloyflow.workflows.campaign.CampaignActivities.TASK_QUEUE, bounded())
          .registerActivitiesImplementations(new io.alloyflow.workflows.campaign.CampaignActivitiesImpl(
              new io.alloyflow.workflows.campaign.CampaignGraph(graph)),
              new io.alloyflow.workflows.candidate.CandidateActivitiesImpl(store));
      default -> throw new IllegalArgumentException(
          "unknown worker '" + name + "': expected one of " + NAMES);
    }
  }
}
