package io.alloyflow.workflows.gateway;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Every error the HTTP layer produces, the framework's own included (malformed JSON, a body over
 * the size limit, an unknown route, 401/403 from the security filter), is answered as {@code
 * application/problem+json}. Framework messages are replaced by fixed texts where they could quote
 * the request (a JSON parser's message quotes the offending token).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemResponses implements ErrorResponseProcessor<Map<String, Object>> {

  @Override
  public MutableHttpResponse<Map<String, Object>> processResponse(
      ErrorContext ctx, MutableHttpResponse<?> base) {
    int status = base.code();
    String detail = detailFor(status, ctx);
    Problem p = new Problem(status, base.reason() == null ? "error" : base.reason(), detail, null);
    MutableHttpResponse<Map<String, Object>> r = base.body(p.body());
    r.contentType(Problem.PROBLEM_JSON);
    return r;
  }

  private static String detailFor(int status, ErrorContext ctx) {
    Throwable root = ctx.getRootCause().orElse(null);
    return switch (status) {
      case 401 -> "authentication required: send 'Authorization: Bearer <token>' with a valid API token";
      case 403 -> "this token's role may not call " + ctx.getRequest().getMethodName() + " "
          + ctx.getRequest().getPath();
      case 404 -> "no such endpoint: " + ctx.getRequest().getMethodName() + " " + ctx.getRequest().getPath();
      case 405 -> "method " + ctx.getRequest().getMethodName() + " not allowed on " + ctx.getRequest().getPath();
      case 413 -> "request body larger than this server accepts";
      case 415 -> "unsupported content type";
      default -> {
        if (status >= 500) {
          yield "internal error; the server log has details";
        }
        if (root != null && root.getClass().getName().startsWith("com.fasterxml.jackson")) {
          yield "request body is not valid JSON of the expected shape";
        }
        String m = ctx.hasErrors() ? ctx.getErrors().get(0).getMessage() : "bad request";
        yield m == null ? "bad request" : m;
      }
    };
  }

  /** Handler for {@link ProblemException} thrown by controllers. */
  @Singleton
  @Order(-100)
  public static final class Handler
      implements ExceptionHandler<ProblemException, HttpResponse<Map<String, Object>>> {
    @Override
    public HttpResponse<Map<String, Object>> handle(HttpRequest request, ProblemException e) {
      return e.problem().response();
    }
  }
}
