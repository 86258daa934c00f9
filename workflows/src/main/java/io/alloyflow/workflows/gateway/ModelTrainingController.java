package io.alloyflow.workflows.gateway;

import io.alloyflow.prediction.api.TrainedModel;
import io.alloyflow.workflows.ingest.InputRejectedException;
import io.alloyflow.workflows.training.ModelTrainingRequest;
import io.alloyflow.workflows.training.ModelTrainingResult;
import io.alloyflow.workflows.training.ModelTrainingWorkflow;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Property-model training over HTTP, as a durable {@link ModelTrainingWorkflow}: {@code POST
 * /v1/models/training} {@code {"dataPath": "tables/mpea.csv", "property": "hardness",
 * "members": 5, "epochs": 300, "folds": 5, "seed": 1, "register": true}} (all but {@code
 * dataPath} optional; {@code trainingId} to choose the id) stages the table (under the server's
 * data roots only), trains the ensemble with grouped cross-validation and conformal intervals on
 * the prediction worker (heartbeats; retried on another worker when one dies), registers the model
 * as the property's current one when asked, and records it in the graph: 202 with the id. {@code
 * GET /v1/models/training/{id}}: {@code RUNNING} with the step, {@code COMPLETED} with the model
 * (version, data SHA-256, cross-validated metrics), or {@code FAILED} with the reason. Admins start
 * trainings; every reader reads them. Recorded in the submission ledger before the 202, so a
 * restart of {@code serve} resumes it and a finished one is answered from the graph.
 */
@Controller("/v1/models/training")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ModelTrainingController {
  private static final Set<String> FIELDS = Set.of("trainingId", "property", "dataPath", "members",
      "epochs", "folds", "seed", "register");
  private static final String PATH = "/v1/models/training";
  private final GatewayBackend backend;

  public ModelTrainingController(GatewayBackend backend) {
    this.backend = backend;
  }

  /** Starts a training; 202 with its id and location. */
  @Post(consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<Map<String, Object>> submit(@Body Map<String, Object> body) {
    ModelTrainingRequest req = parse(body, backend);
    ModelTrainingWorkflow wf = backend.client().newWorkflowStub(ModelTrainingWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(ModelTrainingWorkflow.TASK_QUEUE)
            .setWorkflowId(req.trainingId()).setWorkflowRunTimeout(Duration.ofHours(6)).build());
    if (!backend.recordSubmission(req.trainingId(), "model-training", req)) {
      throw WorkflowCalls.taken("training", req.trainingId(), "trainingId");
    }
    WorkflowCalls.startRecorded(() -> WorkflowClient.start(wf::train, req));
    return WorkflowCalls.accepted(PATH, "trainingId", req.trainingId(), Map.of("property", req.property()));
  }

  /** The step, the trained model, or the reason the training failed. */
  @Get("/{id}")
  public Map<String, Object> status(@PathVariable String id) {
    if (id == null || !ModelTrainingRequest.ID.matcher(id).matches()) {
      throw notFound(id);
    }
    return WorkflowCalls.status(backend, id, new WorkflowCalls.StatusView<>("training", "trainingId",
        ModelTrainingResult.class, trainingId -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("trainingId", trainingId);
          m.put("status", "RUNNING");
          m.put("step", backend.client().newWorkflowStub(ModelTrainingWorkflow.class, trainingId).progress());
          return m;
        }, ModelTrainingController::json), () -> notFound(id));
  }

  static Map<String, Object> json(ModelTrainingResult r) {
    TrainedModel t = r.model();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trainingId", r.trainingId());
    m.put("status", "COMPLETED");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("property", t.property());
    model.put("version", t.version());
    model.put("unit", t.unit());
    model.put("artifact", "sha256:" + t.model().sha256());
    model.put("trainingDataSha256", t.trainingDataSha256());
    model.put("registered", t.registered());
    model.put("crossValidation", new java.util.TreeMap<>(t.crossValidation()));
    m.put("model", model);
    return m;
  }

  static ModelTrainingRequest parse(Map<String, Object> body, GatewayBackend backend) {
    if (body == null) {
      throw new ProblemException(Problem.badField("body", "expected a JSON object"));
    }
    for (String k : body.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new ProblemException(Problem.badField(k, "unknown field; expected one of "
            + new java.util.TreeSet<>(FIELDS)));
      }
    }
    String dataPath = BodyFields.text(body, "dataPath", null);
    if (dataPath == null || dataPath.isBlank()) {
      throw new ProblemException(Problem.badField("dataPath", "required: the training table (CSV) under a data root"));
    }
    try {
      // checked here for a quick 400; the ingest worker resolves it again against its own roots
      backend.dataRoots().resolve("dataPath", dataPath, backend.settings().maxInputBytes());
    } catch (InputRejectedException e) {
      throw new ProblemException(Problem.badField(e.field(), e.getMessage()));
    }
    Object register = body.getOrDefault("register", Boolean.TRUE);
    if (!(register instanceof Boolean)) {
      throw new ProblemException(Problem.badField("register", "expected true or false"));
    }
    int members = bounded(body, "members", 1, 20);
    int epochs = bounded(body, "epochs", 1, 100_000);
    int folds = bounded(body, "folds", 2, 10);
    Object seed = body.getOrDefault("seed", 1);
    if (!(seed instanceof Integer || seed instanceof Long)) {
      throw new ProblemException(Problem.badField("seed", "expected a whole number"));
    }
    try {
      return new ModelTrainingRequest(
          BodyFields.text(body, "trainingId", "training-" + UUID.randomUUID()),
          BodyFields.text(body, "property", "hardness"), dataPath, members, epochs, folds,
          ((Number) seed).longValue(), (Boolean) register);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      for (String f : List.of("trainingId", "property", "dataPath")) {
        if (m.startsWith(f)) {
          throw new ProblemException(Problem.badField(f, m));
        }
      }
      throw new ProblemException(Problem.badField("body", m));
    }
  }

  /** An optional whole number within lo..hi; 0 (the workflow's default) when absent. */
  private static int bounded(Map<String, Object> body, String field, int lo, int hi) {
    Object v = body.get(field);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Integer n) || n < lo || n > hi) {
      throw new ProblemException(Problem.badField(field, "expected a whole number " + lo + ".." + hi
          + ", found " + v));
    }
    return n;
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(new Problem(404, "not found", "no training '" + id + "'", null));
  }
}
