package io.alloyflow.workflows.inclusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.workflows.MemoryGraph;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.fusion.activity.InclusionActivitiesImpl;
import io.alloyflow.fusion.activity.InclusionScreeningModel;
import io.alloyflow.fusion.api.ClassifiedParticle;
import io.alloyflow.fusion.api.FusionActivities;
import io.alloyflow.fusion.api.InclusionActivities;
import io.alloyflow.fusion.api.InclusionClassifyRequest;
import io.alloyflow.fusion.api.InclusionFieldResult;
import io.alloyflow.fusion.api.InclusionScreenRequest;
import io.alloyflow.fusion.api.InclusionScreenResult;
import io.alloyflow.fusion.api.ScreenedParticle;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.ingest.DataRoots;
import io.alloyflow.workflows.ingest.IngestActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inclusion-scan workflow with the real ingest-side and fusion activities on synthetic fields
 * whose truth is known (a small screening model, trained once): the final class counts match the
 * truth, EDS is acquired for the uncertain particles and only for them, a broken field is reported
 * and the others go on, and a recorded history replays.
 */
class InclusionScanWorkflowTest {
  static final InclusionScreeningModel.Config SMALL =
      new InclusionScreeningModel.Config(4, 2, 60, 4, 11);
  static Path data;
  static final List<InclusionScanFixture.FieldTruth> TRUTH = new ArrayList<>();
  static final Map<String, InclusionScreenResult> SCREENED = new ConcurrentHashMap<>();
  static final Map<String, List<SpotFile>> ACQUIRED = new ConcurrentHashMap<>();
  static final Map<String, InclusionFieldResult> CLASSIFIED = new ConcurrentHashMap<>();
  MemoryGraph graph;

  TestWorkflowEnvironment env;

  @BeforeAll
  static void writeFields(@TempDir Path dir) throws Exception {
    data = dir.toRealPath();
    for (int i = 0; i < 3; i++) {
      TRUTH.add(InclusionScanFixture.write(data.resolve("scan"), "field-" + (i + 1), 4001 + i));
    }
    Files.createDirectories(data.resolve("broken"));
    Files.writeString(data.resolve("broken/a-broken.tif"), "not an image");
    Files.copy(data.resolve("scan/field-1.tif"), data.resolve("broken/field-1.tif"));
  }

  /** The real fusion activities, recording what they returned. */
  public static class SpyInclusions implements InclusionActivities {
    final InclusionActivities real;

    SpyInclusions(InclusionActivities real) {
      this.real = real;
    }

    @Override
    public InclusionScreenResult screenField(InclusionScreenRequest r) {
      InclusionScreenResult s = real.screenField(r);
      SCREENED.put(r.fieldName(), s);
      return s;
    }

    @Override
    public InclusionFieldResult classifyField(InclusionClassifyRequest r) {
      InclusionFieldResult res = real.classifyField(r);
      CLASSIFIED.put(r.fieldName(), res);
      return res;
    }
  }

  /** The real ingest-side activities, recording the acquisitions. */
  public static class SpyFiles implements InclusionScanActivities {
    final InclusionScanActivities real;

    SpyFiles(InclusionScanActivities real) {
      this.real = real;
    }

    @Override
    public IngestedField ingestField(String scanId, ScanField field, double pixelSizeUm) {
      return real.ingestField(scanId, field, pixelSizeUm);
    }

    @Override
    public AcquiredSpectra acquireSpectra(String scanId, String fieldName, List<SpotFile> spots) {
      ACQUIRED.merge(fieldName, List.copyOf(spots), (a, b) -> {
        List<SpotFile> m = new ArrayList<>(a);
        m.addAll(b);
        return m;
      });
      return real.acquireSpectra(scanId, fieldName, spots);
    }
  }

  @BeforeEach
  void setUp(@TempDir Path storeDir) throws Exception {
    SCREENED.clear();
    ACQUIRED.clear();
    CLASSIFIED.clear();
    FileSystemArtifactStore store = new FileSystemArtifactStore(storeDir);
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(AnalysisWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(InclusionScanWorkflowImpl.class);
    env.newWorker(IngestActivities.TASK_QUEUE).registerActivitiesImplementations(new SpyFiles(
        new InclusionScanActivitiesImpl(store, new DataRoots(List.of(data)), 64L << 20)));
    env.newWorker(FusionActivities.TASK_QUEUE).registerActivitiesImplementations(
        new SpyInclusions(new InclusionActivitiesImpl(store, SMALL)));
    graph = new MemoryGraph().register(env);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  InclusionScanWorkflow stub(String id) {
    return env.getWorkflowClient().newWorkflowStub(InclusionScanWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(InclusionScanWorkflow.TASK_QUEUE)
            .setWorkflowId(id).build());
  }

  static InclusionScanRequest request(String id, String folder, double threshold)
      throws Exception {
    return new InclusionScanRequest(id, "", InclusionScanFolder.fields(data.resolve(folder)),
        threshold, Double.NaN, 2, Double.NaN, Double.NaN);
  }

  @Test
  void classCountsMatchTheTruthAndOnlyUncertainParticlesGetEds() throws Exception {
    InclusionScanReport r = stub("scan-truth").scan(request("scan-truth", "scan", 0.9));
    assertEquals("COMPLETED", r.status());
    assertEquals(3, r.fieldsCompleted());
    InclusionScanReport recorded = io.alloyflow.workflows.ledger.WorkflowLedger.fromJson(
        graph.results.get("scan-truth"), InclusionScanReport.class);
    assertEquals("COMPLETED", recorded.status(), "the report is in the submission ledger before the end");
    assertEquals(r.fieldsCompleted(), recorded.fieldsCompleted());
    int labelled = 0;
    int right = 0;
    Map<String, Integer> truthCounts = new TreeMap<>();
    Map<String, Integer> predCounts = new TreeMap<>();
    int uncertainTotal = 0;
    for (InclusionScanFixture.FieldTruth t : TRUTH) {
      InclusionScreenResult s = SCREENED.get(t.name());
      InclusionFieldResult c = CLASSIFIED.get(t.name());
      assertEquals(t.detected(), s.particles().size(), t.name());
      // EDS exactly for the uncertain particles that have a spot spectrum, by position
      Set<String> expected = new HashSet<>();
      for (ScreenedParticle p : s.particles()) {
        uncertainTotal += p.uncertain() ? 1 : 0;
        if (p.uncertain() && p.spot() >= 0) {
          expected.add(t.name() + "#" + p.spot());
        }
      }
      List<String> csv = Files.readAllLines(data.resolve("scan/" + t.name() + ".spots/spots.csv"));
      Set<String> got = new HashSet<>();
      for (SpotFile sf : ACQUIRED.getOrDefault(t.name(), List.of())) {
        String file = Path.of(sf.file()).getFileName().toString();
        int line = -1;
        for (int i = 1; i < csv.size(); i++) {
          line = csv.get(i).startsWith(file + ",") ? i - 1 : line;
        }
        got.add(t.name() + "#" + line);
      }
      assertEquals(expected, got, "EDS acquisitions of " + t.name());
      for (ClassifiedParticle p : c.particles()) {
        ScreenedParticle sp = s.particles().get(p.id() - 1);
        assertEquals(sp.uncertain() && sp.spot() >= 0 ? "EDS" : "BSE", p.source(),
            t.name() + " particle " + p.id());
        String truth = t.classOfParticle().get(p.id());
        if (truth != null) {
          labelled++;
          right += truth.equals(p.className()) ? 1 : 0;
          truthCounts.merge(truth, 1, Integer::sum);
          predCounts.merge(p.className(), 1, Integer::sum);
        }
      }
    }
    assertTrue(uncertainTotal > 0 && r.edsSkipped() > 0, r.toString());
    assertEquals(r.particles(), r.edsAcquired() + r.edsSkipped());
    assertEquals(ACQUIRED.values().stream().mapToInt(List::size).sum(), r.edsAcquired());
    int diff = 0;
    for (String k : new java.util.TreeSet<>(
        java.util.stream.Stream.concat(truthCounts.keySet().stream(),
            predCounts.keySet().stream()).toList())) {
      diff += Math.abs(truthCounts.getOrDefault(k, 0) - predCounts.getOrDefault(k, 0));
    }
    System.out.printf("scan: %d particles (%d labelled), %d uncertain, %d EDS, %d skipped;"
        + " accuracy %.3f; truth %s; scan %s; %.0f inclusions/h (all-EDS %.3f h, scan %.3f h)%n",
        r.particles(), labelled, uncertainTotal, r.edsAcquired(), r.edsSkipped(),
        right / (double) labelled, truthCounts, predCounts, r.inclusionsPerHour(),
        r.instrumentHoursAllEds(), r.instrumentHours());
    assertTrue(right >= 0.95 * labelled, right + " of " + labelled + " right");
    assertTrue(diff <= Math.max(4, 0.06 * labelled), "class counts differ by " + diff
        + ": truth " + truthCounts + ", scan " + predCounts);
    // report arithmetic and provenance per field
    assertEquals(r.particles(), r.countsPerClass().values().stream().mapToInt(i -> i).sum());
    assertTrue(r.instrumentHours() < r.instrumentHoursAllEds());
    AnalysisProvenance last = graph.records.get(graph.records.size() - 1);
    assertEquals("COMPLETED", last.status());
    assertEquals("scan-truth", last.analysisId());
    for (InclusionScanFixture.FieldTruth t : TRUTH) {
      for (String step : List.of("ingest-micrograph:", "inclusion-screen:", "eds-acquire:",
          "inclusion-classify:")) {
        assertTrue(last.activities().stream().anyMatch(a -> a.step().equals(step + t.name())),
            step + t.name() + " in " + last.activities().stream().map(a -> a.step()).toList());
      }
    }
  }

  @Test
  void thresholdZeroSkipsEveryAcquisitionAndABrokenFieldIsReported() throws Exception {
    InclusionScanReport r = stub("scan-broken").scan(request("scan-broken", "broken", 0));
    assertEquals("COMPLETED", r.status());
    assertEquals(1, r.fieldsCompleted());
    assertEquals(1, r.fieldsFailed());
    assertEquals(0, r.edsAcquired());
    assertTrue(ACQUIRED.isEmpty());
    FieldOutcome bad = r.fields().get(0);
    assertEquals("FAILED", bad.status());
    assertTrue(bad.error().contains("a-broken"), bad.error());
    // every field broken: the scan fails with the reason
    InclusionScanRequest allBad = new InclusionScanRequest("scan-allbad", "", List.of(
        new ScanField("x", data.resolve("broken/a-broken.tif").toString(), null)), 0.9,
        Double.NaN, 1, Double.NaN, Double.NaN);
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> stub("scan-allbad").scan(allBad));
    assertTrue(String.valueOf(e.getCause().getMessage()).contains("every field failed"),
        String.valueOf(e.getCause().getMessage()));
    assertThrows(IllegalArgumentException.class, () -> new InclusionScanRequest("bad id", "",
        List.of(), 0.9, Double.NaN, 0, Double.NaN, Double.NaN));
  }

  /**
   * Replays a recorded scan history (src/test/resources/histories/inclusion-scan-v1.json: one
   * field, threshold 0.9); record it with -Dalloyflow.recordHistories=true when missing.
   */
  @Test
  void replaysARecordedHistory() throws Exception {
    Path file = Path.of("src/test/resources/histories/inclusion-scan-v1.json");
    if (Boolean.getBoolean("alloyflow.recordHistories") && !Files.exists(file)) {
      InclusionScanRequest one = new InclusionScanRequest("scan-replay", "", List.of(
          InclusionScanFolder.fields(data.resolve("scan")).get(0)), 0.9, Double.NaN, 1,
          Double.NaN, Double.NaN);
      stub("scan-replay").scan(one);
      Files.writeString(file, env.getWorkflowClient().fetchHistory("scan-replay").toJson(true));
    }
    assertTrue(Files.exists(file), "recorded history " + file.toAbsolutePath());
    io.alloyflow.workflows.Replay.replay(Files.readString(file), InclusionScanWorkflowImpl.class);
  }
}
