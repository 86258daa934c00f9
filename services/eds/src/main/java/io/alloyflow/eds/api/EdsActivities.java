package io.alloyflow.eds.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** EDS activities, served by workers polling {@link #TASK_QUEUE}. */
@ActivityInterface
public interface EdsActivities {
  String TASK_QUEUE = "alloyflow-eds";

  /** Calibrates a spectrum (or a spectrum image's sum spectrum) and identifies its elements. */
  @ActivityMethod
  EdsSpectrumResult analyzeSpectrum(EdsSpectrumRequest request);
}
