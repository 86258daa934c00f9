package io.alloyflow.workflows.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.gateway.GatewayBackend;
import io.alloyflow.workflows.gateway.Problem;
import io.alloyflow.workflows.gateway.ProblemException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folder ingest on the real stack (Temporal, embedded Neo4j, every worker): 20 files are each
 * analysed exactly once, also when dropped twice or still being written; bad files are rejected
 * with the reason; a group accepted while the ledger was unreachable is submitted once it answers.
 */
class InboxRouteTest {
  @TempDir static Path tmp;
  static AlloyflowStack stack;
  static GatewayBackend backend;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    String root = System.getProperty("alloyflow.repoRoot");
    Files.createDirectories(tmp.resolve("inbox"));
    stack = AlloyflowStack.start(
        new StackSettings(tmp.resolve("data"), null, null, null, root == null ? null : Path.of(root))
            .withDataRoots(List.of(tmp.resolve("inbox"))),
        System.out::println).startWorkers();
    backend = new GatewayBackend(stack);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  static byte[] tiff(long seed) throws Exception {
    SyntheticSample s = SyntheticWorld.dualPhaseSteel(seed, 64, 0.25e-6);
    Path t = Files.createTempFile(tmp, "m-", ".tif");
    MicrographIO.writeTiff(s.bse(), t);
    byte[] b = Files.readAllBytes(t);
    Files.delete(t);
    return b;
  }

  /** Writes like a copy program: to a hidden name, then renamed into place. */
  static void drop(Path inbox, String name, byte[] bytes) throws Exception {
    Path part = inbox.resolve("." + name + ".part");
    Files.write(part, bytes);
    Files.move(part, inbox.resolve(name));
  }

  static List<Map<String, Object>> receipts(Path done) throws Exception {
    List<Map<String, Object>> l = new ArrayList<>();
    try (Stream<Path> s = Files.list(done)) {
      for (Path d : s.toList()) {
        Path r = d.resolve("receipt.json");
        if (Files.exists(r)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = JSON.readValue(r.toFile(), Map.class);
          l.add(m);
        }
      }
    }
    return l;
  }

  @Test
  void twentyFilesAreEachAnalysedExactlyOnce() throws Exception {
    Path inbox = tmp.resolve("inbox");
    List<String> log = new CopyOnWriteArrayList<>();
    InboxRoute.Options opt = new InboxRoute.Options(
        new InboxDefaults("dp-steel", Double.NaN, "otsu", 2), 1_000, 20_000);
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      files.put(String.format("field-%02d.tif", i), tiff(100 + i));
    }
    try (InboxRoute route = InboxRoute.start(backend, inbox, opt, log::add)) {
      // 1: most files arrive whole
      for (int i = 0; i < 17; i++) {
        String name = String.format("field-%02d.tif", i);
        drop(inbox, name, files.get(name));
      }
      // 2: one carries a sidecar and an EDS spectrum
      Files.writeString(inbox.resolve("field-17.json"),
          "{\"sampleId\": \"heat-4711\", \"alloySystem\": \"dp-steel\", \"eds\": \"field-17-area.msa\"}");
      drop(inbox, "field-17.tif", files.get("field-17.tif"));
      Thread.sleep(1_500); // the spectrum comes a little later, as copy tools do
      EmsaIO.write(SyntheticWorld.simulateSpectrum(Map.of("Fe", 0.98, "C", 0.002, "Mn", 0.018), 20, 60, 1, 3),
          inbox.resolve("field-17-area.msa"));
      // 3: one is written slowly in place, in chunks, over about 3 s
      byte[] slow = files.get("field-18.tif");
      try (OutputStream out = Files.newOutputStream(inbox.resolve("field-18.tif"))) {
        int chunk = slow.length / 8 + 1;
        for (int off = 0; off < slow.length; off += chunk) {
          out.write(slow, off, Math.min(chunk, slow.length - off));
          out.flush();
          Thread.sleep(400);
        }
      }
      drop(inbox, "field-19.tif", files.get("field-19.tif"));
      // 4: duplicates: the same bytes again under the same name once the first was taken, and a
      //    copy under another name at once (another sample id: a different analysis by design
      //    only when the settings differ; here the sidecar gives the same sample id)
      waitFor(() -> Files.notExists(inbox.resolve("field-00.tif")), 60, "field-00 taken");
      drop(inbox, "field-00.tif", files.get("field-00.tif"));
      Files.writeString(inbox.resolve("again-17.json"),
          "{\"sampleId\": \"heat-4711\", \"alloySystem\": \"dp-steel\", \"eds\": \"again-17.msa\"}");
      waitFor(() -> Files.notExists(inbox.resolve("field-17.tif")), 60, "field-17 taken");
      Files.copy(inbox.resolve(".done").resolve(doneDirOf(inbox, "field-17.tif")).resolve("field-17-area.msa"),
          inbox.resolve("again-17.msa"));
      drop(inbox, "again-17.tif", files.get("field-17.tif"));
      // 5: bad input is rejected with the reason
      drop(inbox, "broken.tif", new byte[] {'I', 'I', 42, 0, 9, 9});
      Files.writeString(inbox.resolve("badmeta.json"), "{\"classes\": \"two\"}");
      drop(inbox, "badmeta.tif", files.get("field-01.tif"));

      waitFor(() -> {
        try (Stream<Path> s = Files.list(inbox)) {
          return s.noneMatch(p -> p.getFileName().toString().endsWith(".tif"));
        }
      }, 120, "every dropped file taken: " + log);
      // a taken file is in flight until its receipt (or its rejection's reason) is written: wait
      // for those too (more than 20 receipts or 2 reasons would still fail the assertions below)
      waitFor(() -> receipts(inbox.resolve(".done")).size() >= 20, 120,
          "20 receipts written: " + log);
      waitFor(() -> {
        try (Stream<Path> s = Files.list(inbox.resolve(".failed"))) {
          return s.filter(d -> Files.exists(d.resolve("reason.txt"))).count() >= 2;
        }
      }, 120, "2 rejection reasons written: " + log);

      List<Map<String, Object>> receipts = receipts(inbox.resolve(".done"));
      Set<Object> ids = new HashSet<>();
      receipts.forEach(r -> ids.add(r.get("analysisId")));
      assertEquals(20, receipts.size(), "one accepted folder per distinct content: " + log);
      assertEquals(20, ids.size(), "20 distinct analyses");
      // a repeated drop is deleted first, then recognised by the ledger and logged
      Path log00 = inbox.resolve(".done").resolve(doneDirOf(inbox, "field-00.tif")).resolve("duplicates.log");
      Path log17 = inbox.resolve(".done").resolve(doneDirOf(inbox, "field-17.tif")).resolve("duplicates.log");
      waitFor(() -> Files.exists(log00) && Files.exists(log17), 60, "duplicates logged: " + log);
      assertTrue(Files.readString(log00).contains("field-00.tif dropped again"));
      assertTrue(Files.readString(log17).contains("again-17.tif dropped again"),
          "same content and settings under another name");
      // the slowly written file was analysed whole
      String d18 = doneDirOf(inbox, "field-18.tif");
      assertEquals(slow.length, Files.size(inbox.resolve(".done").resolve(d18).resolve("field-18.tif")));
      // rejections, with the reason
      List<String> reasons = new ArrayList<>();
      try (Stream<Path> s = Files.list(inbox.resolve(".failed"))) {
        for (Path d : s.toList()) {
          reasons.add(Files.readString(d.resolve("reason.txt")).strip());
        }
      }
      assertEquals(2, reasons.size(), reasons.toString());
      assertTrue(reasons.stream().anyMatch(r -> r.startsWith("broken.tif: ")), reasons.toString());
      assertTrue(reasons.stream().anyMatch(r -> r.startsWith("badmeta.tif: badmeta.json: \"classes\" must be an integer")),
          reasons.toString());
      // every analysis ends, and each is recorded once in the graph
      for (Object id : ids) {
        waitFor(() -> {
          Object st = backend.status((String) id).orElseThrow().get("status");
          return "COMPLETED".equals(st) || "FAILED".equals(st);
        }, 240, "analysis " + id + " ends");
        assertEquals("COMPLETED", backend.status((String) id).orElseThrow().get("status"), String.valueOf(id));
      }
      assertEquals(1, stack.graph().analysesOfSample("heat-4711").size());
      assertEquals(1, stack.graph().analysesOfSample("field-18").size());
    }
  }

  @Test
  void groupAcceptedWhileTheLedgerIsDownIsSubmittedOnceItAnswers() throws Exception {
    Path inbox = tmp.resolve("inbox").resolve("outage");
    Files.createDirectories(inbox);
    List<String> log = new CopyOnWriteArrayList<>();
    InboxProcessor down = new InboxProcessor(inbox, new InboxDefaults("dp-steel", Double.NaN, "otsu", 2),
        (s, p, k) -> {
          throw new ProblemException(new Problem(503, "service unavailable", "graph unreachable", null));
        }, 1 << 30, 10_000, log::add);
    drop(inbox, "outage.tif", tiff(900));
    InboxProcessor.Outcome first = down.process(inbox.resolve("outage.tif"));
    assertNull(first.analysisId(), "nothing accepted while the ledger is down");
    assertFalse(Files.exists(inbox.resolve("outage.tif")), "but the file is safe in .done, awaiting submission");
    assertTrue(Files.exists(first.movedTo().resolve("request.json")));
    assertFalse(Files.exists(first.movedTo().resolve("receipt.json")));

    InboxProcessor up = new InboxProcessor(inbox, new InboxDefaults("dp-steel", Double.NaN, "otsu", 2),
        backend::submit, 1 << 30, 10_000, log::add);
    List<InboxProcessor.Outcome> recovered = up.recover();
    assertEquals(1, recovered.size());
    String id = recovered.get(0).analysisId();
    assertTrue(id != null && Files.exists(first.movedTo().resolve("receipt.json")));
    // a second recovery (e.g. after another restart) finds nothing to do, and a crash after the
    // ledger accepted but before the receipt was written gets the same analysis back
    assertTrue(up.recover().isEmpty());
    Files.delete(first.movedTo().resolve("receipt.json"));
    assertEquals(id, up.recover().get(0).analysisId());
    waitFor(() -> "COMPLETED".equals(backend.status(id).orElseThrow().get("status")), 240, "analysis ends");
    assertEquals(1, stack.graph().analysesOfSample("outage").size());
  }

  static String doneDirOf(Path inbox, String fileName) throws Exception {
    try (Stream<Path> s = Files.list(inbox.resolve(".done"))) {
      for (Path d : s.toList()) {
        if (Files.exists(d.resolve(fileName))) {
          return d.getFileName().toString();
        }
      }
    }
    throw new AssertionError(fileName + " is in no accepted folder");
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check c, int seconds, String what) throws Exception {
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < end) {
      if (c.ok()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }
}
