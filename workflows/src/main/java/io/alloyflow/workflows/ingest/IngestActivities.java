package io.alloyflow.workflows.ingest;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Decodes, validates and stores the input files of a submitted analysis (first workflow step). */
@ActivityInterface
public interface IngestActivities {
  String TASK_QUEUE = "alloyflow-ingest";

  @ActivityMethod
  IngestedInputs ingest(IngestRequest request);
}
