package io.alloyflow.prediction.activity;

import io.alloyflow.activity.Heartbeater;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.prediction.api.ModelTrainingActivities;
import io.alloyflow.prediction.api.TrainModelRequest;
import io.alloyflow.prediction.api.TrainedModel;
import io.alloyflow.prediction.model.MlpEnsemble;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.Training;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains property models ({@link Training} with the shipped model's settings: deep MLP ensemble,
 * Lakshminarayanan et al., NeurIPS 2017, blended with XGBoost trees, grouped cross-validation and
 * conformal intervals) from a table in the artifact store,
 * heartbeating while it trains; registers the model in the {@link ModelRegistry} when asked. A bad
 * table fails at once (non-retryable, with the reason).
 */
public final class ModelTrainingActivitiesImpl implements ModelTrainingActivities {
  private final ArtifactStore store;
  private final Supplier<ModelRegistry> registry;

  /**
   * @param store artifact store with the training tables
   * @param registry the registry new models go to (opened on first registration)
   */
  public ModelTrainingActivitiesImpl(ArtifactStore store, Supplier<ModelRegistry> registry) {
    this.store = store;
    this.registry = registry;
  }

  @Override
  public TrainedModel trainPropertyModel(TrainModelRequest r) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    ActivityInfo info = ctx.getInfo();
    long t0 = System.currentTimeMillis();
    Path tmp = null;
    try (Heartbeater hb = new Heartbeater(ctx, "training " + r.property())) {
      tmp = Files.createTempDirectory("alloyflow-training-");
      Path csv = tmp.resolve("training.csv");
      Files.write(csv, store.get(r.trainingData()));
      Training.Settings d = Training.Settings.defaults();
      MlpEnsemble.Config c = d.ensemble();
      Training.Settings s = new Training.Settings(new MlpEnsemble.Config(r.members(), c.hidden(),
          r.epochs(), c.batchSize(), c.learningRate(), c.weightDecay(), c.logTarget(), r.seed()),
          r.folds(), d.foldSeed(), false, d.backgroundSize(), d.treeWeight());
      // a cancelled (or timed-out) training stops at its next fold and never registers
      Training.Result res = Training.run(csv, r.property(), s, hb.checkingLog());
      hb.checkStillWanted();
      Path dir = tmp.resolve("model");
      String version = ModelIO.save(res.model(), dir);
      ArtifactRef model = store.putFile(dir.resolve("model.json"), "application/json");
      String dataSha = Training.sha256(csv);
      boolean registered = false;
      if (r.register()) {
        ModelRegistry.Entry e = registry.get().register(dir, true, "workflow:" + info.getWorkflowId());
        version = e.version();
        registered = true;
      }
      Map<String, Double> cv = new LinkedHashMap<>();
      if (res.cv() != null && res.cv().models() != null) {
        res.cv().models().values().stream().findFirst().ifPresent(cv::putAll);
      }
      Map<String, String> params = new LinkedHashMap<>();
      params.put("property", r.property());
      params.put("members", Integer.toString(r.members()));
      params.put("epochs", Integer.toString(r.epochs()));
      params.put("folds", Integer.toString(r.folds()));
      params.put("modelVersion", version);
      params.put("trainingDataSha256", dataSha);
      params.put("registered", Boolean.toString(registered));
      Map<String, Double> summary = new LinkedHashMap<>();
      cv.forEach((k, v) -> summary.put("cv_" + k, v));
      summary.put("trainingRows", (double) res.y().length);
      ActivityRecord rec = ActivityRecord.builder("train-model", "prediction",
              new AlgorithmInfo("mlp-ensemble-training", "2", "Lakshminarayanan et al. 2017 (deep"
                  + " ensembles) blended with XGBoost (Chen and Guestrin 2016) at tree weight "
                  + d.treeWeight() + "; grouped k-fold cross-validation; split conformal intervals",
                  params))
          .used(List.of(new ArtifactUse("trainingData", "TrainingData", r.trainingData())))
          .generated(List.of(new ArtifactUse("model", "Model", model)))
          .summary(summary)
          .seed(r.seed())
          .timing(t0, System.currentTimeMillis() - t0)
          .execution(info.getWorkflowId(), info.getRunId(), info.getAttempt())
          .build();
      return new TrainedModel(version, r.property(), res.model().unit(), model, dataSha,
          registered, cv, rec);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("training I/O: " + e.getMessage(),
          "TrainingIO", e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
