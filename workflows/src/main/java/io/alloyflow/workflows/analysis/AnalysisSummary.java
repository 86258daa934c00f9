package io.alloyflow.workflows.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small, JSON-friendly summary of a finished analysis that the ledger keeps and the gateway
 * returns: phase fractions, identified elements, the prediction and the provenance subgraph size.
 * Built deterministically from the result (it runs inside workflow code).
 */
public final class AnalysisSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnalysisSummary() {}

  /** The summary of a result. */
  public static Map<String, Object> of(AnalysisResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phaseFractions", new LinkedHashMap<>(r.segmentation().phaseFractions()));
    m.put("elements", r.eds() == null ? List.of()
        : r.eds().elements().stream().map(e -> e.symbol()).toList());
    if (r.prediction() != null) {
      var p = r.prediction();
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("property", p.property());
      pm.put("unit", p.unit());
      pm.put("mean", p.mean());
      pm.put("std", p.std());
      pm.put("modelStd", p.modelStd());
      pm.put("inputStd", p.inputStd());
      pm.put("lo95", p.lo95());
      pm.put("hi95", p.hi95());
      pm.put("model", p.modelVersion());
      if ("hardness".equals(p.property())) {
        pm.put("hardnessHv", p.mean());
        pm.put("sigmaHv", p.std());
      }
      m.put("prediction", finite(pm));
    } else {
      m.put("prediction", Map.of("unavailable", r.predictionUnavailable()));
    }
    m.put("provenance", Map.of("nodes", r.graph().nodes(), "edges", r.graph().edges()));
    return m;
  }

  /** NaN and infinities become null (JSON has no NaN). */
  private static Map<String, Object> finite(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
    return out;
  }

  /** JSON text of a summary. */
  public static String toJson(Map<String, Object> summary) {
    try {
      return JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary is not serialisable: " + e.getMessage(), e);
    }
  }

  /** Parses a stored summary ("" gives an empty map). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      return Map.of("unreadable", "stored summary is not valid JSON");
    }
  }
}
