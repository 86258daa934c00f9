package io.alloyflow.workflows.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.workflows.batch.BatchItem;
import io.alloyflow.workflows.batch.BatchRequest;
import io.alloyflow.workflows.candidate.CandidateRequest;
import io.alloyflow.workflows.inclusion.InclusionScanRequest;
import io.alloyflow.workflows.inclusion.ScanField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The requests the ledger stores come back equal from their JSON (what a resumed workflow starts
 * with), NaN pixel sizes and nulls included; a wrong kind is refused before anything is written.
 */
class WorkflowLedgerJsonTest {
  @Test
  void requestsRoundTrip() {
    BatchRequest b = new BatchRequest("batch-x", List.of(new BatchItem("s1", "/lab/a.tif")),
        "dp-steel", "otsu", 2, Double.NaN, 3, 10);
    BatchRequest b2 = WorkflowLedger.fromJson(WorkflowLedger.json(b), BatchRequest.class);
    assertEquals(b, b2);
    assertTrue(Double.isNaN(b2.pixelSizeUm()));
    CandidateRequest c = new CandidateRequest("candidate-x",
        Map.of("Al", 0.5, "Co", 1.0, "Cr", 1.0, "Fe", 1.0, "Ni", 1.0), 25, 96, 0.5, 7);
    assertEquals(c, WorkflowLedger.fromJson(WorkflowLedger.json(c), CandidateRequest.class));
    InclusionScanRequest s = new InclusionScanRequest("scan-x", "heat", List.of(
        new ScanField("f1", "/lab/f1.tif", null), new ScanField("f2", "/lab/f2.tif", "/lab/f2.spots")),
        0.8, Double.NaN, 2, 3, 2);
    assertEquals(s, WorkflowLedger.fromJson(WorkflowLedger.json(s), InclusionScanRequest.class));
    assertThrows(IllegalArgumentException.class,
        () -> new WorkflowLedger(null).submit("x", "analysis", b, 0));
  }
}
