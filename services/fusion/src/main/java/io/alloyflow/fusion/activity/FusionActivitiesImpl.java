package io.alloyflow.fusion.activity;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.core.table.FeatureTable;
import io.alloyflow.fusion.api.FusionActivities;
import io.alloyflow.fusion.api.FusionRequest;
import io.alloyflow.fusion.api.FusionResult;
import io.alloyflow.fusion.api.PhaseSummary;
import io.alloyflow.fusion.phases.PhaseLibrary;
import io.alloyflow.fusion.phases.PhaseStatistics;
import io.alloyflow.activity.Heartbeater;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fusion activities over an artifact store. */
public final class FusionActivitiesImpl implements FusionActivities {
  private final ArtifactStore store;

  public FusionActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public FusionResult fusePhases(FusionRequest request) {
    long t0 = System.currentTimeMillis();
    // heartbeats: a killed worker is noticed after the workflow's heartbeat timeout
    try (Heartbeater hb = new Heartbeater(Activity.getExecutionContext(), "fuse phases")) {
      Micrograph m = ArrowIO.micrographFromArrow(store.get(request.micrograph()));
      LabelMap map = ArrowIO.labelMapFromArrow(store.get(request.phaseMap()));
      PhaseStatistics stats = PhaseStatistics.compute(m, map);
      List<String> names = PhaseLibrary.name(request.alloySystem(), stats.mean());
      long total = stats.totalPixels();
      List<PhaseSummary> phases = new ArrayList<>();
      int n = stats.labels().length;
      double[] label = new double[n];
      double[] fraction = new double[n];
      double[] mean = new double[n];
      double[] sd = new double[n];
      double[] pixels = new double[n];
      for (int l = 0; l < n; l++) {
        double f = (double) stats.pixels()[l] / total;
        phases.add(new PhaseSummary(l, names.get(l), f, stats.mean()[l], stats.sd()[l], stats.pixels()[l]));
        label[l] = l;
        fraction[l] = f;
        mean[l] = stats.mean()[l];
        sd[l] = stats.sd()[l];
        pixels[l] = stats.pixels()[l];
      }
      Map<String, double[]> columns = new LinkedHashMap<>();
      columns.put("label", label);
      columns.put("areaFraction", fraction);
      columns.put("meanSignal", mean);
      columns.put("sdSignal", sd);
      columns.put("pixels", pixels);
      FeatureTable table = FeatureTable.of(names, columns);
      ArtifactRef features = store.put(ArrowIO.toArrow(table), ArrowIO.MEDIA_TYPE);
      double separation = stats.minimumSeparation();
      Map<String, String> params = new LinkedHashMap<>();
      params.put("alloySystem", request.alloySystem());
      params.put("edsElements", String.join(",", request.edsElements()));
      AlgorithmInfo algo = new AlgorithmInfo("phase-statistics-by-brightness", "1.0",
          "Welford 1962, Technometrics 4:419; Reuter 1972 (BSE yield ordering)", params);
      Map<String, Double> summary = new LinkedHashMap<>();
      for (PhaseSummary p : phases) {
        summary.merge("fraction_" + p.phaseName(), p.areaFraction(), Double::sum);
      }
      summary.put("contrastSeparation", separation);
      // the naming rules used, content-addressed: one RuleSet node shared by every fusion using it
      ArtifactRef rules = store.put(
          PhaseLibrary.rules(request.alloySystem()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "text/plain");
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      ActivityRecord record = ActivityRecord.builder("fusion", "fusion", algo)
          .used(List.of(new ArtifactUse("micrograph", "Micrograph", request.micrograph()),
              new ArtifactUse("phaseMap", "PhaseMap", request.phaseMap()),
              new ArtifactUse("phaseLibrary", "RuleSet", rules)))
          .generated(List.of(new ArtifactUse("phaseFeatures", "FeatureSet", features)))
          .summary(summary)
          .timing(t0, System.currentTimeMillis() - t0)
          .execution(info.getWorkflowId(), info.getRunId(), info.getAttempt())
          .build();
      return new FusionResult(phases, features, separation, record);
    } catch (IllegalArgumentException | io.alloyflow.core.io.FormatException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("artifact store: " + e.getMessage(), "StoreFailure", e);
    }
  }
}
