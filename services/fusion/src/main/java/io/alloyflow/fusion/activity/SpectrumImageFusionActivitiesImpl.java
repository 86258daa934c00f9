package io.alloyflow.fusion.activity;

import io.alloyflow.activity.Heartbeater;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.fusion.api.FusedPhaseRequest;
import io.alloyflow.fusion.api.FusedPhaseResult;
import io.alloyflow.fusion.api.SpectrumImageFusionActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/** Spectrum-image fusion activities over an artifact store. */
public final class SpectrumImageFusionActivitiesImpl implements SpectrumImageFusionActivities {
  private final ArtifactStore store;

  public SpectrumImageFusionActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public FusedPhaseResult fuseSpectrumImage(FusedPhaseRequest request) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    // registration and fused phase discovery can take minutes on large maps: heartbeat meanwhile
    try (Heartbeater hb = new Heartbeater(Activity.getExecutionContext(), "fuse spectrum image")) {
      return SpectrumImageFusion.run(store, request, info.getWorkflowId(), info.getRunId(),
          info.getAttempt());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("artifact store: " + e.getMessage(),
          "StoreFailure", e);
    }
  }
}
