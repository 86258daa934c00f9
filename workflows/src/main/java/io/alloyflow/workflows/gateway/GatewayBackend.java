package io.alloyflow.workflows.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.graph.AnalysisLedger;
import io.alloyflow.graph.AnalysisLedger.Entry;
import io.alloyflow.graph.AnalysisLedger.Status;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.analysis.AnalysisSummary;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.campaign.CampaignGraph;
import io.alloyflow.workflows.campaign.CampaignResumer;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.ingest.IngestRequest;
import io.alloyflow.workflows.ingest.InputSource;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway's HTTP layer calls; knows the stack, not HTTP.
 *
 * <p>Acceptance is durable: {@link #submit} records the analysis in the {@link AnalysisLedger}
 * (Neo4j) and then starts its workflow under the analysis id; only then does the caller get its
 * 202. The decoding of the input files is the workflow's first step, so acceptance costs two small
 * writes and no pixel work. Status comes from the ledger (which survives restarts) and, while an
 * analysis runs, from a query of its workflow. A resumer starts, after a restart and then every
 * minute, every analysis the ledger holds as unfinished whose workflow Temporal does not know (the
 * embedded Temporal service keeps its state in memory), so an accepted analysis is never lost; it
 * also starts again, from their records in the graph, the open campaigns Temporal forgot.
 */
public final class GatewayBackend implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AlloyflowStack stack;
  private final AnalysisLedger ledger;
  private final ExecutorService queries;
  private final ScheduledExecutorService resumer;
  private final CampaignResumer campaigns;
  private final io.alloyflow.workflows.ledger.WorkflowLedger submissions;
  private final io.alloyflow.workflows.ledger.WorkflowResumer submissionResumer;

  public GatewayBackend(AlloyflowStack stack) {
    this.stack = stack;
    this.ledger = new AnalysisLedger(stack.graph().driver());
    this.queries = Executors.newFixedThreadPool(2, daemon("status-query"));
    this.campaigns = new CampaignResumer(stack.client(), new CampaignGraph(stack.graph()));
    this.submissions = new io.alloyflow.workflows.ledger.WorkflowLedger(stack.graph().driver());
    this.submissionResumer = new io.alloyflow.workflows.ledger.WorkflowResumer(stack.client(),
        submissions, ledger);
    this.resumer = Executors.newSingleThreadScheduledExecutor(daemon("analysis-resumer"));
    resumer.scheduleWithFixedDelay(this::resumeQuietly, 0, 60, TimeUnit.SECONDS);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** The answer to an accepted submission. */
  public record Accepted(String analysisId, boolean created) {}

  /**
   * Records and starts an analysis.
   *
   * @param principal who submits (the token's name)
   * @param idempotencyKey client's key (null = none): the same key from the same caller gives the
   *     same analysis, and is refused for a different request
   */
  public Accepted submit(Submission s, String principal, String idempotencyKey) {
    String requestJson = requestJson(s);
    String requestHash = sha256(requestJson);
    String id = idempotencyKey == null
        ? "analysis-" + UUID.randomUUID()
        : "analysis-" + sha256(principal + "\u0000" + idempotencyKey).substring(0, 32);
    AnalysisLedger.Submitted rec;
    try {
      rec = ledger.submit(id, s.sampleId(), requestJson, requestHash, principal, System.currentTimeMillis());
    } catch (RuntimeException e) {
      throw new ProblemException(new Problem(503, "service unavailable",
          "the knowledge graph cannot record the submission right now; nothing was accepted, retry later",
          null));
    }
    if (!rec.created()) {
      if (!rec.entry().requestSha256().equals(requestHash)) {
        throw new ProblemException(new Problem(422, "idempotency key reused",
            "Idempotency-Key was used before with a different request", "Idempotency-Key"));
      }
      if (rec.entry().status().ended()) {
        return new Accepted(id, false);
      }
    }
    startWorkflow(id, s);
    return new Accepted(id, rec.created());
  }

  private void startWorkflow(String id, Submission s) {
    AnalysisRequest req = new AnalysisRequest(
        s.sampleId(), Map.of("source", s.micrograph().fileName()), s.alloySystem(), null, null, null,
        s.method(), s.classes(), 2.0, List.of(), null,
        new IngestRequest(id, s.micrograph(), s.eds(), s.pixelSizeUm()));
    AnalysisWorkflow wf = stack.client().newWorkflowStub(
        AnalysisWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(AnalysisWorkflow.TASK_QUEUE)
            .setWorkflowId(id)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowExecutionTimeout(Duration.ofHours(2))
            .build());
    try {
      WorkflowClient.start(wf::analyze, req);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // a retried submission: the analysis runs (or ran) already
    } catch (RuntimeException e) {
      // recorded in the ledger: the resumer starts it when Temporal answers again
    }
  }

  /** Status of an analysis, or empty when no such analysis was submitted. */
  public Optional<Map<String, Object>> status(String id) {
    Optional<Entry> e;
    try {
      e = ledger.find(id);
    } catch (RuntimeException ex) {
      throw graphDown();
    }
    if (e.isEmpty()) {
      return Optional.empty();
    }
    Entry en = e.get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analysisId", id);
    m.put("sampleId", en.sampleId());
    if (en.status() == Status.COMPLETED && en.summary().isEmpty() && !en.request().isEmpty()) {
      // the provenance writer marks the analysis complete a moment before the workflow stores
      // its result summary: until then it is still finishing
      m.put("status", Status.RUNNING.name());
      m.put("step", "recording outcome");
      return Optional.of(m);
    }
    m.put("status", en.status().name());
    switch (en.status()) {
      case SUBMITTED, RUNNING -> m.put("step", currentStep(id));
      case COMPLETED -> m.putAll(AnalysisSummary.fromJson(en.summary()));
      case FAILED, CANCELLED -> m.put("error", en.reason());
      default -> { }
    }
    return Optional.of(m);
  }

  private String currentStep(String id) {
    CompletableFuture<String> f = CompletableFuture.supplyAsync(
        () -> stack.client().newWorkflowStub(AnalysisWorkflow.class, id).currentStep(), queries);
    try {
      return f.get(2, TimeUnit.SECONDS);
    } catch (Exception ex) {
      f.cancel(true);
      return "queued";
    }
  }

  /** Requests cancellation; returns the status after the request. */
  public Map<String, Object> cancel(String id) {
    Entry en = ledger.find(id).orElseThrow(() -> new ProblemException(
        new Problem(404, "not found", "no analysis '" + id + "'", null)));
    if (en.status().ended()) {
      throw new ProblemException(new Problem(409, "already ended",
          "analysis " + id + " has ended (" + en.status() + ")", null));
    }
    if (temporalStatus(id).isEmpty()) {
      ledger.ended(id, en.sampleId(), Status.CANCELLED, "cancelled on request before it started", "",
          System.currentTimeMillis());
    } else {
      WorkflowStub.fromTyped(stack.client().newWorkflowStub(AnalysisWorkflow.class, id)).cancel();
    }
    return Map.of("analysisId", id, "status", "CANCELLING");
  }

  /** Temporal's status of a workflow, empty when Temporal does not know it. */
  private Optional<WorkflowExecutionStatus> temporalStatus(String id) {
    return io.alloyflow.workflows.embedded.WorkflowStatus.of(stack.client(), id);
  }

  private void resumeQuietly() {
    try {
      // parents first: a batch or candidate starts its own unfinished analyses again
      submissionResumer.resumeAll();
    } catch (RuntimeException e) {
      System.err.println("warning: resuming batches, candidates and scans failed: " + e.getMessage());
    }
    try {
      resumeUnfinished();
    } catch (RuntimeException e) {
      System.err.println("warning: resuming unfinished analyses failed: " + e.getMessage());
    }
    try {
      campaigns.resumeAll();
    } catch (RuntimeException e) {
      System.err.println("warning: resuming open campaigns failed: " + e.getMessage());
    }
  }

  /**
   * Records a batch, candidate or inclusion scan before its workflow starts (see {@link
   * io.alloyflow.workflows.ledger.WorkflowLedger}).
   *
   * @return false when the id is taken
   * @throws ProblemException 503 when the graph cannot record it (nothing was accepted)
   */
  public boolean recordSubmission(String id, String kind, Object request) {
    try {
      return submissions.submit(id, kind, request, System.currentTimeMillis());
    } catch (RuntimeException e) {
      throw new ProblemException(new Problem(503, "service unavailable",
          "the knowledge graph cannot record the " + kind + " right now; nothing was accepted,"
              + " retry later", null));
    }
  }

  /**
   * Stores how a recorded submission ended, as soon as a status request sees it (best effort:
   * the resumer does it otherwise), so a restart right after the end finds the result.
   *
   * @param result the result (null when it failed)
   */
  public void submissionEnded(String id, Object result, String reason) {
    try {
      submissions.ended(id, result == null ? "FAILED" : "COMPLETED",
          result == null ? "" : io.alloyflow.workflows.ledger.WorkflowLedger.json(result), reason,
          System.currentTimeMillis());
    } catch (RuntimeException e) {
      // the resumer settles it on its next pass
    }
  }

  /** The recorded submission of an id Temporal does not know (after a restart), if any. */
  public Optional<io.alloyflow.workflows.ledger.WorkflowLedger.Entry> submission(String id) {
    try {
      Optional<io.alloyflow.workflows.ledger.WorkflowLedger.Entry> e = submissions.find(id);
      if (e.isPresent() && !e.get().ended()) {
        submissionResumer.resume(id);
      }
      return e;
    } catch (RuntimeException e) {
      throw graphDown();
    }
  }

  /**
   * Starts a campaign again from its records in the graph if it is open there and Temporal does
   * not know it (see {@link CampaignResumer}).
   *
   * @return true when it was started again, or when it runs now (another resumer was quicker)
   */
  public boolean resumeCampaign(String campaignId) {
    try {
      return campaigns.resume(campaignId) || temporalStatus(campaignId)
          .filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isPresent();
    } catch (IllegalStateException e) {
      throw new ProblemException(new Problem(409, "cannot resume",
          "campaign '" + campaignId + "' cannot be resumed from the knowledge graph: " + e.getMessage(), null));
    }
  }

  /**
   * Starts every unfinished analysis whose workflow Temporal does not know, and closes ledger
   * entries whose workflow ended without recording an outcome (terminated, timed out).
   *
   * @return how many were started again
   */
  public int resumeUnfinished() {
    int resumed = 0;
    for (Entry e : ledger.unfinished(10_000)) {
      Optional<WorkflowExecutionStatus> st = temporalStatus(e.analysisId());
      if (st.isEmpty()) {
        if (e.request().isEmpty() && submissionResumer.ownsChild(e.analysisId())) {
          continue; // a batch's or candidate's analysis: its parent starts it again
        }
        Submission s = fromRequestJson(e.request());
        if (s == null) {
          ledger.ended(e.analysisId(), e.sampleId(), Status.FAILED,
              "the stored submission could not be read back; submit it again", "", System.currentTimeMillis());
          continue;
        }
        startWorkflow(e.analysisId(), s);
        resumed++;
      } else if (st.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        Status end = st.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
            ? Status.CANCELLED : Status.FAILED;
        ledger.ended(e.analysisId(), e.sampleId(), end, "workflow ended as " + st.get().name()
            .replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(java.util.Locale.ROOT), "",
            System.currentTimeMillis());
      }
    }
    return resumed;
  }

  private static String requestJson(Submission s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sampleId", s.sampleId());
    m.put("micrograph", source(s.micrograph()));
    m.put("eds", s.eds() == null ? null : source(s.eds()));
    m.put("pixelSizeUm", Double.isNaN(s.pixelSizeUm()) ? null : s.pixelSizeUm());
    m.put("alloySystem", s.alloySystem());
    m.put("method", s.method());
    m.put("classes", s.classes());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> source(InputSource s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", s.path());
    m.put("upload", s.upload() == null ? null
        : Map.of("sha256", s.upload().sha256(), "mediaType", s.upload().mediaType(),
            "sizeBytes", s.upload().sizeBytes()));
    m.put("fileName", s.fileName());
    return m;
  }

  @SuppressWarnings("unchecked")
  static Submission fromRequestJson(String json) {
    try {
      Map<String, Object> m = JSON.readValue(json, Map.class);
      Object px = m.get("pixelSizeUm");
      return new Submission(
          (String) m.get("sampleId"), toSource((Map<String, Object>) m.get("micrograph")),
          toSource((Map<String, Object>) m.get("eds")),
          px == null ? Double.NaN : ((Number) px).doubleValue(), (String) m.get("alloySystem"),
          (String) m.get("method"), ((Number) m.get("classes")).intValue());
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static InputSource toSource(Map<String, Object> m) {
    if (m == null) {
      return null;
    }
    Map<String, Object> up = (Map<String, Object>) m.get("upload");
    return new InputSource((String) m.get("path"),
        up == null ? null : new ArtifactRef((String) up.get("sha256"), (String) up.get("mediaType"),
            ((Number) up.get("sizeBytes")).longValue()),
        (String) m.get("fileName"));
  }

  static String sha256(String s) {
    return io.alloyflow.core.store.FileSystemArtifactStore.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  private static ProblemException graphDown() {
    return new ProblemException(new Problem(503, "service unavailable",
        "the knowledge graph is not reachable right now; retry later", null));
  }

  public List<Map<String, Object>> analysesOfSample(String sampleId) {
    return stack.graph().analysesOfSample(sampleId);
  }

  /** The artifact store (uploads go there before they are accepted). */
  /** The Temporal client (campaign endpoints signal, update and query their workflows). */
  public WorkflowClient client() {
    return stack.client();
  }

  public io.alloyflow.core.store.ArtifactStore store() {
    return stack.store();
  }

  /** The stack's settings (data roots, limits). */
  public io.alloyflow.workflows.embedded.StackSettings settings() {
    return stack.settings();
  }

  public io.alloyflow.workflows.ingest.DataRoots dataRoots() {
    return stack.dataRoots();
  }

  @Override
  public void close() {
    resumer.shutdownNow();
    queries.shutdownNow();
  }
}
