package io.alloyflow.workflows.gateway;

import io.micronaut.http.HttpResponse;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.micronaut.http.HttpStatus;
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

  @Get("/graph/lineage")
  public List<Map<String, Object>> lineage(@QueryValue String key) {
    return backend.lineage(key);
  }

  private static String str(Map<String, Object> body, String key) {
    Object v = body.get(key);
    return v == null ? null : v.toString();
  }
}
