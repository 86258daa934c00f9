package io.alloyflow.workflows.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable acceptance: {@code serve} is killed with SIGKILL while analyses it accepted are in
 * flight, then started again on the same data directory. Every accepted analysis must complete
 * exactly once (one analysis node per sample, status COMPLETED) or be reported failed with a reason;
 * none may be lost. {@code -Dalloyflow.crashRuns=N} repeats the kill/restart cycle N times (the
 * bench runs 20: {@code bench/gateway/run_kill9.sh}).
 */
class CrashRecoveryTest {
  @TempDir Path tmp;

  @Test
  void acceptedAnalysesSurviveAKill9OfTheServer() throws Exception {
    int runs = Integer.getInteger("alloyflow.crashRuns", 1);
    Path root = tmp.resolve("lab");
    java.nio.file.Files.createDirectories(root);
    MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(11, 256, 0.25e-6).bse(), root.resolve("dp.tif"));
    for (int run = 0; run < runs; run++) {
      Path data = tmp.resolve("data-" + run);
      List<String> ids = new ArrayList<>();
      try (ServeProcess first = new ServeProcess(data, root, "768m").start()) {
        String token = first.adminToken();
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> r = first.postJson("/v1/analyses", token,
              Map.of("sampleId", "crash-" + run + "-" + i, "micrographPath", "dp.tif", "alloySystem", "dp-steel"),
              Map.of());
          assertEquals(202, r.statusCode(), r.body());
          ids.add(ServeProcess.JSON.readTree(r.body()).get("analysisId").asText());
        }
        first.kill();
      }
      try (ServeProcess second = new ServeProcess(data, root, "768m").start()) {
        String token = second.adminToken();
        for (int i = 0; i < ids.size(); i++) {
          JsonNode s = second.awaitEnd(ids.get(i), token, 240);
          assertEquals("COMPLETED", s.get("status").asText(), "run " + run + ": " + s);
          HttpResponse<String> list = second.get("/v1/samples/crash-" + run + "-" + i + "/analyses", token);
          assertEquals(1, ServeProcess.JSON.readTree(list.body()).size(),
              "exactly one analysis per accepted submission: " + list.body());
          JsonNode prov = ServeProcess.JSON.readTree(second.get("/v1/analyses/" + ids.get(i) + "/prov", token).body());
          long ingests = 0;
          for (var it = prov.get("activity").fields(); it.hasNext(); ) {
            if (it.next().getKey().contains("ingest-micrograph")) {
              ingests++;
            }
          }
          assertEquals(1, ingests, "no duplicate provenance after the restart: " + prov.get("activity"));
        }
      }
    }
  }

  @Test
  void aRunningAnalysisCanBeCancelled() throws Exception {
    Path root = tmp.resolve("lab2");
    java.nio.file.Files.createDirectories(root);
    MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(12, 1024, 0.25e-6).bse(), root.resolve("big.tif"));
    try (ServeProcess s = new ServeProcess(tmp.resolve("data-cancel"), root, "768m").start()) {
      String token = s.adminToken();
      HttpResponse<String> r = s.postJson("/v1/analyses", token,
          Map.of("sampleId", "to-cancel", "micrographPath", "big.tif", "method", "kmeans", "classes", 3), Map.of());
      assertEquals(202, r.statusCode(), r.body());
      String id = ServeProcess.JSON.readTree(r.body()).get("analysisId").asText();
      HttpResponse<String> c = s.postJson("/v1/analyses/" + id + "/cancel", token, "", Map.of());
      JsonNode end = s.awaitEnd(id, token, 120);
      if (c.statusCode() == 202) {
        assertEquals("CANCELLED", end.get("status").asText(), end.toString());
      } else {
        assertEquals(409, c.statusCode(), c.body()); // it had already ended
      }
      HttpResponse<String> again = s.postJson("/v1/analyses/" + id + "/cancel", token, "", Map.of());
      assertEquals(409, again.statusCode(), again.body());
      assertTrue(again.body().contains("has ended"), again.body());
    }
  }
}
