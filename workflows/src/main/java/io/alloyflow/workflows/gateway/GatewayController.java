package io.alloyflow.workflows.gateway;

import io.micronaut.http.HttpResponse;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

/** The gateway's HTTP endpoints under {@code /v1}. */
@OpenAPIDefinition(info = @Info(title = "alloyflow-gateway", version = "0.1", description = "Submit and follow analyses; provenance lineage"))
@Controller("/v1")
public class GatewayController {
  private final GatewayBackend backend;

  public GatewayController(GatewayBackend backend) {
    this.backend = backend;
  }

  @Get("/health")
  public HttpResponse<Map<String, Object>> health() {
    Map<String, Object> h = backend.health();
    return "UP".equals(h.get("status")) ? HttpResponse.ok(h) : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(h);
  }

  /**
   * Starts an analysis. Body: {@code {"sampleId": "...", "micrographPath": "...", "edsPath":
   * "...", "pixelSizeUm": 0.1, "alloySystem": "dp-steel", "method": "otsu", "classes": 2}}.
   */
  @Post("/analyses")
  public HttpResponse<Map<String, Object>> submit(@Body Map<String, Object> body) {
    try {
      GatewayBackend.Submission s =
          new GatewayBackend.Submission(
              str(body, "sampleId"), str(body, "micrographPath"), str(body, "edsPath"),
              body.get("pixelSizeUm") instanceof Number n ? n.doubleValue() : Double.NaN,
              str(body, "alloySystem"), str(body, "method"),
              body.get("classes") instanceof Number c ? c.intValue() : 2);
      String id = backend.submit(s);
      return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED)
          .body(Map.of("analysisId", id, "status", "/v1/analyses/" + id));
    } catch (IllegalArgumentException | NoSuchFileException e) {
      String msg = e instanceof NoSuchFileException nsf ? nsf.getFile() + ": not found" : e.getMessage();
      return HttpResponse.<Map<String, Object>>badRequest().body(Map.of("error", msg));
    } catch (IOException e) {
      return HttpResponse.<Map<String, Object>>badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  @Get("/analyses/{id}")
  public HttpResponse<Map<String, Object>> status(@PathVariable String id) {
    Map<String, Object> s = backend.status(id);
    return s == null
        ? HttpResponse.<Map<String, Object>>notFound().body(Map.of("error", "no analysis '" + id + "' started by this gateway"))
        : HttpResponse.ok(s);
  }

  @Get("/samples/{id}/analyses")
  public List<Map<String, Object>> analyses(@PathVariable String id) {
    return backend.analysesOfSample(id);
  }

  /** The analysis' provenance as W3C PROV-JSON (any analysis in the graph). */
  @Get("/analyses/{id}/prov")
  public HttpResponse<Map<String, Object>> prov(@PathVariable String id) {
    Map<String, Object> doc = backend.provJson(id);
    return doc == null
        ? HttpResponse.<Map<String, Object>>notFound().body(Map.of("error", "no analysis '" + id + "' in the graph"))
        : HttpResponse.ok(doc);
  }

  /** Structure-property rows (sample, phase fractions, predicted hardness), newest first. */
  @Get("/graph/structure-property")
  public List<Map<String, Object>> structureProperty(@QueryValue(defaultValue = "200") int limit) {
    return backend.structureProperty(Math.max(1, Math.min(limit, 10000)));
  }

  /** A page for analysts: the structure-property table with links to each analysis' provenance. */
  @Get(uri = "/graph", produces = MediaType.TEXT_HTML)
  public String browser() {
    StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
        + "<title>alloyflow knowledge graph</title><style>body{font-family:sans-serif;margin:2em}"
        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style></head><body>"
        + "<h1>Structure-property provenance</h1><table><tr><th>sample</th><th>alloy system</th>"
        + "<th>phase fractions</th><th>hardness (HV)</th><th>model</th><th>provenance</th></tr>");
    for (Map<String, Object> r : backend.structureProperty(500)) {
      b.append("<tr><td>").append(esc(r.get("sample"))).append("</td><td>").append(esc(r.get("alloySystem")))
          .append("</td><td>").append(esc(r.get("fractions"))).append("</td><td>")
          .append(r.get("hardnessHv") == null ? "" : String.format(java.util.Locale.ROOT, "%.0f &plusmn; %.0f",
              ((Number) r.get("hardnessHv")).doubleValue(), ((Number) r.get("sigmaHv")).doubleValue()))
          .append("</td><td>").append(esc(r.get("model") == null ? "" : r.get("model")))
          .append("</td><td><a href=\"/v1/analyses/").append(esc(r.get("analysis"))).append("/prov\">PROV-JSON</a>")
          .append("</td></tr>");
    }
    return b.append("</table></body></html>").toString();
  }

  private static String esc(Object o) {
    return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  @Get("/graph/lineage")
  public List<Map<String, Object>> lineage(@QueryValue String key) {
    return backend.lineage(key);
  }

  private static String str(Map<String, Object> body, String key) {
    Object v = body.get(key);
    return v == null ? null : v.toString();
  }
}
