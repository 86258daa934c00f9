package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.embedded.WorkflowStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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

  /**
   * How one kind of workflow answers {@code GET .../{id}}.
   *
   * @param kind the word in a 503's detail, e.g. {@code batch}
   * @param idField the id's field in every answer, e.g. {@code batchId}
   * @param resultType the workflow's result type (also what the ledger stores)
   * @param running the answer while it runs (also after a continue-as-new), from its id
   * @param completed the answer for its result
   */
  record StatusView<R>(String kind, String idField, Class<R> resultType,
      Function<String, Map<String, Object>> running, Function<R, Map<String, Object>> completed) {}

  /**
   * The status answer of a workflow started by id: from the ledger when Temporal does not know the
   * id, the running answer, the completed answer (its result also settles the ledger entry), or
   * {@code {idField, "status": "FAILED", "error": reason}} with the innermost failure's message
   * (the status name when there is none) also settling the ledger entry. A Temporal that does not
   * answer in time is 503.
   */
  static <R> Map<String, Object> status(GatewayBackend backend, String id, StatusView<R> view,
      Supplier<ProblemException> notFound) {
    var known = statusIfKnown(backend.client(), id);
    if (known.isEmpty()) {
      return fromLedger(backend, id, view.idField(), j -> view.completed().apply(
          io.alloyflow.workflows.ledger.WorkflowLedger.fromJson(j, view.resultType())), notFound);
    }
    WorkflowExecutionStatus st = known.get();
    WorkflowStub stub = backend.client().newUntypedWorkflowStub(id);
    try {
      if (st == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          || st == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
        return view.running().apply(id);
      }
      if (st == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        R r = stub.getResult(10, TimeUnit.SECONDS, view.resultType());
        backend.submissionEnded(id, r, "");
        return view.completed().apply(r);
      }
    } catch (TimeoutException | RuntimeException e) {
      if (e instanceof ProblemException pe) {
        throw pe;
      }
      throw new ProblemException(new Problem(503, "service unavailable",
          "the " + view.kind() + " did not answer in time", null));
    }
    String reason = st.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
    try {
      stub.getResult(10, TimeUnit.SECONDS, view.resultType());
    } catch (WorkflowFailedException e) {
      reason = CandidateController.rootMessage(e);
    } catch (TimeoutException | RuntimeException e) {
      // keep the status name as the reason
    }
    backend.submissionEnded(id, null, reason);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(view.idField(), id);
    m.put("status", "FAILED");
    m.put("error", reason);
    return m;
  }
}
