package io.alloyflow.workflows.training;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Stages training tables from the data roots (served by the ingest worker). */
@ActivityInterface
public interface TrainingDataActivities {

  /** Reads a table under the data roots into the artifact store. */
  @ActivityMethod
  StagedData stageTrainingData(String trainingId, String dataPath);
}
