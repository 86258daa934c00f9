package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.campaign.AskRequest;
import io.alloyflow.workflows.campaign.CampaignGraph;
import io.alloyflow.workflows.campaign.CampaignProgress;
import io.alloyflow.workflows.campaign.CampaignSpec;
import io.alloyflow.workflows.campaign.CampaignWorkflow;
import io.alloyflow.workflows.campaign.TellRequest;
import io.alloyflow.workflows.campaign.Trial;
import io.alloyflow.workflows.campaign.Trials;
import io.alloyflow.workflows.campaign.opt.Parameter;
import io.alloyflow.graph.ProvenanceGraph;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Closed-loop campaigns over HTTP, for experiment schedulers (role {@code scheduler} or
 * {@code admin}; see {@link io.alloyflow.workflows.security.AccessPolicy}):
 *
 * <ul>
 *   <li>{@code POST /v1/campaigns} creates one: {@code {"objective": "hardnessHv", "unit": "HV",
 *       "direction": "maximize", "parameters": [{"name": "aluminium", "lo": 0.2, "hi": 1.0}],
 *       "acquisition": "ei", "retrainEvery": 4, "requireApproval": false, "seed": 1}} (and an
 *       optional {@code campaignId});
 *   <li>{@code POST /v1/campaigns/{id}/ask} {@code {"n": 4, "key": "batch-7"}} returns the next
 *       trials with the surrogate's mean and std (the same key returns the same trials);
 *   <li>{@code POST /v1/campaigns/{id}/tell} {@code {"trialId": "...", "measurements":
 *       {"hardnessHv": 312.5}}} stores a trial's measurements (idempotent);
 *   <li>{@code POST /v1/campaigns/{id}/approve} {@code {"trialIds": [...]}}, {@code POST
 *       /v1/campaigns/{id}/close}, and {@code GET /v1/campaigns/{id}} (progress and trials).
 * </ul>
 *
 * Errors are {@code application/problem+json}: 400 for a malformed request, 404 for an unknown
 * campaign, 409 for a request the campaign refuses (unknown or unapproved trial, conflicting tell,
 * closed campaign). A campaign that the workflow service forgot (the embedded one keeps its state
 * in memory, so a restart of {@code serve} loses it) is started again from its records in the
 * knowledge graph on the first request that finds it missing (and by the gateway's resumer).
 */
@Controller("/v1/campaigns")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CampaignController {
  private static final Set<String> CREATE_FIELDS = Set.of("campaignId", "objective", "unit", "direction",
      "parameters", "acquisition", "retrainEvery", "requireApproval", "seed", "maxHistoryEvents");
  private final GatewayBackend backend;
  private final ProvenanceGraph graph;

  public CampaignController(GatewayBackend backend, ProvenanceGraph graph) {
    this.backend = backend;
    this.graph = graph;
  }

  /** Creates a campaign; 201 with its id and location. */
  @Post(consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<Map<String, Object>> create(@Body Map<String, Object> body) {
    CampaignSpec spec = parseSpec(body);
    // a campaign Temporal forgot (restart of the embedded service) still owns its id in the graph
    boolean known;
    try {
      known = new CampaignGraph(graph).status(spec.campaignId()).isPresent();
    } catch (RuntimeException e) {
      throw new ProblemException(new Problem(503, "unavailable",
          "the knowledge graph is not reachable right now; nothing was created, retry later", null));
    }
    if (known) {
      throw new ProblemException(new Problem(409, "conflict",
          "campaign '" + spec.campaignId() + "' exists already", "campaignId"));
    }
    CampaignWorkflow stub = backend.client().newWorkflowStub(CampaignWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(CampaignWorkflow.TASK_QUEUE)
            .setWorkflowId(spec.campaignId()).build());
    try {
      io.temporal.client.WorkflowClient.start(stub::run, spec, null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ProblemException(new Problem(409, "conflict",
          "campaign '" + spec.campaignId() + "' exists already", "campaignId"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaignId", spec.campaignId());
    m.put("location", "/v1/campaigns/" + spec.campaignId());
    return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED).body(m)
        .header("Location", "/v1/campaigns/" + spec.campaignId());
  }

  /** Proposes the next trials. */
  @Post(uri = "/{id}/ask", consumes = MediaType.APPLICATION_JSON)
  public Map<String, Object> ask(@PathVariable String id, @Body Map<String, Object> body) {
    only(body, Set.of("n", "key"));
    int n = (int) integer(body, "n", 1);
    String key = text(body, "key", "");
    AskRequest req;
    try {
      req = new AskRequest(n, key);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField(n < 1 || n > 100 ? "n" : "key", e.getMessage()));
    }
    Trials t = call(id, () -> campaign(id).ask(req));
    return Map.of("campaignId", id, "trials", t.trials().stream().map(CampaignController::json).toList());
  }

  /** Tells a trial's measurements. */
  @Post(uri = "/{id}/tell", consumes = MediaType.APPLICATION_JSON)
  public Map<String, Object> tell(@PathVariable String id, @Body Map<String, Object> body,
      @Nullable Authentication auth) {
    only(body, Set.of("trialId", "measurements"));
    String trialId = text(body, "trialId", null);
    if (trialId == null || trialId.isBlank()) {
      throw new ProblemException(Problem.badField("trialId", "required"));
    }
    Object raw = body.get("measurements");
    if (!(raw instanceof Map<?, ?> rm) || rm.isEmpty()) {
      throw new ProblemException(Problem.badField("measurements", "expected an object of property name to number"));
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : rm.entrySet()) {
      if (!(e.getValue() instanceof Number num)) {
        throw new ProblemException(Problem.badField("measurements", "value of '" + e.getKey() + "' must be a number"));
      }
      m.put(String.valueOf(e.getKey()), num.doubleValue());
    }
    TellRequest req;
    try {
      req = new TellRequest(trialId, m, auth == null ? "anonymous" : auth.getName());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField("measurements", e.getMessage()));
    }
    return json(call(id, () -> campaign(id).tell(req)));
  }

  /** Approves trials awaiting approval. */
  @Post(uri = "/{id}/approve", consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<Map<String, Object>> approve(@PathVariable String id, @Body Map<String, Object> body) {
    only(body, Set.of("trialIds"));
    if (!(body.get("trialIds") instanceof List<?> ids) || ids.isEmpty() || ids.size() > 1000
        || !ids.stream().allMatch(x -> x instanceof String)) {
      throw new ProblemException(Problem.badField("trialIds", "expected a list of 1..1000 trial ids"));
    }
    List<String> list = ids.stream().map(String::valueOf).toList();
    call(id, () -> {
      campaign(id).approve(list);
      return null;
    });
    return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(Map.of("approved", list));
  }

  /** Closes the campaign. */
  @Post("/{id}/close")
  public HttpResponse<Map<String, Object>> close(@PathVariable String id) {
    call(id, () -> {
      campaign(id).close();
      return null;
    });
    return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(Map.of("campaignId", id, "closing", true));
  }

  /** Progress and trials of a campaign, with its record counts in the graph. */
  @Get("/{id}")
  public Map<String, Object> show(@PathVariable String id) {
    CampaignWorkflow c = campaign(id);
    CampaignProgress p = call(id, c::progress);
    Trials t = call(id, c::trials);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaignId", p.campaignId());
    m.put("status", p.status());
    m.put("trials", p.trials());
    m.put("completed", p.completed());
    m.put("pending", p.pending());
    m.put("bestTrialId", p.bestTrialId());
    m.put("bestValue", Double.isFinite(p.bestValue()) ? p.bestValue() : null);
    m.put("surrogateTrainedOn", p.trainedOn());
    m.put("runs", p.runs());
    m.put("graph", new CampaignGraph(graph).counts(id));
    m.put("trialList", t.trials().stream().map(CampaignController::json).toList());
    return m;
  }

  private CampaignWorkflow campaign(String id) {
    if (id == null || !CampaignSpec.ID.matcher(id).matches()) {
      throw new ProblemException(new Problem(404, "not found", "no such campaign", null));
    }
    return backend.client().newWorkflowStub(CampaignWorkflow.class, id);
  }

  /**
   * Calls the campaign's workflow; when Temporal does not know it (the embedded Temporal service
   * forgot it in a restart) but the graph holds it as open, starts it again from the graph and
   * calls once more.
   */
  private <T> T call(String id, java.util.function.Supplier<T> f) {
    try {
      return callOnce(id, f);
    } catch (ProblemException e) {
      if (e.problem().status() != 404) {
        throw e;
      }
      boolean resumed;
      boolean closed;
      try {
        resumed = backend.resumeCampaign(id);
        closed = !resumed && new CampaignGraph(graph).status(id).filter("CLOSED"::equals).isPresent();
      } catch (ProblemException pe) {
        throw pe;
      } catch (RuntimeException down) {
        throw new ProblemException(new Problem(503, "unavailable",
            "the campaign could not be looked up in the workflow service or the knowledge graph; retry later", null));
      }
      if (resumed) {
        return callOnce(id, f);
      }
      if (closed) {
        throw new ProblemException(new Problem(409, "closed", "campaign '" + id
            + "' is closed; its trials and measurements stay in the knowledge graph", null));
      }
      throw e;
    }
  }

  private static <T> T callOnce(String id, java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (WorkflowUpdateException e) {
      Throwable c = e.getCause();
      String msg = c instanceof ApplicationFailure af ? af.getOriginalMessage() : c == null ? e.getMessage() : c.getMessage();
      throw new ProblemException(new Problem(409, "refused", msg, null));
    } catch (WorkflowNotFoundException e) {
      throw new ProblemException(new Problem(404, "not found", "no running campaign '" + id + "'", null));
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof io.grpc.StatusRuntimeException s
          && s.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        throw new ProblemException(new Problem(404, "not found", "no running campaign '" + id + "'", null));
      }
      throw new ProblemException(new Problem(503, "unavailable", "the workflow service did not answer", null));
    } catch (io.temporal.client.WorkflowQueryException e) {
      throw new ProblemException(new Problem(404, "not found", "no running campaign '" + id + "'", null));
    }
  }

  static Map<String, Object> json(Trial t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trialId", t.trialId());
    m.put("number", t.number());
    m.put("batch", t.batch());
    m.put("status", t.status());
    m.put("parameters", t.parameters());
    m.put("predictedMean", Double.isFinite(t.predictedMean()) ? t.predictedMean() : null);
    m.put("predictedStd", Double.isFinite(t.predictedStd()) ? t.predictedStd() : null);
    m.put("acquisition", Double.isFinite(t.acquisition()) ? t.acquisition() : null);
    m.put("measurements", t.measurements());
    return m;
  }

  static CampaignSpec parseSpec(Map<String, Object> body) {
    only(body, CREATE_FIELDS);
    String id = text(body, "campaignId", null);
    if (id == null) {
      id = "campaign-" + UUID.randomUUID();
    }
    Object ps = body.get("parameters");
    if (!(ps instanceof List<?> list) || list.isEmpty()) {
      throw new ProblemException(Problem.badField("parameters", "expected a list of {\"name\", \"lo\", \"hi\"}"));
    }
    List<Parameter> params = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> pm) || !(pm.get("name") instanceof String name)
          || !(pm.get("lo") instanceof Number lo) || !(pm.get("hi") instanceof Number hi) || pm.size() != 3) {
        throw new ProblemException(Problem.badField("parameters", "each parameter is {\"name\": text, \"lo\": number, \"hi\": number}"));
      }
      try {
        params.add(new Parameter(name, lo.doubleValue(), hi.doubleValue()));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(Problem.badField("parameters", e.getMessage()));
      }
    }
    Object approval = body.getOrDefault("requireApproval", false);
    if (!(approval instanceof Boolean)) {
      throw new ProblemException(Problem.badField("requireApproval", "expected true or false"));
    }
    try {
      return new CampaignSpec(id, text(body, "objective", null), text(body, "unit", ""),
          text(body, "direction", "maximize"), params, text(body, "acquisition", "ei"),
          (int) integer(body, "retrainEvery", 4), (Boolean) approval,
          (int) integer(body, "maxHistoryEvents", 10_000), integer(body, "seed", 1));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String field = m.startsWith("campaignId") ? "campaignId" : m.startsWith("objective") ? "objective"
          : m.startsWith("direction") ? "direction" : m.startsWith("acquisition") ? "acquisition"
          : m.startsWith("retrainEvery") ? "retrainEvery" : m.startsWith("maxHistoryEvents") ? "maxHistoryEvents"
          : "parameters";
      throw new ProblemException(Problem.badField(field, m));
    }
  }

  private static void only(Map<String, Object> body, Set<String> allowed) {
    if (body == null) {
      throw new ProblemException(Problem.badField("body", "expected a JSON object"));
    }
    for (String k : body.keySet()) {
      if (!allowed.contains(k)) {
        throw new ProblemException(Problem.badField(k, "unknown field; expected one of " + new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private static String text(Map<String, Object> body, String field, String dflt) {
    Object v = body.get(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof String s)) {
      throw new ProblemException(Problem.badField(field, "expected text"));
    }
    return s;
  }

  private static long integer(Map<String, Object> body, String field, long dflt) {
    Object v = body.get(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new ProblemException(Problem.badField(field, "expected an integer"));
    }
    return ((Number) v).longValue();
  }
}
