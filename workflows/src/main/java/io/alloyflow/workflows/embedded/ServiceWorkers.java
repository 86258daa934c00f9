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
import io.temporal.worker.Worker;
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
      java.util.List.of("workflows", "segmentation", "eds", "fusion", "prediction", "knowledge-graph");

  /** Registers all workers (the all-in-one process). */
  public static void registerAll(WorkerFactory factory, ArtifactStore store, ProvenanceGraph graph) {
    for (String name : NAMES) {
      register(factory, name, store, graph);
    }
  }

  /** Registers one named worker (a distributed deployment runs one per container). */
  public static void register(WorkerFactory factory, String name, ArtifactStore store, ProvenanceGraph graph) {
    switch (name) {
      case "workflows" -> {
        Worker wf = factory.newWorker(AnalysisWorkflow.TASK_QUEUE);
        wf.registerWorkflowImplementationTypes(AnalysisWorkflowImpl.class);
      }
      case "segmentation" -> factory.newWorker(SegmentationActivities.TASK_QUEUE)
          .registerActivitiesImplementations(new SegmentationActivitiesImpl(store));
      case "eds" -> factory.newWorker(EdsActivities.TASK_QUEUE)
          .registerActivitiesImplementations(new EdsActivitiesImpl(store));
      case "fusion" -> factory.newWorker(FusionActivities.TASK_QUEUE)
          .registerActivitiesImplementations(new FusionActivitiesImpl(store),
              new io.alloyflow.fusion.activity.SpectrumImageFusionActivitiesImpl(store));
      case "prediction" -> factory.newWorker(PredictionActivities.TASK_QUEUE)
          .registerActivitiesImplementations(new PredictionActivitiesImpl(store));
      case "knowledge-graph" -> factory.newWorker(ProvenanceActivities.TASK_QUEUE)
          .registerActivitiesImplementations(new ProvenanceActivitiesImpl(graph));
      default -> throw new IllegalArgumentException(
          "unknown worker '" + name + "': expected one of " + NAMES);
    }
  }
}
