package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.security.ApiTokens;
import io.alloyflow.workflows.security.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Administration (role admin): API tokens. A created token is returned once and never again. */
@Controller("/v1/admin")
public class AdminController {
  private final ApiTokens tokens;

  public AdminController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Get("/tokens")
  public List<Map<String, Object>> list() {
    return tokens.list().stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("role", e.role());
      m.put("createdAtEpochMs", e.createdAtEpochMs());
      return m;
    }).toList();
  }

  /** Body {@code {"name": "alice", "role": "designer"}} → 201 with the token (shown once). */
  @Post("/tokens")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> create(@Body Map<String, Object> body) throws IOException {
    String name = SubmissionParser.string(body, "name", 64, true);
    String roleName = SubmissionParser.string(body, "role", 20, true);
    Role role;
    try {
      role = Role.parse(roleName);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField("role", "expected designer, scheduler, analyst or admin"));
    }
    try {
      ApiTokens.Created c = tokens.create(name, role);
      return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
          .body(Map.of("name", c.name(), "role", c.role().wireName(), "token", c.token()));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField("name", e.getMessage()));
    }
  }

  @Delete("/tokens/{name}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> revoke(@PathVariable String name) throws IOException {
    if (!tokens.revoke(name)) {
      throw new ProblemException(new Problem(404, "not found", "no token named '" + name + "'", null));
    }
    return HttpResponse.noContent();
  }
}
