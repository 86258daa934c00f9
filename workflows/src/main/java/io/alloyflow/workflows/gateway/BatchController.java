package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.batch.BatchAnalysisWorkflow;
import io.alloyflow.workflows.batch.BatchFolder;
import io.alloyflow.workflows.batch.BatchItem;
import io.alloyflow.workflows.batch.BatchItemResult;
import io.alloyflow.workflows.batch.BatchProgress;
import io.alloyflow.workflows.batch.BatchRequest;
import io.alloyflow.workflows.ingest.InputRejectedException;
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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Batches over HTTP: {@code POST /v1/batches} {@code {"directory": "run-12", "alloySystem":
 * "dp-steel", "method": "otsu", "classes": 2, "pixelSizeUm": 0.25, "maxParallel": 4}} (and an
 * optional {@code batchId}, {@code itemsPerRun}) analyses every micrograph of a folder under the
 * server's data roots (see {@link BatchFolder}) with a {@link BatchAnalysisWorkflow}; 202 with the
 * batch id and item count. {@code GET /v1/batches/{id}} gives the counts, the failed items with
 * their reasons and the latest completed ones while it runs, and every item's outcome when done.
 * Roles: designer and admin start batches, every reader reads them. Errors are problem+json. The
 * batch is recorded in the graph before the 202 ({@link io.alloyflow.workflows.ledger.WorkflowLedger}):
 * after a restart of {@code serve} it starts again after its items whose analyses ended.
 */
@Controller("/v1/batches")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BatchController {
  private static final Set<String> FIELDS = Set.of("batchId", "directory", "alloySystem", "method", "classes",
      "pixelSizeUm", "maxParallel", "itemsPerRun");
  private final GatewayBackend backend;

  public BatchController(GatewayBackend backend) {
    this.backend = backend;
  }

  /** Starts a batch; 202 with its id, item count and location. */
  @Post(consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<Map<String, Object>> submit(@Body Map<String, Object> body) {
    if (body == null) {
      throw new ProblemException(Problem.badField("body", "expected a JSON object"));
    }
    for (String k : body.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new ProblemException(Problem.badField(k, "unknown field; expected one of " + new java.util.TreeSet<>(FIELDS)));
      }
    }
    Path dir;
    try {
      dir = backend.dataRoots().resolveDirectory("directory", BodyFields.text(body, "directory", null));
    } catch (InputRejectedException e) {
      throw new ProblemException(Problem.badField(e.field(), e.getMessage()));
    }
    List<BatchItem> items;
    try {
      items = BatchFolder.items(dir);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField("directory", e.getMessage()));
    } catch (IOException e) {
      throw new ProblemException(Problem.badField("directory", "the folder cannot be listed"));
    }
    BatchRequest req;
    try {
      Object px = body.get("pixelSizeUm");
      if (px != null && !(px instanceof Number)) {
        throw new ProblemException(Problem.badField("pixelSizeUm", "expected a number"));
      }
      req = new BatchRequest(BodyFields.text(body, "batchId", "batch-" + UUID.randomUUID()), items,
          BodyFields.text(body, "alloySystem", "unknown"), BodyFields.text(body, "method", "otsu"), BodyFields.integer(body, "classes"),
          px == null ? Double.NaN : ((Number) px).doubleValue(), BodyFields.integer(body, "maxParallel"),
          BodyFields.integer(body, "itemsPerRun"));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String field = m.startsWith("batchId") ? "batchId" : m.startsWith("classes") ? "classes"
          : m.startsWith("pixelSizeUm") ? "pixelSizeUm" : m.startsWith("maxParallel") ? "maxParallel"
          : m.startsWith("itemsPerRun") ? "itemsPerRun" : "directory";
      throw new ProblemException(Problem.badField(field, m));
    }
    BatchAnalysisWorkflow wf = backend.client().newWorkflowStub(BatchAnalysisWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(BatchAnalysisWorkflow.TASK_QUEUE).setWorkflowId(req.batchId())
            .setWorkflowRunTimeout(Duration.ofDays(7)).build());
    if (!backend.recordSubmission(req.batchId(), "batch", req)) {
      throw WorkflowCalls.taken("batch", req.batchId(), "batchId");
    }
    WorkflowCalls.startRecorded(() -> WorkflowClient.start(wf::run, req, null));
    return WorkflowCalls.accepted("/v1/batches", "batchId", req.batchId(), Map.of("items", items.size()));
  }

  /** Progress, or every item's outcome when done. */
  @Get("/{id}")
  public Map<String, Object> status(@PathVariable String id) {
    if (id == null || !BatchRequest.ID.matcher(id).matches()) {
      throw notFound(id);
    }
    return WorkflowCalls.status(backend, id, new WorkflowCalls.StatusView<>("batch", "batchId",
        BatchProgress.class,
        batchId -> json(backend.client().newWorkflowStub(BatchAnalysisWorkflow.class, batchId).progress(), null),
        p -> json(p, null)), () -> notFound(id));
  }

  static Map<String, Object> json(BatchProgress p, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("batchId", p.batchId());
    m.put("status", p.status());
    m.put("total", p.total());
    m.put("completed", p.completed());
    m.put("failed", p.failed());
    m.put("running", p.running());
    m.put("runs", p.runs());
    m.put("items", p.items().stream().map(BatchController::json).toList());
    return m;
  }

  static Map<String, Object> json(BatchItemResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", r.index());
    m.put("sampleId", r.sampleId());
    m.put("fileName", r.fileName());
    m.put("analysisId", r.analysisId());
    m.put("status", r.status());
    if (!r.error().isEmpty()) {
      m.put("error", r.error());
    }
    m.put("phaseFractions", r.phaseFractions());
    if (!r.prediction().isEmpty()) {
      m.put("prediction", Map.of("property", r.prediction(), "mean", r.predictionMean(), "std", r.predictionStd()));
    }
    return m;
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(new Problem(404, "not found", "no batch '" + id + "'", null));
  }
}
