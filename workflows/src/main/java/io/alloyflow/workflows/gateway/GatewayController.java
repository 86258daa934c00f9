package io.alloyflow.workflows.gateway;

import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.workflows.ingest.InputRejectedException;
import io.alloyflow.workflows.ingest.InputSource;
import io.alloyflow.workflows.ingest.Ingest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gateway's HTTP endpoints under {@code /v1}. Every error is {@code application/problem+json}
 * naming the field at fault; blocking work runs off the event loop; roles are enforced by
 * {@link io.alloyflow.workflows.security.AccessPolicy}.
 */
@OpenAPIDefinition(info = @Info(title = "alloyflow-gateway", version = "0.2",
    description = "Submit, follow and cancel analyses; provenance lineage"))
@Controller("/v1")
public class GatewayController {
  // up to 128: a batch child is analysis-<batchId of up to 70>-<5 digits>
  private static final Pattern ANALYSIS_ID = Pattern.compile("analysis-[A-Za-z0-9-]{1,128}");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
  private final GatewayBackend backend;
  private final HealthMonitor health;

  public GatewayController(GatewayBackend backend, HealthMonitor health) {
    this.backend = backend;
    this.health = health;
  }

  /** Health of Temporal and Neo4j, answered from the last background check (no I/O here). */
  @Get("/health")
  public HttpResponse<Map<String, Object>> health() {
    Map<String, Object> h = health.current();
    return health.up() ? HttpResponse.ok(h) : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(h);
  }

  /**
   * Starts an analysis of files under the server's data roots. Body: {@code {"sampleId": "...",
   * "micrographPath": "...", "edsPath": "...", "pixelSizeUm": 0.1, "alloySystem": "dp-steel",
   * "method": "otsu", "classes": 2}}; paths are relative to a data root (or absolute inside one).
   * An {@code Idempotency-Key} header makes retries safe. 202 means durably recorded.
   */
  @Post(uri = "/analyses", consumes = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> submit(
      @Body Map<String, Object> body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable Authentication auth) {
    String key = checkKey(idempotencyKey);
    Submission s = SubmissionParser.parse(body, backend.dataRoots(), backend.settings().maxInputBytes());
    return accepted(backend.submit(s, principal(auth), key));
  }

  /**
   * Starts an analysis of uploaded files ({@code multipart/form-data}): parts {@code micrograph}
   * (TIFF or PNG file), optional {@code eds} (EMSA file), and the fields {@code sampleId},
   * {@code pixelSizeUm}, {@code alloySystem}, {@code method}, {@code classes}.
   */
  @Post(uri = "/analyses", consumes = MediaType.MULTIPART_FORM_DATA)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> upload(
      @Nullable @Part("micrograph") CompletedFileUpload micrograph,
      @Nullable @Part("eds") CompletedFileUpload eds,
      @Nullable @Part("sampleId") String sampleId,
      @Nullable @Part("pixelSizeUm") String pixelSizeUm,
      @Nullable @Part("alloySystem") String alloySystem,
      @Nullable @Part("method") String method,
      @Nullable @Part("classes") String classes,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable Authentication auth) throws IOException {
    String key = checkKey(idempotencyKey);
    if (micrograph == null) {
      throw new ProblemException(Problem.badField("micrograph", "a file part named 'micrograph' is required"));
    }
    double px = pixelSizeUm == null ? Double.NaN : parseNumber("pixelSizeUm", pixelSizeUm);
    int cls = classes == null ? 2 : (int) parseInteger("classes", classes);
    Submission.checkFields(sampleId, px, alloySystem, method, cls);
    InputSource m = store("micrograph", micrograph, true);
    InputSource e = eds == null ? null : store("eds", eds, false);
    return accepted(backend.submit(new Submission(sampleId, m, e, px, alloySystem, method, cls),
        principal(auth), key));
  }

  private InputSource store(String field, CompletedFileUpload up, boolean micrograph) throws IOException {
    String name = up.getFilename() == null ? "" : Path.of(up.getFilename()).getFileName().toString();
    if (name.isBlank() || name.length() > 255) {
      throw new ProblemException(Problem.badField(field, "the file part needs a file name of 1..255 characters"));
    }
    if (!micrograph && name.toLowerCase(java.util.Locale.ROOT).endsWith(".rpl")) {
      throw new ProblemException(Problem.badField(field,
          "a Lispix .rpl spectrum image needs its .raw file next to it: submit it by path under a data root"));
    }
    if (up.getSize() > backend.settings().maxInputBytes()) {
      throw new ProblemException(Problem.badField(field, "file larger than this server's limit"));
    }
    Path tmp = Files.createTempFile(backend.settings().dataDir(), "upload-", ".part");
    try {
      try (InputStream in = up.getInputStream()) {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        if (micrograph) {
          Ingest.checkMicrographHeader(field, tmp, name);
        } else {
          Ingest.checkEdsHeader(field, tmp, name);
        }
      } catch (InputRejectedException ex) {
        throw new ProblemException(Problem.badField(field, ex.reason()));
      }
      ArtifactRef ref = backend.store().putFile(tmp, micrograph ? "application/octet-stream" : "application/x-emsa");
      return InputSource.ofUpload(ref, name);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static double parseNumber(String field, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ProblemException(Problem.badField(field, "expected a number"));
    }
  }

  private static long parseInteger(String field, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ProblemException(Problem.badField(field, "expected an integer"));
    }
  }

  private static String checkKey(String key) {
    if (key != null && !KEY.matcher(key).matches()) {
      throw new ProblemException(Problem.badField("Idempotency-Key", "expected 1..200 visible ASCII characters"));
    }
    return key;
  }

  private static String principal(Authentication auth) {
    return auth == null ? "anonymous" : auth.getName();
  }

  private static HttpResponse<Map<String, Object>> accepted(GatewayBackend.Accepted a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analysisId", a.analysisId());
    m.put("status", "/v1/analyses/" + a.analysisId());
    m.put("created", a.created());
    return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(m)
        .header("Location", "/v1/analyses/" + a.analysisId());
  }

  /** Status of an analysis (from the ledger; survives restarts). */
  @Get("/analyses/{id}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> status(@PathVariable String id) {
    if (!ANALYSIS_ID.matcher(id).matches()) {
      throw new ProblemException(new Problem(404, "not found", "no such analysis", null));
    }
    return backend.status(id).map(HttpResponse::ok).orElseThrow(() ->
        new ProblemException(new Problem(404, "not found", "no analysis '" + id + "'", null)));
  }

  /** Cancels a running analysis. */
  @Post("/analyses/{id}/cancel")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> cancel(@PathVariable String id) {
    if (!ANALYSIS_ID.matcher(id).matches()) {
      throw new ProblemException(new Problem(404, "not found", "no such analysis", null));
    }
    return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(backend.cancel(id));
  }

  @Get("/samples/{id}/analyses")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public List<Map<String, Object>> analyses(@PathVariable String id) {
    if (id.length() > 128) {
      throw new ProblemException(Problem.badField("id", "sample ids have at most 128 characters"));
    }
    return backend.analysesOfSample(id);
  }
}
