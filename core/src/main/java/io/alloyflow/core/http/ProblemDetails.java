package io.alloyflow.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of an RFC 9457 problem detail (R. Fielding et al., "Problem Details for HTTP APIs",
 * RFC 9457, 2023) as the services answer it: {@code type} about:blank, a short {@code title}, the
 * HTTP {@code status}, a one-line {@code detail} and, for clients of the first API version,
 * {@code error} repeating the detail.
 */
public final class ProblemDetails {
  private ProblemDetails() {}

  /** The media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** A 400 "invalid request" with a one-line detail. */
  public static Map<String, Object> badRequest(String detail) {
    return of(400, "invalid request", detail);
  }

  /** A problem detail; a multi-line detail is joined into one line. */
  public static Map<String, Object> of(int status, String title, String detail) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem's status must be 4xx or 5xx, found " + status);
    }
    String d = detail == null ? title : detail.replaceAll("\\s*\\R\\s*", " ").strip();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "about:blank");
    m.put("title", title);
    m.put("status", status);
    m.put("detail", d);
    m.put("error", d);
    return m;
  }
}
