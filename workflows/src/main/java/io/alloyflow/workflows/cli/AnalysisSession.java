package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.ingest.Ingest;
import io.alloyflow.workflows.report.ReportWriter;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one analysis end to end on a stack and writes its report (shared by demo and analyze). */
final class AnalysisSession {
  private AnalysisSession() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> run(
      StackSettings settings,
      Path micrograph,
      double pixelSizeUm,
      Path eds,
      String sampleId,
      String alloySystem,
      String method,
      int classes,
      double smoothingSigma,
      Map<String, String> sampleProperties,
      Map<String, Object> truth,
      ModelTraining.Trainer trainer,
      Path out,
      PrintStream log)
      throws Exception {
    Ingest.validate(micrograph, pixelSizeUm, eds);
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    try (AlloyflowStack stack = AlloyflowStack.start(settings, s -> log.println("  " + s))) {
      stack.startWorkers();
      log.printf("stack ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      String analysisId = AnalysisRunner.newAnalysisId();
      log.println("ingesting " + micrograph + (eds == null ? "" : " + " + eds));
      AnalysisInputs inputs = Ingest.ingest(stack.store(), analysisId, micrograph, pixelSizeUm, eds);
      List<ActivityRecord> prior = new ArrayList<>(inputs.ingest());
      ArtifactRef model = null;
      if (trainer != null) {
        long tt = System.nanoTime();
        ModelTraining trained = trainer.train(stack.store(), analysisId);
        prior.add(trained.record());
        model = trained.model();
        boolean reused = trained.record().algorithm().parameters().containsKey("reused");
        log.printf("%s the %s model in %.1f s (%s)%n", reused ? "reused" : "trained", method,
            (System.nanoTime() - tt) / 1e9, model.uri().substring(0, 19));
      }
      AnalysisRequest request =
          new AnalysisRequest(
              sampleId, sampleProperties, alloySystem, inputs.micrographRef(), inputs.eds(),
              inputs.edsKind(), method, classes, smoothingSigma, prior, model);
      log.println("analysis " + analysisId + " started");
      AnalysisResult result;
      try {
        result = AnalysisRunner.run(stack.client(), analysisId, request, s -> log.println("  " + s));
      } catch (AnalysisRunner.AnalysisFailedException e) {
        throw new IllegalStateException("analysis " + analysisId + " failed: " + e.getMessage(), e);
      }
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("id", sampleId);
      sample.put("alloySystem", alloySystem);
      sample.putAll(sampleProperties);
      Map<String, Object> graphTotals = new LinkedHashMap<>();
      graphTotals.put("analysesOfSample", stack.graph().analysesOfSample(sampleId).size());
      graphTotals.put("analyses", stack.graph().countLabel("Analysis"));
      graphTotals.put("entities", stack.graph().countLabel("Entity"));
      graphTotals.put("micrographs", stack.graph().countLabel("Micrograph"));
      Map<String, Object> report =
          ReportWriter.write(out, stack.store(), sample, inputs, result, truth, stack.graphConfig().uri(),
              graphTotals);
      log.printf(
          "done in %.1f s: %s%n  phases %s%n  provenance: %d nodes, %d edges in Neo4j%n",
          (System.nanoTime() - t0) / 1e9, out.resolve("report.html"),
          result.segmentation().phaseFractions(), result.graph().nodes(), result.graph().edges());
      log.printf("  graph holds %s analyses of %s (%s in all), %s entities, %s micrographs%n",
          graphTotals.get("analysesOfSample"), sampleId, graphTotals.get("analyses"),
          graphTotals.get("entities"), graphTotals.get("micrographs"));
      if (result.prediction() != null) {
        var p = result.prediction();
        log.printf("  %s %.0f +/- %.0f %s (%s)%n", p.property(), p.mean(), p.std(), p.unit(), p.modelVersion());
      }
      if (result.imagePrediction() != null) {
        var p = result.imagePrediction();
        log.println(p.available()
            ? String.format(java.util.Locale.ROOT, "  %s %.3f +/- %.3f from the phase map (%s)",
                p.property(), p.mean(), p.std(), p.modelVersion())
            : "  " + p.property() + ": not predicted (" + p.unavailableReason() + ")");
      }
      return report;
    }
  }
}
