package io.alloyflow.workflows.graphapi;

import io.alloyflow.graph.ProvenanceGraph;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph routes that used to live in {@code GatewayController} ({@code /v1/graph}, {@code
 * /v1/graph/structure-property}, {@code /v1/graph/lineage}, {@code /v1/analyses/{id}/prov}).
 * Transitional: while {@code GatewayController} still declares them (two routes on one path make
 * Micronaut answer 400 "More than 1 route matched"), this controller stays off; once they are
 * deleted there, it serves them. When that is done, drop the {@code @Requires} and fold these
 * methods into {@link GraphApiController}.
 */
@Controller("/v1")
@Requires(condition = MovedGraphRoutesController.GatewayNoLongerServesThem.class)
public class MovedGraphRoutesController {
  private final ProvenanceGraph graph;
  private final GraphApiController api;

  public MovedGraphRoutesController(ProvenanceGraph graph, GraphApiController api) {
    this.graph = graph;
    this.api = api;
  }

  /** True when {@code GatewayController} no longer declares the moved route methods. */
  public static final class GatewayNoLongerServesThem implements Condition {
    static final Set<String> MOVED = Set.of("prov", "structureProperty", "browser", "lineage");

    @Override
    public boolean matches(ConditionContext context) {
      return Arrays.stream(io.alloyflow.workflows.gateway.GatewayController.class.getDeclaredMethods())
          .noneMatch(m -> MOVED.contains(m.getName()));
    }
  }

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
