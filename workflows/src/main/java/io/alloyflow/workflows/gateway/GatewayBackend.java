package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.ingest.Ingest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** What the gateway's HTTP layer calls; knows the stack, not HTTP. */
public final class GatewayBackend {
  private final AlloyflowStack stack;
  private final Map<String, CompletableFuture<AnalysisResult>> running = new ConcurrentHashMap<>();
  private final Map<String, AnalysisWorkflow> stubs = new ConcurrentHashMap<>();

  public GatewayBackend(AlloyflowStack stack) {
    this.stack = stack;
  }

  /** Health of Temporal and Neo4j. */
  public Map<String, Object> health() {
    Map<String, Object> h = new LinkedHashMap<>();
    boolean ok = true;
    try {
      stack.client().getWorkflowServiceStubs().blockingStub()
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      h.put("temporal", Map.of("status", "UP", "target", stack.temporalTarget()));
    } catch (RuntimeException e) {
      ok = false;
      h.put("temporal", Map.of("status", "DOWN", "error", String.valueOf(e.getMessage())));
    }
    try {
      stack.graph().verifyConnectivity();
      h.put("neo4j", Map.of("status", "UP", "uri", stack.graphConfig().uri()));
    } catch (RuntimeException e) {
      ok = false;
      h.put("neo4j", Map.of("status", "DOWN", "error", String.valueOf(e.getMessage())));
    }
    h.put("status", ok ? "UP" : "DOWN");
    return h;
  }

  /** Ingests files readable by this server and starts an analysis. */
  public String submit(Submission s) throws IOException {
    String id = AnalysisRunner.newAnalysisId();
    AnalysisInputs in =
        Ingest.ingest(stack.store(), id, Path.of(s.micrographPath()), s.pixelSizeUm(),
            s.edsPath() == null ? null : Path.of(s.edsPath()));
    AnalysisRequest req =
        new AnalysisRequest(
            s.sampleId(), Map.of("source", s.micrographPath()), s.alloySystem(), in.micrographRef(),
            in.eds(), in.edsKind(), s.method(), s.classes(), 2.0, in.ingest());
    AnalysisWorkflow wf = AnalysisRunner.start(stack.client(), id, req);
    stubs.put(id, wf);
    running.put(id, WorkflowStub.fromTyped(wf).getResultAsync(AnalysisResult.class));
    return id;
  }

  /** Status of an analysis started through this gateway. */
  public Map<String, Object> status(String id) {
    CompletableFuture<AnalysisResult> f = running.get(id);
    if (f == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analysisId", id);
    if (!f.isDone()) {
      m.put("status", "RUNNING");
      try {
        m.put("step", stubs.get(id).currentStep());
      } catch (RuntimeException e) {
        m.put("step", "starting");
      }
    } else if (f.isCompletedExceptionally()) {
      m.put("status", "FAILED");
      try {
        f.join();
      } catch (RuntimeException e) {
        m.put("error", AnalysisRunner.describe(e.getCause() == null ? e : e.getCause()));
      }
    } else {
      AnalysisResult r = f.join();
      m.put("status", "COMPLETED");
      m.put("phaseFractions", r.segmentation().phaseFractions());
      m.put("elements", r.eds() == null ? List.of()
          : r.eds().elements().stream().map(e -> e.symbol()).toList());
      if (r.prediction() != null) {
        var p = r.prediction();
        Map<String, Object> pm = new java.util.LinkedHashMap<>();
        pm.put("property", p.property());
        pm.put("unit", p.unit());
        pm.put("mean", p.mean());
        pm.put("std", p.std());
        pm.put("lo95", p.lo95());
        pm.put("hi95", p.hi95());
        pm.put("model", p.modelVersion());
        if ("hardness".equals(p.property())) {
          pm.put("hardnessHv", p.mean());
          pm.put("sigmaHv", p.std());
        }
        m.put("prediction", pm);
      } else {
        m.put("prediction", Map.of("unavailable", r.predictionUnavailable()));
      }
      m.put("provenance", Map.of("nodes", r.graph().nodes(), "edges", r.graph().edges()));
    }
    return m;
  }

  public List<Map<String, Object>> analysesOfSample(String sampleId) {
    return stack.graph().analysesOfSample(sampleId);
  }

  public Map<String, Object> provJson(String analysisId) {
    return stack.graph().provJson(analysisId);
  }

  public List<Map<String, Object>> structureProperty(int limit) {
    return stack.graph().structureProperty(limit);
  }

  public List<Map<String, Object>> lineage(String key) {
    return stack.graph().lineage(key);
  }

  /**
   * An analysis submission: paths on this server's filesystem (shared lab storage).
   *
   * @param sampleId sample id
   * @param micrographPath micrograph file
   * @param edsPath EDS file or null
   * @param pixelSizeUm fallback pixel size (NaN = none)
   * @param alloySystem alloy system
   * @param method segmentation method
   * @param classes phase classes
   */
  public record Submission(
      String sampleId, String micrographPath, String edsPath, double pixelSizeUm,
      String alloySystem, String method, int classes) {
    public Submission {
      if (micrographPath == null || micrographPath.isBlank()) {
        throw new IllegalArgumentException("field 'micrographPath' is required");
      }
      if (sampleId == null || sampleId.isBlank()) {
        throw new IllegalArgumentException("field 'sampleId' is required");
      }
      alloySystem = alloySystem == null ? "unknown" : alloySystem;
      method = method == null ? "otsu" : method;
      classes = classes == 0 ? 2 : classes;
    }
  }
}
