package io.alloyflow.fusion.activity;

import io.alloyflow.activity.Heartbeater;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.fusion.api.InclusionActivities;
import io.alloyflow.fusion.api.InclusionClassifyRequest;
import io.alloyflow.fusion.api.InclusionFieldResult;
import io.alloyflow.fusion.api.InclusionScreenRequest;
import io.alloyflow.fusion.api.InclusionScreenResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * Inclusion-scan activities over an artifact store. Both heartbeat while they run (the first
 * screening on a worker trains the screening model, which takes tens of seconds), so a workflow's
 * heartbeat timeout notices a dead worker early. Bad input fails at once (non-retryable).
 */
public final class InclusionActivitiesImpl implements InclusionActivities {
  private final ArtifactStore store;
  private final InclusionScreeningModel.Config config;

  /** With the default screening model. */
  public InclusionActivitiesImpl(ArtifactStore store) {
    this(store, InclusionScreeningModel.Config.defaults());
  }

  /** With a given screening model configuration (tests train a smaller one). */
  public InclusionActivitiesImpl(ArtifactStore store, InclusionScreeningModel.Config config) {
    this.store = store;
    this.config = config;
  }

  @Override
  public InclusionScreenResult screenField(InclusionScreenRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    ActivityInfo info = ctx.getInfo();
    try (Heartbeater hb = new Heartbeater(ctx, "screen " + request.fieldName())) {
      InclusionScreeningModel model = InclusionScreeningModel.shared(config, () -> { });
      return InclusionScan.screen(store, request, model, info.getWorkflowId(), info.getRunId(),
          info.getAttempt());
    } catch (IllegalArgumentException | FormatException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("artifact store: " + e.getMessage(),
          "StoreFailure", e);
    }
  }

  @Override
  public InclusionFieldResult classifyField(InclusionClassifyRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    ActivityInfo info = ctx.getInfo();
    try (Heartbeater hb = new Heartbeater(ctx, "classify " + request.fieldName())) {
      return InclusionScan.classify(store, request, info.getWorkflowId(), info.getRunId(),
          info.getAttempt());
    } catch (IllegalArgumentException | FormatException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("artifact store: " + e.getMessage(),
          "StoreFailure", e);
    }
  }
}
