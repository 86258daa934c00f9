package io.alloyflow.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Recorded provenance on disk: analyses ({@link AnalysisProvenance} with their activity records)
 * as JSON, the same JSON the workflows hand to the graph-write activity (Temporal's Jackson
 * payloads), so an archive of those payloads, or a dump of another alloyflow's analyses, can be
 * loaded into an empty graph offline ({@code alloyflow graph import}). A folder holds {@code
 * *.jsonl} files (JSON Lines: one analysis per line, https://jsonlines.org) and {@code *.json}
 * files (one analysis, or an array of them), read in file-name order.
 */
public final class ProvenanceRecords {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ProvenanceRecords() {}

  /** Appends analyses to a JSON Lines file (created when absent). */
  public static void append(Path file, List<AnalysisProvenance> analyses) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
      for (AnalysisProvenance a : analyses) {
        w.write(JSON.writeValueAsString(a));
        w.write('\n');
      }
    }
  }

  /** The record files of a folder (or the one file given), in name order. */
  public static List<Path> files(Path source) throws IOException {
    if (Files.isRegularFile(source)) {
      return List.of(source);
    }
    if (!Files.isDirectory(source)) {
      throw new IllegalArgumentException("no provenance records at " + source
          + ": expected a folder of *.jsonl / *.json files or one such file");
    }
    try (Stream<Path> s = Files.list(source)) {
      List<Path> files = s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".jsonl") || p.getFileName().toString().endsWith(".json"))
          .sorted().toList();
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no *.jsonl or *.json files in " + source);
      }
      return files;
    }
  }

  /**
   * Reads every analysis under {@code source}, handing them on in batches of {@code batch}.
   *
   * @return the number of analyses read
   * @throws IllegalArgumentException naming the file and line of a record that is not an analysis
   */
  public static long read(Path source, int batch, Consumer<List<AnalysisProvenance>> sink) throws IOException {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, found " + batch);
    }
    List<AnalysisProvenance> pending = new ArrayList<>(batch);
    long n = 0;
    for (Path f : files(source)) {
      if (f.getFileName().toString().endsWith(".jsonl")) {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          String line;
          int lineNo = 0;
          while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
              continue;
            }
            pending.add(parse(JSON.readTree(line), f, lineNo));
            n++;
            if (pending.size() == batch) {
              sink.accept(List.copyOf(pending));
              pending.clear();
            }
          }
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(f + ": not JSON Lines: " + e.getOriginalMessage());
        }
      } else {
        JsonNode root;
        try {
          root = JSON.readTree(f.toFile());
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(f + ": not JSON: " + e.getOriginalMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
          root.forEach(items::add);
        } else {
          items.add(root);
        }
        for (int i = 0; i < items.size(); i++) {
          pending.add(parse(items.get(i), f, -(i + 1)));
          n++;
          if (pending.size() == batch) {
            sink.accept(List.copyOf(pending));
            pending.clear();
          }
        }
      }
    }
    if (!pending.isEmpty()) {
      sink.accept(List.copyOf(pending));
    }
    return n;
  }

  /** @param where line number (> 0) or minus the array position (< 0) */
  private static AnalysisProvenance parse(JsonNode node, Path file, int where) {
    String at = file + (where > 0 ? " line " + where : " item " + (-where));
    if (node == null || !node.isObject() || !node.hasNonNull("analysisId") || !node.hasNonNull("sampleId")) {
      throw new IllegalArgumentException(at + ": expected an analysis record (an object with analysisId, "
          + "sampleId and activities), found " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
    }
    try {
      return JSON.treeToValue(node, AnalysisProvenance.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      Throwable c = e.getCause();
      while (c != null && c.getCause() != null) {
        c = c.getCause();
      }
      if (c != null && c.getMessage() != null) {
        why = c.getMessage();
      }
      throw new IllegalArgumentException(at + " (analysis " + node.get("analysisId").asText() + "): " + why);
    }
  }
}
