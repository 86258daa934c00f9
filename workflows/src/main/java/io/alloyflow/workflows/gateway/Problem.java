package io.alloyflow.workflows.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code field} names the request
 * field at fault where there is one. Details never carry file content or stack traces.
 *
 * @param status HTTP status
 * @param title short summary of the problem type
 * @param detail what was wrong and what was expected
 * @param field request field at fault, or null
 */
public record Problem(int status, String title, String detail, String field) {
  public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

  /** Longest detail sent (a guard against echoing large inputs). */
  static final int MAX_DETAIL = 600;

  public Problem {
    detail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
  }

  /** A 400 about one field. */
  public static Problem badField(String field, String detail) {
    return new Problem(400, "invalid request", field + ": " + detail, field);
  }

  /** The JSON body. */
  public Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "about:blank");
    m.put("title", title);
    m.put("status", status);
    m.put("detail", detail);
    if (field != null) {
      m.put("field", field);
    }
    return m;
  }

  /** The HTTP response. */
  public MutableHttpResponse<Map<String, Object>> response() {
    MutableHttpResponse<Map<String, Object>> r =
        HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(status)).body(body());
    r.contentType(PROBLEM_JSON);
    return r;
  }
}
