package io.alloyflow.workflows.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rebuilding a campaign's state from its graph records (the rows {@link CampaignGraph#load} reads). */
class CampaignGraphRebuildTest {
  static Map<String, Object> campaign() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", "campaign-r");
    c.put("objective", "hv");
    c.put("unit", "HV");
    c.put("direction", "minimize");
    c.put("acquisition", "ucb");
    c.put("parameters", "[{\"name\":\"x\",\"lo\":0.0,\"hi\":2.0}]");
    c.put("requireApproval", false);
    c.put("status", "RUNNING");
    c.put("retrainEvery", 3L);
    c.put("maxHistoryEvents", 500L);
    c.put("seed", 42L);
    c.put("surrogateTrainedOn", 2L);
    c.put("surrogate", "[{\"lengthScale\":0.25,\"noise\":0.01,\"weight\":0.75},"
        + "{\"lengthScale\":0.5,\"noise\":0.1,\"weight\":0.25}]");
    return c;
  }

  static Map<String, Object> row(int n, int batch, String status, String askKey, double x, Map<String, Double> ms) {
    String id = "campaign-r-t000" + n;
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("number", (long) n);
    t.put("batch", (long) batch);
    t.put("status", status);
    if (askKey != null) {
      t.put("askKey", askKey);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("t", t);
    r.put("d", Map.of("id", id, "p_x", x));
    List<Map<String, Object>> m = new java.util.ArrayList<>();
    ms.forEach((k, v) -> m.add(Map.of("id", id + "/" + k, "property", k, "value", v)));
    r.put("ms", m);
    return r;
  }

  @Test
  void specTrialsAskKeysMeasurementsAndSurrogateComeBack() {
    CampaignGraph.Stored s = CampaignGraph.rebuild("campaign-r", campaign(), List.of(
        row(1, 1, "COMPLETED", "k1", 0.5, Map.of("hv", 300.0, "other", 1.0)),
        row(2, 1, "COMPLETED", "k1", 1.5, Map.of("hv", 280.0)),
        // told as completed, but the process stopped before the measurement was written
        row(3, 2, "COMPLETED", "", 1.0, Map.of()),
        row(4, 2, "PENDING", "", 0.1, Map.of())));
    assertEquals("RUNNING", s.status());
    assertEquals(3, s.spec().retrainEvery());
    assertEquals(500, s.spec().maxHistoryEvents());
    assertEquals(42, s.spec().seed());
    assertEquals("minimize", s.spec().direction());
    CampaignState st = s.state();
    assertEquals(4, st.trials().size());
    assertEquals(2, st.asks());
    assertEquals(Map.of("k1", List.of("campaign-r-t0001", "campaign-r-t0002")), st.askKeys());
    assertEquals(Map.of("hv", 300.0, "other", 1.0), st.trial("campaign-r-t0001").measurements());
    assertEquals(Trial.PENDING, st.trial("campaign-r-t0003").status(), "a tell without its objective is redone");
    assertEquals(2, st.completed().size());
    assertEquals(1.5, st.trial("campaign-r-t0002").parameters().get("x"));
    assertEquals(2, st.model().trainedOn());
    assertEquals(0.25, st.model().members().get(0).lengthScale());
    assertTrue(Double.isNaN(st.trial("campaign-r-t0004").predictedMean()));
  }

  @Test
  void inconsistentRecordsAreRefusedWithWhatIsWrong() {
    IllegalStateException gap = assertThrows(IllegalStateException.class, () -> CampaignGraph.rebuild("campaign-r",
        campaign(), List.of(row(1, 1, "PENDING", "", 0.5, Map.of()), row(3, 1, "PENDING", "", 0.7, Map.of()))));
    assertTrue(gap.getMessage().contains("expected 2, found 3"), gap.getMessage());
    Map<String, Object> c = campaign();
    c.put("parameters", "not json");
    IllegalStateException bad = assertThrows(IllegalStateException.class,
        () -> CampaignGraph.rebuild("campaign-r", c, List.of()));
    assertTrue(bad.getMessage().contains("parameters cannot be read back"), bad.getMessage());
  }
}
