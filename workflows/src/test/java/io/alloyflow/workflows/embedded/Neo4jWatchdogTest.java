package io.alloyflow.workflows.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.ingest.Ingest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Neo4j child is killed (SIGKILL) under a running stack: the watchdog starts it again
 * on the same port, the driver reconnects, and an analysis started right after the kill completes
 * (its graph writes are retried with backoff until Neo4j is back) with its provenance in the graph.
 * The password file is private to its owner.
 */
class Neo4jWatchdogTest {
  @TempDir Path tmp;

  @Test
  void aKilledNeo4jIsRestartedAndAnalysesWaitForIt() throws Exception {
    String root = System.getProperty("alloyflow.repoRoot");
    try (AlloyflowStack stack = AlloyflowStack.start(
        new StackSettings(tmp.resolve("data"), null, null, null, root == null ? null : Path.of(root)),
        m -> { }).startWorkers()) {
      Path pw = tmp.resolve("data/neo4j/neo4j.password");
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(pw)));
      EmbeddedNeo4j neo = stack.embeddedNeo4j();
      long before = neo.pid();
      ProcessHandle.of(before).orElseThrow().destroyForcibly();
      Path tif = tmp.resolve("dp.tif");
      MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(13, 128, 0.25e-6).bse(), tif);
      String id = AnalysisRunner.newAnalysisId();
      AnalysisInputs in = Ingest.ingest(stack.store(), id, tif, Double.NaN, null);
      AnalysisResult r = AnalysisRunner.run(stack.client(), id,
          new AnalysisRequest("after-kill", Map.of(), "dp-steel", in.micrographRef(), null, null, "otsu", 2,
              2.0, in.ingest()), s -> { });
      assertTrue(neo.restarts() >= 1, "the watchdog must have restarted Neo4j");
      assertNotEquals(before, neo.pid());
      assertTrue(r.graph().nodes() > 0);
      assertEquals(List.of(id), stack.graph().analysesOfSample("after-kill").stream()
          .map(m -> (String) m.get("id")).toList());
    }
  }
}
