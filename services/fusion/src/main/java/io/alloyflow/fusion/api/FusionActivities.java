package io.alloyflow.fusion.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Fusion activities, served by workers polling {@link #TASK_QUEUE}. */
@ActivityInterface
public interface FusionActivities {
  String TASK_QUEUE = "alloyflow-fusion";

  /** Per-phase statistics of the micrograph under a phase map, and phase identification. */
  @ActivityMethod
  FusionResult fusePhases(FusionRequest request);
}
