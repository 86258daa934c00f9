package io.alloyflow.fusion.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Fusion of a micrograph with an EDS spectrum image (registration, fused phase discovery),
 * served on {@link FusionActivities#TASK_QUEUE} beside {@link FusionActivities}. A separate
 * interface keeps {@link FusionActivities} a single-method contract for existing callers.
 */
@ActivityInterface
public interface SpectrumImageFusionActivities {

  /** Registers the images and discovers the phases from the fused feature stack. */
  @ActivityMethod
  FusedPhaseResult fuseSpectrumImage(FusedPhaseRequest request);
}
