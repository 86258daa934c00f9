package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.embedded.WorkflowStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's calls into Temporal for workflows started by id (batches, candidates, inclusion
 * scans), recorded first in the {@link io.alloyflow.workflows.ledger.WorkflowLedger}: an id in use
 * is 409, a status query Temporal does not answer is 503, an id Temporal does not know is answered
 * from the ledger (after a restart) or is the caller's 404.
 */
final class WorkflowCalls {
  private WorkflowCalls() {}

  /** The 409 for an id in use. */
  static ProblemException taken(String kind, String id, String field) {
    return new ProblemException(new Problem(409, "conflict",
        kind + " '" + id + "' exists already; choose another " + field, field));
  }

  /**
   * Starts a workflow whose submission the ledger holds already: a start Temporal refuses or does
   * not answer is left to the resumer (the submission is durable, so the caller still gets 202).
   */
  static void startRecorded(Runnable start) {
    try {
      start.run();
    } catch (RuntimeException e) {
      // recorded: the resumer starts it when Temporal answers again
    }
  }

  /**
   * The 202 of a recorded submission: {@code {idField: id, ...extra, "location": path}} with the
   * same path in the {@code Location} header.
   *
   * @param path the collection path, e.g. {@code /v1/batches}
   * @param extra fields between the id and the location (e.g. the item count), in order
   */
  static io.micronaut.http.HttpResponse<java.util.Map<String, Object>> accepted(String path, String idField,
      String id, java.util.Map<String, Object> extra) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(idField, id);
    m.putAll(extra);
    m.put("location", path + "/" + id);
    return io.micronaut.http.HttpResponse.<java.util.Map<String, Object>>status(io.micronaut.http.HttpStatus.ACCEPTED)
        .body(m).header("Location", path + "/" + id);
  }

  /** Temporal's status of a workflow id, empty when Temporal does not know it. */
  static Optional<WorkflowExecutionStatus> statusIfKnown(WorkflowClient client, String id) {
    try {
      return WorkflowStatus.of(client, id);
    } catch (RuntimeException e) {
      throw new ProblemException(new Problem(503, "service unavailable",
          "the workflow service did not answer", null));
    }
  }

  /**
   * The answer for an id Temporal does not know: from the ledger (after a restart of the embedded
   * Temporal service), or {@code notFound}.
   *
   * @param completed renders a stored result JSON
   */
  static java.util.Map<String, Object> fromLedger(GatewayBackend backend, String id, String idField,
      java.util.function.Function<String, java.util.Map<String, Object>> completed,
      Supplier<ProblemException> notFound) {
    var e = backend.submission(id).orElseThrow(notFound);
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    switch (e.status()) {
      case "COMPLETED" -> m.putAll(completed.apply(e.result()));
      case "FAILED" -> {
        m.put(idField, id);
        m.put("status", "FAILED");
        m.put("error", e.reason());
      }
      default -> {
        m.put(idField, id);
        m.put("status", "RUNNING");
        m.put("step", "resuming after a restart");
      }
    }
    return m;
  }
}
