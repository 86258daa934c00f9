package io.alloyflow.fusion.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Inclusion-scan activities of the fusion service, served on {@link FusionActivities#TASK_QUEUE}
 * beside the other fusion activities: BSE-first screening of one field ({@link #screenField}),
 * then classification of the field with EDS spectra for the particles the screening was unsure
 * of ({@link #classifyField}). Which particles get an EDS acquisition is the workflow's decision,
 * made from the screening result; the first screening on a worker trains the screening model
 * (heartbeating while it trains).
 */
@ActivityInterface
public interface InclusionActivities {

  /**
   * Detects the particles of a BSE field, classifies each from BSE features alone with a
   * calibrated probability, flags those below the confidence threshold as uncertain and maps the
   * field's EDS spot positions onto the particles.
   */
  @ActivityMethod
  InclusionScreenResult screenField(InclusionScreenRequest request);

  /**
   * Classifies a screened field: particles with a spectrum by the rule set on their quantified
   * EDS composition, the others keep their BSE class; builds the field's cleanliness numbers.
   */
  @ActivityMethod
  InclusionFieldResult classifyField(InclusionClassifyRequest request);
}
