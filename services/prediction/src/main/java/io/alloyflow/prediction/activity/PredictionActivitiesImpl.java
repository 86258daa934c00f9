package io.alloyflow.prediction.activity;

import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.prediction.api.PhaseMapPredictionRequest;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.prediction.api.PredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.prediction.imagemodels.PhaseMapPredictionService;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.service.PredictionService;
import io.alloyflow.activity.Heartbeater;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/** Prediction activities over an artifact store and a model registry. */
public final class PredictionActivitiesImpl implements PredictionActivities {
  private final PredictionService service;
  private final PhaseMapPredictionService images;

  /** Models from the default registry ({@code <repo>/.alloyflow/registry}, else the shipped ones). */
  public PredictionActivitiesImpl(ArtifactStore store) {
    this(store, ModelRegistry.openDefault());
  }

  public PredictionActivitiesImpl(ArtifactStore store, ModelRegistry registry) {
    this.service = new PredictionService(store, registry);
    this.images = new PhaseMapPredictionService(store, ShippedModels.installed());
  }

  @Override
  public PropertyPrediction predictProperty(PredictionRequest request) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    // heartbeats: a killed worker is noticed after the workflow's heartbeat timeout
    try (Heartbeater hb = new Heartbeater(Activity.getExecutionContext(), "predict " + request.property())) {
      return service.predict(
          request, new PredictionService.Context(info.getWorkflowId(), info.getRunId(), info.getAttempt()));
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "prediction could not read its model or store its results: " + e.getMessage(), "StoreFailure", e);
    }
  }

  @Override
  public PropertyPrediction predictFromPhaseMap(PhaseMapPredictionRequest request) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    try (Heartbeater hb = new Heartbeater(Activity.getExecutionContext(), "predict " + request.property())) {
      return images.predict(request, new PhaseMapPredictionService.Context(
          info.getWorkflowId(), info.getRunId(), info.getAttempt()));
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "phase-map prediction could not read its inputs or store its results: " + e.getMessage(),
          "StoreFailure", e);
    }
  }
}
