package io.alloyflow.segmentation.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Segmentation activities, served by workers polling {@link #TASK_QUEUE}. */
@ActivityInterface
public interface SegmentationActivities {
  String TASK_QUEUE = "alloyflow-segmentation";

  /** Segments a micrograph (Arrow-encoded, in the artifact store) into phases. */
  @ActivityMethod
  SegmentPhasesResult segmentPhases(SegmentPhasesRequest request);
}
