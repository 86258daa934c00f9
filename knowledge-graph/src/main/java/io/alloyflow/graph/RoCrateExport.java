package io.alloyflow.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An analysis as an RO-Crate 1.1 (Soiland-Reyes et al. 2022, "Packaging research artefacts with
 * RO-Crate", Data Science 5:97; https://w3id.org/ro/crate/1.1): a directory (or zip) with {@code
 * ro-crate-metadata.json} (JSON-LD), the analysis' artifacts under {@code files/} named by their
 * SHA-256, and its PROV-JSON as {@code prov.json}. Steps are {@code CreateAction}s with their
 * software as {@code instrument}, inputs as {@code object} and outputs as {@code result}, following
 * the Process Run Crate profile (Leo et al. 2024, PLOS ONE 19:e0309210).
 */
public final class RoCrateExport {
  /** The RO-Crate specification version written. */
  public static final String SPEC = "https://w3id.org/ro/crate/1.1";
  /** Artifacts larger than this are described but not copied (their hash identifies them). */
  public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ProvJsonExport prov;

  RoCrateExport(ProvJsonExport prov) {
    this.prov = prov;
  }

  /**
   * Writes the crate of an analysis to {@code out}: a directory, or a zip file when the name ends
   * in {@code .zip}. Fails when the analysis is not in the graph.
   *
   * @return the metadata document written
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> write(String analysisId, ArtifactStore store, Path out, long maxFileBytes)
      throws IOException {
    Map<String, Object> doc = prov.analysis(analysisId);
    if (doc == null) {
      throw new IllegalArgumentException("no analysis '" + analysisId + "' in the graph: nothing to export");
    }
    boolean zip = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    Path dir = zip ? Files.createTempDirectory("ro-crate") : out;
    Files.createDirectories(dir.resolve("files"));
    List<Map<String, Object>> graph = new ArrayList<>();
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> hasPart = new ArrayList<>();
    List<Object> mentions = new ArrayList<>();
    Map<String, String> fileIdOf = new LinkedHashMap<>();
    Map<String, Object> entities = (Map<String, Object>) doc.get("entity");
    String sampleId = null;
    for (Map.Entry<String, Object> e : entities.entrySet()) {
      Map<String, Object> a = (Map<String, Object>) e.getValue();
      if (!e.getKey().startsWith("sha256:")) {
        if (String.valueOf(a.get("prov:type")).contains("Sample")) {
          sampleId = String.valueOf(a.get("alloyflow:id"));
          graph.add(ordered("@id", "#sample-" + sampleId, "@type", "Thing", "name", "sample " + sampleId,
              "description", "the physical specimen the analysed data were recorded from"));
        }
        continue;
      }
      String sha = e.getKey().substring("sha256:".length());
      String media = String.valueOf(a.getOrDefault("alloyflow:mediaType", "application/octet-stream"));
      long size = a.get("alloyflow:sizeBytes") instanceof Number n ? n.longValue() : -1;
      String kind = String.valueOf(a.getOrDefault("prov:type", "alloyflow:Entity")).replace("alloyflow:", "");
      Map<String, Object> file;
      ArtifactRef ref = new ArtifactRef(sha, media, Math.max(0, size));
      if (store.contains(sha) && size <= maxFileBytes) {
        String name = "files/" + sha + extension(media);
        try (InputStream in = store.open(ref); OutputStream o = Files.newOutputStream(dir.resolve(name))) {
          in.transferTo(o);
        }
        file = ordered("@id", name, "@type", "File");
        hasPart.add(Map.of("@id", name));
      } else {
        // described by hash only: too large to copy, or not in this store
        file = ordered("@id", "#sha256-" + sha, "@type", "File");
        file.put("description", store.contains(sha)
            ? "not copied: larger than " + maxFileBytes + " bytes" : "not copied: absent from the artifact store");
        mentions.add(Map.of("@id", "#sha256-" + sha));
      }
      file.put("name", kind + " " + sha.substring(0, 12));
      file.put("additionalType", kind);
      file.put("encodingFormat", media);
      if (size >= 0) {
        file.put("contentSize", Long.toString(size));
      }
      file.put("sha256", sha);
      file.put("identifier", "urn:sha256:" + sha);
      fileIdOf.put(e.getKey(), (String) file.get("@id"));
      graph.add(file);
    }
    Map<String, Object> agents = (Map<String, Object>) doc.get("agent");
    for (Map.Entry<String, Object> e : agents.entrySet()) {
      Map<String, Object> a = (Map<String, Object>) e.getValue();
      Map<String, Object> sw = ordered("@id", "#software-" + slug(e.getKey()), "@type", "SoftwareApplication",
          "name", String.valueOf(a.getOrDefault("alloyflow:name", e.getKey())));
      if (a.get("alloyflow:version") != null) {
        sw.put("softwareVersion", String.valueOf(a.get("alloyflow:version")));
      }
      if (a.get("alloyflow:reference") != null) {
        sw.put("citation", String.valueOf(a.get("alloyflow:reference")));
      }
      graph.add(sw);
    }
    Map<String, Object> activities = (Map<String, Object>) doc.get("activity");
    Map<String, List<Object>> objects = new LinkedHashMap<>();
    Map<String, List<Object>> results = new LinkedHashMap<>();
    Map<String, String> instruments = new LinkedHashMap<>();
    for (Map<String, Object> rel : relations(doc, "used")) {
      String f = fileIdOf.get((String) rel.get("prov:entity"));
      if (f != null) {
        objects.computeIfAbsent((String) rel.get("prov:activity"), k -> new ArrayList<>()).add(Map.of("@id", f));
      }
    }
    Map<String, String> contentOf = new LinkedHashMap<>();
    ((Map<String, Object>) doc.get("entity")).forEach((id, attrs) -> {
      Object c = ((Map<String, Object>) attrs).get("alloyflow:contentOf");
      if (c != null) {
        contentOf.put(id, (String) c);
      }
    });
    for (Map<String, Object> rel : relations(doc, "wasGeneratedBy")) {
      String generated = (String) rel.get("prov:entity");
      String f = fileIdOf.get(contentOf.getOrDefault(generated, generated));
      if (f != null) {
        results.computeIfAbsent((String) rel.get("prov:activity"), k -> new ArrayList<>()).add(Map.of("@id", f));
      }
    }
    for (Map<String, Object> rel : relations(doc, "wasAssociatedWith")) {
      instruments.put((String) rel.get("prov:activity"), "#software-" + slug((String) rel.get("prov:agent")));
    }
    String status = "COMPLETED";
    for (Map.Entry<String, Object> e : activities.entrySet()) {
      Map<String, Object> a = (Map<String, Object>) e.getValue();
      boolean isAnalysis = String.valueOf(a.get("prov:type")).contains("Analysis");
      Map<String, Object> act = ordered("@id", "#activity-" + slug(e.getKey()), "@type", "CreateAction",
          "name", isAnalysis ? "analysis " + analysisId : "step " + a.getOrDefault("alloyflow:step", e.getKey()));
      if (a.get("prov:startTime") != null) {
        act.put("startTime", a.get("prov:startTime"));
      }
      if (a.get("prov:endTime") != null) {
        act.put("endTime", a.get("prov:endTime"));
      }
      if (instruments.containsKey(e.getKey())) {
        act.put("instrument", Map.of("@id", instruments.get(e.getKey())));
      }
      act.put("object", objects.getOrDefault(e.getKey(), List.of()));
      act.put("result", results.getOrDefault(e.getKey(), List.of()));
      if (isAnalysis) {
        status = String.valueOf(a.getOrDefault("alloyflow:status", "COMPLETED"));
        act.put("actionStatus", Map.of("@id", switch (status) {
          case "FAILED" -> "http://schema.org/FailedActionStatus";
          case "RUNNING" -> "http://schema.org/ActiveActionStatus";
          default -> "http://schema.org/CompletedActionStatus";
        }));
        if (a.get("alloyflow:failureReason") instanceof String reason && !reason.isBlank()) {
          act.put("error", reason);
        }
      } else if (a.get("alloyflow:parameters") != null) {
        act.put("description", "parameters " + a.get("alloyflow:parameters") + "; attempt "
            + a.getOrDefault("alloyflow:attempt", 1));
      }
      mentions.add(Map.of("@id", act.get("@id")));
      graph.add(act);
    }
    JSON.writeValue(dir.resolve("prov.json").toFile(), doc);
    hasPart.add(Map.of("@id", "prov.json"));
    graph.add(ordered("@id", "prov.json", "@type", "File", "name", "W3C PROV-JSON provenance of the analysis",
        "encodingFormat", "application/json", "conformsTo", Map.of("@id", "https://www.w3.org/submissions/prov-json/")));
    root.put("@id", "./");
    root.put("@type", "Dataset");
    root.put("name", "alloyflow analysis " + analysisId);
    root.put("description", "Inputs, intermediate and final artifacts of alloyflow analysis " + analysisId
        + (sampleId == null ? "" : " of sample " + sampleId) + " (status " + status
        + "), with the steps that made them and their provenance.");
    root.put("datePublished", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    root.put("license", Map.of("@id", "https://creativecommons.org/licenses/by/4.0/"));
    root.put("identifier", analysisId);
    if (sampleId != null) {
      root.put("about", Map.of("@id", "#sample-" + sampleId));
    }
    root.put("hasPart", hasPart);
    root.put("mentions", mentions);
    graph.add(0, root);
    graph.add(0, ordered("@id", "ro-crate-metadata.json", "@type", "CreativeWork",
        "conformsTo", Map.of("@id", SPEC), "about", Map.of("@id", "./")));
    graph.add(ordered("@id", "https://creativecommons.org/licenses/by/4.0/", "@type", "CreativeWork",
        "name", "CC BY 4.0"));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("@context", SPEC + "/context");
    meta.put("@graph", graph);
    JSON.writeValue(dir.resolve("ro-crate-metadata.json").toFile(), meta);
    if (zip) {
      zipDirectory(dir, out);
    }
    return meta;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> relations(Map<String, Object> doc, String kind) {
    Object r = doc.get(kind);
    if (r == null) {
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    ((Map<String, Object>) r).values().forEach(v -> out.add((Map<String, Object>) v));
    return out;
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String slug(String id) {
    return id.replaceFirst("^alloyflow:", "").replaceAll("[^A-Za-z0-9_.@-]", "_");
  }

  static String extension(String mediaType) {
    return switch (mediaType) {
      case "image/png" -> ".png";
      case "image/tiff" -> ".tif";
      case "image/jpeg" -> ".jpg";
      case "application/json" -> ".json";
      case "application/x-emsa" -> ".msa";
      case "text/x-lispix-rpl" -> ".rpl";
      case "application/vnd.apache.arrow.file", "application/vnd.apache.arrow.stream" -> ".arrow";
      default -> ".bin";
    };
  }

  private static void zipDirectory(Path dir, Path zipFile) throws IOException {
    if (zipFile.getParent() != null) {
      Files.createDirectories(zipFile.getParent());
    }
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zipFile))) {
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    for (Path f : files) {
      Files.delete(f);
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
