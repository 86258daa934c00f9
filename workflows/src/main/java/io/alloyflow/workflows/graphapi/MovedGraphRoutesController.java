package io.alloyflow.workflows.graphapi;

import io.alloyflow.graph.ProvenanceGraph;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Map;

/**
 * The graph routes that used to live in {@code GatewayController} ({@code /v1/graph}, {@code
 * /v1/graph/structure-property}, {@code /v1/graph/lineage}, {@code /v1/analyses/{id}/prov}).
 * They keep their paths for existing clients.
 */
@Controller("/v1")
@io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
public class MovedGraphRoutesController {
  private final ProvenanceGraph graph;
  private final GraphApiController api;

  public MovedGraphRoutesController(ProvenanceGraph graph, GraphApiController api) {
    this.graph = graph;
    this.api = api;
  }

  /** True when {@code GatewayController} no longer declares the moved route methods. */
  /** Up- (default) or downstream lineage of any node key, nearest first. */
  @Get("/graph/lineage")
  public HttpResponse<?> lineage(@QueryValue String key, @QueryValue(defaultValue = "false") boolean down,
      @QueryValue(defaultValue = "10") int depth) {
    try {
      return HttpResponse.ok(graph.lineage(key, down, GraphApiController.bounded(depth, 1, 30, "depth")));
    } catch (IllegalArgumentException e) {
      return GraphApiController.problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  /** Structure-property rows (sample, phase fractions, predicted hardness), newest first. */
  @Get("/graph/structure-property")
  public List<Map<String, Object>> structureProperty(@QueryValue(defaultValue = "200") int limit) {
    return graph.structureProperty(Math.max(1, Math.min(limit, 10000)));
  }

  /** The analysis' provenance as W3C PROV-JSON (any analysis in the graph). */
  @Get("/analyses/{id}/prov")
  public HttpResponse<Map<String, Object>> prov(@PathVariable String id) {
    Map<String, Object> doc = graph.provJson(id);
    return doc == null ? GraphApiController.problem(HttpStatus.NOT_FOUND, "no analysis '" + id + "' in the graph") : HttpResponse.ok(doc);
  }

  /** The analysts' start page (same as {@code /v1/graph/browse}). */
  @Get(uri = "/graph", produces = MediaType.TEXT_HTML)
  public String browser() {
    return api.browse("", "");
  }

}
