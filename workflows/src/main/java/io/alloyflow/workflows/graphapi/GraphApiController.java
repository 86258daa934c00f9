package io.alloyflow.workflows.graphapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.graph.Condition;
import io.alloyflow.graph.Measurement;
import io.alloyflow.graph.ProvenanceGraph;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The knowledge graph over HTTP: JSON queries under {@code /v1/graph}, exports under {@code
 * /v1/analyses/{id}}, and the analysts' browser pages under {@code /v1/graph/browse}. Errors are
 * {@code application/problem+json} (RFC 9457) that say what was wrong and what was expected.
 */
@Controller("/v1")
@io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
public class GraphApiController {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
  private static final String CYTOSCAPE = "META-INF/resources/webjars/cytoscape/3.33.1/dist/cytoscape.min.js";
  private static final long MAX_EXPLANATION_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProvenanceGraph graph;
  private final ArtifactStore store;

  public GraphApiController(ProvenanceGraph graph, ArtifactStore store) {
    this.graph = graph;
    this.store = store;
  }

  static HttpResponse<Map<String, Object>> problem(HttpStatus status, String detail) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "about:blank");
    p.put("title", status.getReason());
    p.put("status", status.getCode());
    p.put("detail", detail);
    p.put("error", detail); // the gateway's older clients read "error"
    return HttpResponse.<Map<String, Object>>status(status).body(p).contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
  }

  static int bounded(int v, int lo, int hi, String name) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", found " + v);
    }
    return v;
  }

  // ---- JSON queries ------------------------------------------------------------------------

  /** Everything derived from a node (artifact, model version, calibration, sample). */
  @Get("/graph/impact")
  public HttpResponse<?> impact(@QueryValue String key, @QueryValue(defaultValue = "10") int depth,
      @QueryValue(defaultValue = "200") int limit) {
    try {
      return HttpResponse.ok(graph.impact(key, bounded(depth, 1, 30, "depth"), bounded(limit, 1, 10_000, "limit")));
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  /**
   * Structure-property search: {@code where} conditions such as {@code martensite>=0.2} (repeat
   * the parameter or separate with commas), {@code q} a part of a sample or analysis id.
   */
  @Get("/graph/search")
  public HttpResponse<?> search(@QueryValue(defaultValue = "") List<String> where,
      @QueryValue(defaultValue = "") String q, @QueryValue(defaultValue = "100") int limit) {
    try {
      return HttpResponse.ok(graph.search(conditions(where), q, bounded(limit, 1, 10_000, "limit")));
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  static List<Condition> conditions(List<String> where) {
    List<Condition> out = new ArrayList<>();
    for (String w : where) {
      for (String part : w.split(",")) {
        if (!part.isBlank()) {
          out.add(Condition.parse(part));
        }
      }
    }
    return out;
  }

  /** Samples whose id contains {@code q}, newest first. */
  @Get("/graph/samples")
  public HttpResponse<?> samples(@QueryValue(defaultValue = "") String q, @QueryValue(defaultValue = "100") int limit) {
    try {
      return HttpResponse.ok(graph.queries().samples(q, bounded(limit, 1, 10_000, "limit")));
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  /** One node with its properties and neighbours of note. */
  @Get("/graph/node")
  public HttpResponse<?> node(@QueryValue String key) {
    Map<String, Object> n = graph.queries().node(key);
    return n == null ? problem(HttpStatus.NOT_FOUND, "no node with key '" + key + "' in the graph") : HttpResponse.ok(n);
  }

  /** The lineage as nodes and edges (what the lineage page draws). */
  @Get("/graph/subgraph")
  public HttpResponse<?> subgraph(@QueryValue String key, @QueryValue(defaultValue = "false") boolean down,
      @QueryValue(defaultValue = "10") int depth, @QueryValue(defaultValue = "400") int max) {
    try {
      Map<String, Object> g = graph.queries().subgraph(key, down, bounded(depth, 1, 30, "depth"), bounded(max, 1, 5000, "max"));
      return g == null ? problem(HttpStatus.NOT_FOUND, "no node with key '" + key + "' in the graph") : HttpResponse.ok(g);
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  /** Predictions of the same samples by different model versions. */
  @Get("/graph/models")
  public HttpResponse<?> models(@QueryValue(defaultValue = "") String sample, @QueryValue(defaultValue = "200") int limit) {
    try {
      return HttpResponse.ok(graph.queries().predictionsAcrossModels(sample.isBlank() ? null : sample,
          bounded(limit, 1, 10_000, "limit")));
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  /** Measurements of a sample next to the predictions of the same property. */
  @Get("/graph/measurements")
  public List<Map<String, Object>> measurements(@QueryValue String sample) {
    return graph.queries().predictionVsMeasurement(sample);
  }

  /**
   * Enters a measurement. Body: {@code {"sampleId": "...", "property": "hardnessHv", "unit": "HV",
   * "value": 301, "sigma": 8, "method": "ISO 6507-1 HV10", "enteredBy": "alice",
   * "measuredAtEpochMs": 0, "analysisId": "", "id": ""}}; entering the same one twice is harmless.
   */
  @Post("/graph/measurements")
  public HttpResponse<?> addMeasurement(@Body Map<String, Object> body) {
    try {
      Measurement m = new Measurement(str(body, "id"), str(body, "sampleId"), str(body, "property"), str(body, "unit"),
          number(body, "value", Double.NaN), number(body, "sigma", 0), str(body, "method"), str(body, "enteredBy"),
          (long) number(body, "measuredAtEpochMs", 0), str(body, "analysisId"));
      graph.recordMeasurement(m);
      return HttpResponse.status(HttpStatus.CREATED).body(Map.of("key", m.key(), "id", m.id()));
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  private static String str(Map<String, Object> body, String key) {
    Object v = body.get(key);
    return v == null ? null : v.toString();
  }

  private static double number(Map<String, Object> body, String key, double otherwise) {
    Object v = body.get(key);
    if (v == null) {
      return otherwise;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("field '" + key + "' must be a number, found '" + v + "'");
  }

  // ---- exports -------------------------------------------------------------------------------

  /** PROV-JSON of the up- or downstream lineage of any node. */
  @Get("/graph/prov")
  public HttpResponse<?> provOfLineage(@QueryValue String key, @QueryValue(defaultValue = "false") boolean down,
      @QueryValue(defaultValue = "10") int depth) {
    try {
      Map<String, Object> doc = graph.provJsonOfLineage(key, down, bounded(depth, 1, 30, "depth"));
      return doc == null ? problem(HttpStatus.NOT_FOUND, "no node with key '" + key + "' in the graph") : HttpResponse.ok(doc);
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  /** The analysis as an RO-Crate zip (metadata, artifacts, PROV-JSON). */
  @Get(uri = "/analyses/{id}/ro-crate", produces = "application/zip")
  public HttpResponse<?> roCrate(@PathVariable String id) throws IOException {
    if (graph.provJson(id) == null) {
      return problem(HttpStatus.NOT_FOUND, "no analysis '" + id + "' in the graph");
    }
    Path dir = Files.createTempDirectory("ro-crate-http");
    Path zip = dir.resolve("crate.zip");
    try {
      graph.exportRoCrate(id, store, zip);
      return HttpResponse.ok(Files.readAllBytes(zip)).contentType("application/zip")
          .header("Content-Disposition", "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9_.-]", "_") + "-ro-crate.zip\"");
    } finally {
      Files.deleteIfExists(zip);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * An artifact of the graph for display: PNG and JPEG as stored, TIFF micrographs converted to
   * PNG. Only artifacts that are nodes of the graph are served.
   */
  @Get("/graph/artifacts/{sha256}")
  public HttpResponse<?> artifact(@PathVariable String sha256) throws IOException {
    if (!SHA.matcher(sha256).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "expected a SHA-256 of 64 lower-case hex characters, found '" + sha256 + "'");
    }
    Map<String, Object> n = graph.queries().node("sha256:" + sha256);
    if (n == null || !store.contains(sha256)) {
      return problem(HttpStatus.NOT_FOUND, "no artifact sha256:" + sha256 + " in the graph and the store");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) n.get("properties");
    String media = String.valueOf(props.get("mediaType"));
    long size = props.get("sizeBytes") instanceof Number s ? s.longValue() : 0;
    ArtifactRef ref = new ArtifactRef(sha256, media, size);
    if (media.equals("image/png") || media.equals("image/jpeg")) {
      return HttpResponse.ok(store.get(ref)).contentType(media);
    }
    if (media.equals("image/tiff")) {
      Path tmp = Files.createTempFile("artifact", ".png");
      try {
        MicrographIO.writePng(MicrographIO.read(store.localPath(ref)), tmp);
        return HttpResponse.ok(Files.readAllBytes(tmp)).contentType(MediaType.IMAGE_PNG_TYPE);
      } catch (IllegalArgumentException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "this micrograph cannot be shown as PNG: " + e.getMessage());
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "artifact sha256:" + sha256 + " is " + media
        + ", not an image; export the analysis as RO-Crate to get it");
  }

  /** Cytoscape.js from its WebJar (no network access needed by the browser). */
  @Get(uri = "/graph/assets/cytoscape.min.js", produces = "application/javascript")
  public HttpResponse<?> cytoscape() throws IOException {
    try (InputStream in = GraphApiController.class.getClassLoader().getResourceAsStream(CYTOSCAPE)) {
      if (in == null) {
        return problem(HttpStatus.NOT_FOUND, "the cytoscape WebJar is not on the classpath (" + CYTOSCAPE + ")");
      }
      return HttpResponse.ok(in.readAllBytes()).contentType("application/javascript")
          .header("Cache-Control", "max-age=86400");
    }
  }

  // ---- pages ---------------------------------------------------------------------------------

  /** Search page: samples and analyses by id and by structure-property conditions. */
  @Get(uri = "/graph/browse", produces = MediaType.TEXT_HTML)
  public String browse(@QueryValue(defaultValue = "") String q, @QueryValue(defaultValue = "") String where) {
    String error = null;
    List<Map<String, Object>> analyses = List.of();
    try {
      analyses = graph.search(conditions(List.of(where)), q, 200);
    } catch (IllegalArgumentException e) {
      error = e.getMessage();
    }
    return GraphPages.search(q, where, graph.queries().samples(q, 100), analyses, error);
  }

  /** Sample page. */
  @Get(uri = "/graph/browse/sample/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> samplePage(@PathVariable String id) {
    List<Map<String, Object>> analyses = graph.analysesOfSample(id);
    List<Map<String, Object>> measured = graph.queries().predictionVsMeasurement(id);
    if (analyses.isEmpty() && measured.isEmpty()) {
      return HttpResponse.<String>status(HttpStatus.NOT_FOUND)
          .body(GraphPages.head("not found") + "<p>No sample '" + GraphPages.esc(id) + "' in the graph.</p></body></html>")
          .contentType(MediaType.TEXT_HTML_TYPE);
    }
    return HttpResponse.ok(GraphPages.sample(id, analyses, measured,
        graph.queries().predictionsAcrossModels(id, 200))).contentType(MediaType.TEXT_HTML_TYPE);
  }

  /** Interactive lineage graph of any node. */
  @Get(uri = "/graph/browse/lineage", produces = MediaType.TEXT_HTML)
  public String lineagePage(@QueryValue String key, @QueryValue(defaultValue = "false") boolean down,
      @QueryValue(defaultValue = "10") int depth) {
    return GraphPages.lineage(key, down, Math.max(1, Math.min(depth, 30)));
  }

  /** Node page; for predictions their explanation, for images the image. */
  @Get(uri = "/graph/browse/node", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> nodePage(@QueryValue String key) {
    Map<String, Object> n = graph.queries().node(key);
    if (n == null) {
      return HttpResponse.<String>status(HttpStatus.NOT_FOUND)
          .body(GraphPages.head("not found") + "<p>No node '" + GraphPages.esc(key) + "' in the graph.</p></body></html>")
          .contentType(MediaType.TEXT_HTML_TYPE);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) n.get("properties");
    String media = String.valueOf(props.get("mediaType"));
    Map<String, Object> explanation = null;
    boolean image = false;
    if (key.startsWith("sha256:") && store.contains(key.substring(7))) {
      long size = props.get("sizeBytes") instanceof Number s ? s.longValue() : 0;
      image = media.startsWith("image/");
      if (media.equals("application/json") && size <= MAX_EXPLANATION_BYTES) {
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> doc = JSON.readValue(store.get(new ArtifactRef(key.substring(7), media, size)), Map.class);
          explanation = doc;
        } catch (IOException | RuntimeException e) {
          explanation = Map.of("unreadable", String.valueOf(e.getMessage()));
        }
      }
    }
    return HttpResponse.ok(GraphPages.node(n, explanation, image)).contentType(MediaType.TEXT_HTML_TYPE);
  }
}
