package io.alloyflow.workflows.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.concurrent.Semaphore;

/**
 * Bounds the synchronous compute endpoints (segment, measure, EDS, fusion, predict), which decode
 * and process in the gateway's own heap: at most max(2, cores) run at once; a request beyond that
 * is answered 503 with {@code Retry-After} at once instead of queueing without bound. Analyses
 * submitted through {@code /v1/analyses} are not affected (they queue durably in Temporal).
 */
@ServerFilter(patterns = {"/v1/segment", "/v1/measure", "/v1/eds/**", "/v1/fusion/**", "/v1/predict/**"})
public final class ComputeAdmission {
  private static final String ADMITTED = "alloyflow.admitted";
  private final Semaphore permits = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

  @RequestFilter
  @Nullable
  public HttpResponse<?> admit(HttpRequest<?> request) {
    if (!permits.tryAcquire()) {
      return new Problem(503, "busy",
          "the compute endpoints are at capacity; retry shortly, or submit an analysis to"
              + " /v1/analyses (it queues durably)", null).response().header("Retry-After", "5");
    }
    request.setAttribute(ADMITTED, Boolean.TRUE);
    return null;
  }

  @ResponseFilter
  public void release(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (request.getAttribute(ADMITTED).isPresent()) {
      request.removeAttribute(ADMITTED, Boolean.class);
      permits.release();
    }
  }
}
