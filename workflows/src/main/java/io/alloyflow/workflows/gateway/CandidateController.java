package io.alloyflow.workflows.gateway;

import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.workflows.candidate.CandidateEvaluationWorkflow;
import io.alloyflow.workflows.candidate.CandidateRequest;
import io.alloyflow.workflows.candidate.CandidateResult;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A designer's candidate over HTTP (role {@code designer} or {@code admin}):
 *
 * <ul>
 *   <li>{@code POST /v1/candidates} {@code {"composition": {"Al": 0.5, "Co": 1, "Cr": 1, "Fe": 1,
 *       "Ni": 1}, "grainInterceptUm": 30, "imageSize": 192, "pixelSizeUm": 0.5, "seed": 1}} (and an
 *       optional {@code candidateId}) starts a {@link CandidateEvaluationWorkflow}: the synthetic
 *       world makes the candidate's micrograph and bulk spectrum, the full analysis measures them,
 *       and the prediction models give the hardness with its uncertainty and Shapley explanation.
 *       Answers 202 with the candidate's id and location.
 *   <li>{@code GET /v1/candidates/{id}}: {@code RUNNING} with the current step, or {@code
 *       COMPLETED} with phase fractions, EDS composition, the prediction (mean, std, 95 %
 *       interval, model version, Shapley values and their base) and the synthetic ground truth,
 *       or {@code FAILED} with the reason.
 * </ul>
 *
 * Errors are {@code application/problem+json}: 400 naming the field, 404 for an unknown
 * candidate, 409 for a candidate id in use. The candidate is recorded in the graph before the 202
 * ({@link io.alloyflow.workflows.ledger.WorkflowLedger}): after a restart of {@code serve} an
 * evaluation in flight starts again, and a finished one is answered from the graph.
 */
@Controller("/v1/candidates")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CandidateController {
  private static final Set<String> FIELDS =
      Set.of("candidateId", "composition", "grainInterceptUm", "imageSize", "pixelSizeUm", "seed");
  private final GatewayBackend backend;

  public CandidateController(GatewayBackend backend) {
    this.backend = backend;
  }

  /** Starts the evaluation of a candidate; 202 with its id and location. */
  @Post(consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<Map<String, Object>> submit(@Body Map<String, Object> body) {
    CandidateRequest req = parse(body);
    CandidateEvaluationWorkflow wf = backend.client().newWorkflowStub(CandidateEvaluationWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(CandidateEvaluationWorkflow.TASK_QUEUE)
            .setWorkflowId(req.candidateId()).setWorkflowExecutionTimeout(Duration.ofHours(2)).build());
    if (!backend.recordSubmission(req.candidateId(), "candidate", req)) {
      throw WorkflowCalls.taken("candidate", req.candidateId(), "candidateId");
    }
    WorkflowCalls.startRecorded(() -> WorkflowClient.start(wf::evaluate, req));
    return WorkflowCalls.accepted("/v1/candidates", "candidateId", req.candidateId(), Map.of());
  }

  /** Status or result of a candidate's evaluation. */
  @Get("/{id}")
  public Map<String, Object> status(@PathVariable String id) {
    if (id == null || !CandidateRequest.ID.matcher(id).matches()) {
      throw notFound(id);
    }
    return WorkflowCalls.status(backend, id, new WorkflowCalls.StatusView<>("candidate", "candidateId",
        CandidateResult.class, candidateId -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("candidateId", candidateId);
          m.put("status", "RUNNING");
          String step;
          try {
            step = backend.client().newWorkflowStub(CandidateEvaluationWorkflow.class, candidateId).currentStep();
          } catch (RuntimeException e) {
            step = "queued";
          }
          m.put("step", step);
          return m;
        }, r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("candidateId", r.candidateId());
          m.put("status", "COMPLETED");
          m.putAll(json(r));
          return m;
        }), () -> notFound(id));
  }

  /** The innermost failure's own message (what a designer can act on), never a stack trace. */
  static String rootMessage(Throwable e) {
    String msg = e.getMessage();
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure af) {
        msg = af.getOriginalMessage();
      } else if (c.getCause() == null && c.getMessage() != null) {
        msg = c.getMessage();
      }
    }
    return msg;
  }

  static Map<String, Object> json(CandidateResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analysisId", r.analysisId());
    m.put("phaseFractions", r.phaseFractions());
    m.put("composition", r.composition());
    PropertyPrediction p = r.prediction();
    if (p != null && p.available()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("property", p.property());
      pm.put("unit", p.unit());
      pm.put("mean", p.mean());
      pm.put("std", p.std());
      pm.put("modelStd", finite(p.modelStd()));
      pm.put("inputStd", finite(p.inputStd()));
      pm.put("lo95", finite(p.lo95()));
      pm.put("hi95", finite(p.hi95()));
      pm.put("modelVersion", p.modelVersion());
      pm.put("method", p.method());
      pm.put("shap", p.explanation());
      pm.put("shapBase", finite(p.explanationBase()));
      m.put("prediction", pm);
    } else {
      m.put("prediction", null);
      m.put("predictionUnavailable", p != null && !p.available() ? p.unavailableReason() : r.predictionUnavailable());
    }
    m.put("truth", r.truth());
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(new Problem(404, "not found", "no candidate '" + id + "'", null));
  }

  static CandidateRequest parse(Map<String, Object> body) {
    if (body == null) {
      throw new ProblemException(Problem.badField("body", "expected a JSON object"));
    }
    for (String k : body.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new ProblemException(Problem.badField(k, "unknown field; expected one of " + new java.util.TreeSet<>(FIELDS)));
      }
    }
    Object id = body.get("candidateId");
    if (id != null && !(id instanceof String)) {
      throw new ProblemException(Problem.badField("candidateId", "expected text"));
    }
    Object c = body.get("composition");
    if (!(c instanceof Map<?, ?> cm)) {
      throw new ProblemException(Problem.badField("composition",
          "expected an object of element to molar amount, e.g. {\"Al\": 0.5, \"Co\": 1, \"Cr\": 1, \"Fe\": 1, \"Ni\": 1}"));
    }
    Map<String, Double> comp = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : cm.entrySet()) {
      if (!(e.getValue() instanceof Number n)) {
        throw new ProblemException(Problem.badField("composition", "amount of '" + e.getKey() + "' must be a number"));
      }
      comp.put(String.valueOf(e.getKey()), n.doubleValue());
    }
    double grain = number(body, "grainInterceptUm", Double.NaN);
    double px = number(body, "pixelSizeUm", 0);
    Object size = body.getOrDefault("imageSize", 0);
    Object seed = body.getOrDefault("seed", 1);
    if (!(size instanceof Integer)) {
      throw new ProblemException(Problem.badField("imageSize", "expected an integer"));
    }
    if (!(seed instanceof Integer || seed instanceof Long)) {
      throw new ProblemException(Problem.badField("seed", "expected an integer"));
    }
    try {
      return new CandidateRequest(id == null ? "candidate-" + UUID.randomUUID() : (String) id, comp, grain,
          (Integer) size, px, ((Number) seed).longValue());
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      String field = msg.startsWith("candidateId") ? "candidateId" : msg.startsWith("grainInterceptUm") ? "grainInterceptUm"
          : msg.startsWith("imageSize") ? "imageSize" : msg.startsWith("pixelSizeUm") ? "pixelSizeUm" : "composition";
      throw new ProblemException(Problem.badField(field, msg));
    }
  }

  private static double number(Map<String, Object> body, String field, double dflt) {
    Object v = body.get(field);
    if (v == null) {
      if (Double.isNaN(dflt)) {
        throw new ProblemException(Problem.badField(field, "required: a number"));
      }
      return dflt;
    }
    if (!(v instanceof Number n)) {
      throw new ProblemException(Problem.badField(field, "expected a number"));
    }
    return n.doubleValue();
  }
}
