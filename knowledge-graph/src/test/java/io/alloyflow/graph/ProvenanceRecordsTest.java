package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded provenance files: written and read back unchanged, bad records named by file and line. */
class ProvenanceRecordsTest {
  static final SyntheticProvenance GEN = new SyntheticProvenance(null);

  static List<AnalysisProvenance> analyses(int n) {
    List<AnalysisProvenance> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(GEN.analysis(new SyntheticProvenance.Spec("r-" + i, "S-" + i / 2, i, Integer.toString(1 + i % 2),
          "cal-" + i % 3, 0.1 + 0.05 * i, 1 + i % 2)));
    }
    return list;
  }

  @Test
  void jsonLinesAndJsonArraysReadBackAsTheSameAnalysesInBatches(@TempDir Path dir) throws Exception {
    List<AnalysisProvenance> all = new ArrayList<>(analyses(5));
    all.set(4, all.get(4).withStatus("FAILED", "fusion", "no phase above 1 % area"));
    ProvenanceRecords.append(dir.resolve("a.jsonl"), all.subList(0, 2));
    ProvenanceRecords.append(dir.resolve("a.jsonl"), all.subList(2, 3));
    // a .json file with an array of analyses (e.g. a list of graph-write activity payloads)
    new ObjectMapper().writeValue(dir.resolve("b.json").toFile(), all.subList(3, 5));
    Files.writeString(dir.resolve("notes.txt"), "not a record file");
    List<List<AnalysisProvenance>> batches = new ArrayList<>();
    long n = ProvenanceRecords.read(dir, 2, batches::add);
    assertEquals(5, n);
    assertEquals(List.of(2, 2, 1), batches.stream().map(List::size).toList());
    assertEquals(all, batches.stream().flatMap(List::stream).toList(), "records unchanged by the round trip");
    assertEquals("no phase above 1 % area", batches.get(2).get(0).failureReason());
  }

  @Test
  void aBadRecordIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
    ProvenanceRecords.append(dir.resolve("a.jsonl"), analyses(1));
    Files.writeString(dir.resolve("a.jsonl"), "{\"analysisId\": \"x\"}\n", java.nio.file.StandardOpenOption.APPEND);
    var e = assertThrows(IllegalArgumentException.class, () -> ProvenanceRecords.read(dir, 10, b -> { }));
    assertTrue(e.getMessage().contains("a.jsonl line 2") && e.getMessage().contains("expected an analysis record"),
        e.getMessage());
    Files.writeString(dir.resolve("a.jsonl"), "{\"analysisId\": \"x\", \"sampleId\": \"s\", \"status\": \"LOST\"}\n");
    e = assertThrows(IllegalArgumentException.class, () -> ProvenanceRecords.read(dir, 10, b -> { }));
    assertTrue(e.getMessage().contains("a.jsonl line 1 (analysis x)") && e.getMessage().contains("LOST"), e.getMessage());
    Files.writeString(dir.resolve("a.jsonl"), "{not json\n");
    e = assertThrows(IllegalArgumentException.class, () -> ProvenanceRecords.read(dir, 10, b -> { }));
    assertTrue(e.getMessage().contains("not JSON Lines"), e.getMessage());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    e = assertThrows(IllegalArgumentException.class, () -> ProvenanceRecords.read(empty, 10, b -> { }));
    assertTrue(e.getMessage().contains("no *.jsonl or *.json files"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProvenanceRecords.read(dir.resolve("nope"), 10, b -> { }));
    assertTrue(e.getMessage().contains("no provenance records at"), e.getMessage());
  }

  @Test
  void recordsBecomeTheImportFilesOfTheSameGraph(@TempDir Path dir) throws Exception {
    List<AnalysisProvenance> all = analyses(4);
    ProvenanceRecords.append(dir.resolve("r.jsonl"), all);
    BulkImportFiles fromRecords = new BulkImportFiles(dir.resolve("csv1"));
    try (fromRecords) {
      ProvenanceRecords.read(dir.resolve("r.jsonl"), 3, fromRecords::add);
    }
    BulkImportFiles direct = new BulkImportFiles(dir.resolve("csv2"));
    try (direct) {
      direct.add(all);
    }
    assertEquals(direct.nodes(), fromRecords.nodes());
    assertEquals(direct.relationships(), fromRecords.relationships());
    // one environment node for all 24 steps
    String csv = String.join("\n", Files.list(dir.resolve("csv1")).sorted().map(f -> {
      try {
        return Files.readString(f);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList());
    assertEquals(1, csv.lines().filter(l -> l.startsWith("\"environment:")).count(), csv);
  }
}
