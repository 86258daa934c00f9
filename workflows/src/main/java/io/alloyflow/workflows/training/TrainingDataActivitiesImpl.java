package io.alloyflow.workflows.training;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.ingest.DataRoots;
import io.alloyflow.workflows.ingest.InputRejectedException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Stages training tables under this worker's own data roots. */
public final class TrainingDataActivitiesImpl implements TrainingDataActivities {
  private final ArtifactStore store;
  private final DataRoots roots;
  private final long maxFileBytes;

  public TrainingDataActivitiesImpl(ArtifactStore store, DataRoots roots, long maxFileBytes) {
    this.store = store;
    this.roots = roots;
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public StagedData stageTrainingData(String trainingId, String dataPath) {
    long t0 = System.currentTimeMillis();
    try {
      Path p = roots.resolve("dataPath", dataPath, maxFileBytes);
      ArtifactRef ref = store.putFile(p, "text/csv");
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      ActivityRecord rec = ActivityRecord.builder("stage-training-data", "ingest",
              new AlgorithmInfo("file-stage", "1.0", "content-addressed copy (SHA-256)",
                  Map.of("fileName", p.getFileName().toString())))
          .generated(List.of(new ArtifactUse("trainingData", "TrainingData", ref)))
          .timing(t0, System.currentTimeMillis() - t0)
          .execution(info.getWorkflowId(), info.getRunId(), info.getAttempt())
          .build();
      return new StagedData(ref, rec);
    } catch (InputRejectedException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), AnalysisWorkflowImpl.BAD_INPUT);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("staging I/O error: " + e.getMessage(), "IngestIO");
    }
  }
}
