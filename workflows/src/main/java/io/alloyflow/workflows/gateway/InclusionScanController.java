package io.alloyflow.workflows.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.workflows.inclusion.InclusionScanFolder;
import io.alloyflow.workflows.inclusion.InclusionScanReport;
import io.alloyflow.workflows.inclusion.InclusionScanRequest;
import io.alloyflow.workflows.inclusion.InclusionScanWorkflow;
import io.alloyflow.workflows.inclusion.ScanField;
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
 * Inclusion scans over HTTP: {@code POST /v1/inclusion-scans} {@code {"directory": "heat-4711",
 * "confidenceThreshold": 0.9, "pixelSizeUm": 0.25, "maxParallel": 2}} (and optional {@code
 * scanId}, {@code sampleId}, {@code fieldOverheadS}, {@code edsDwellS}) scans every BSE field
 * image of a folder under the server's data roots, with the EDS spot spectra of its {@code
 * NAME.spots/} folders (see {@link InclusionScanFolder}), in an {@link InclusionScanWorkflow}:
 * BSE-first screening, EDS only for the uncertain particles. 202 with the scan id and field count.
 * {@code GET /v1/inclusion-scans/{id}}: the report so far ({@code RUNNING}), the final report
 * ({@code COMPLETED}: counts and area fractions per class, inclusions per hour, EDS acquisitions
 * made and skipped, per field its outcome and provenance steps) or {@code FAILED} with the reason.
 * Roles: designer and admin start scans, every reader reads them. Errors are problem+json. The
 * scan is recorded in the graph before the 202 ({@link io.alloyflow.workflows.ledger.WorkflowLedger}):
 * after a restart of {@code serve} a scan in flight starts again from its first field (field
 * provenance merges idempotently), and a finished one is answered from the graph.
 */
@Controller("/v1/inclusion-scans")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InclusionScanController {
  private static final Set<String> FIELDS = Set.of("scanId", "sampleId", "directory",
      "confidenceThreshold", "pixelSizeUm", "maxParallel", "fieldOverheadS", "edsDwellS");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GatewayBackend backend;

  public InclusionScanController(GatewayBackend backend) {
    this.backend = backend;
  }

  /** Starts a scan; 202 with its id, field count and location. */
  @Post(consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<Map<String, Object>> submit(@Body Map<String, Object> body) {
    InclusionScanRequest req = parse(body, backend);
    InclusionScanWorkflow wf = backend.client().newWorkflowStub(InclusionScanWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(InclusionScanWorkflow.TASK_QUEUE)
            .setWorkflowId(req.scanId()).setWorkflowRunTimeout(Duration.ofDays(2)).build());
    if (!backend.recordSubmission(req.scanId(), "inclusion-scan", req)) {
      throw WorkflowCalls.taken("inclusion scan", req.scanId(), "scanId");
    }
    WorkflowCalls.startRecorded(() -> WorkflowClient.start(wf::scan, req));
    return WorkflowCalls.accepted("/v1/inclusion-scans", "scanId", req.scanId(),
        Map.of("fields", req.fields().size()));
  }

  /** The report so far, the final report, or the reason the scan failed. */
  @Get("/{id}")
  public Map<String, Object> status(@PathVariable String id) {
    if (id == null || !InclusionScanRequest.ID.matcher(id).matches()) {
      throw notFound(id);
    }
    return WorkflowCalls.status(backend, id, new WorkflowCalls.StatusView<>("scan", "scanId",
        InclusionScanReport.class, scanId -> {
          InclusionScanReport r = backend.client().newWorkflowStub(InclusionScanWorkflow.class, scanId)
              .progress();
          if (r == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scanId", scanId);
            m.put("status", "RUNNING");
            return m;
          }
          return json(r);
        }, InclusionScanController::json), () -> notFound(id));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(InclusionScanReport r) {
    return JSON.convertValue(r, LinkedHashMap.class);
  }

  static InclusionScanRequest parse(Map<String, Object> body, GatewayBackend backend) {
    if (body == null) {
      throw new ProblemException(Problem.badField("body", "expected a JSON object"));
    }
    for (String k : body.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new ProblemException(Problem.badField(k, "unknown field; expected one of "
            + new java.util.TreeSet<>(FIELDS)));
      }
    }
    Path dir;
    try {
      dir = backend.dataRoots().resolveDirectory("directory", BodyFields.text(body, "directory", null));
    } catch (InputRejectedException e) {
      throw new ProblemException(Problem.badField(e.field(), e.getMessage()));
    }
    List<ScanField> fields;
    try {
      fields = InclusionScanFolder.fields(dir);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField("directory", e.getMessage()));
    } catch (IOException e) {
      throw new ProblemException(Problem.badField("directory", "the folder cannot be listed"));
    }
    try {
      int par = BodyFields.integer(body, "maxParallel");
      return new InclusionScanRequest(BodyFields.text(body, "scanId", "scan-" + UUID.randomUUID()),
          BodyFields.text(body, "sampleId", ""), fields, number(body, "confidenceThreshold"),
          number(body, "pixelSizeUm"), par, number(body, "fieldOverheadS"),
          number(body, "edsDwellS"));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String field = "directory";
      for (String f : List.of("scanId", "confidenceThreshold", "pixelSizeUm", "maxParallel",
          "fieldOverheadS", "fields")) {
        if (m.startsWith(f) || (f.equals("fieldOverheadS") && m.contains("edsDwellS"))) {
          field = f.equals("fields") ? "directory" : f;
          break;
        }
      }
      throw new ProblemException(Problem.badField(field, m));
    }
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(new Problem(404, "not found", "no inclusion scan '" + id + "'",
        null));
  }

  private static double number(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      return Double.NaN;
    }
    if (!(v instanceof Number n)) {
      throw new ProblemException(Problem.badField(field, "expected a number"));
    }
    return n.doubleValue();
  }
}
