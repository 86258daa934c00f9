package io.alloyflow.workflows.inbox;

import io.alloyflow.workflows.gateway.Problem;
import io.alloyflow.workflows.gateway.ProblemException;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP ingest for instrument PCs that cannot share a folder: {@code PUT /v1/inbox/{file}} puts a
 * file into the watched inbox (micrographs, EDS files and sidecars alike; the folder route then
 * groups, de-duplicates and submits them exactly as for copied files), and
 * {@code GET /v1/inbox/{file}} says what became of it. Available when the server watches an inbox
 * ({@code alloyflow serve --inbox DIR}); callers need the {@code instrument} role (or admin).
 */
@Controller("/v1/inbox")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InboxController {
  private final BeanProvider<InboxProcessor> inbox;
  private final long maxBytes;

  public InboxController(BeanProvider<InboxProcessor> inbox,
      io.micronaut.context.env.Environment env) {
    this.inbox = inbox;
    this.maxBytes = env.getProperty("micronaut.server.max-request-size", Long.class).orElse(512L << 20);
  }

  private InboxProcessor processor() {
    if (!inbox.isPresent()) {
      throw new ProblemException(new Problem(404, "not found",
          "this server watches no inbox (start it with 'alloyflow serve --inbox DIR')", null));
    }
    return inbox.get();
  }

  /** Puts one file into the inbox. */
  @Put(uri = "/{fileName}", consumes = {MediaType.APPLICATION_OCTET_STREAM, MediaType.ALL})
  public HttpResponse<Map<String, Object>> put(@PathVariable String fileName, @Body InputStream body) {
    InboxProcessor p = processor();
    long n;
    try {
      n = p.receive(fileName, body, maxBytes);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField("fileName", e.getMessage()));
    } catch (FileAlreadyExistsException e) {
      throw new ProblemException(new Problem(409, "conflict",
          "a file named '" + fileName + "' is still waiting in the inbox; wait until it is taken", "fileName"));
    } catch (IOException e) {
      throw new ProblemException(new Problem(503, "service unavailable",
          "the inbox cannot store the file right now; retry later", null));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", fileName);
    m.put("bytes", n);
    m.put("status", "/v1/inbox/" + fileName);
    return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(m)
        .header("Location", "/v1/inbox/" + fileName);
  }

  /** What became of a file put into the inbox. */
  @Get("/{fileName}")
  public Map<String, Object> status(@PathVariable String fileName) {
    try {
      return processor().lookup(fileName).orElseThrow(() -> new ProblemException(
          new Problem(404, "not found", "the inbox has no file '" + fileName + "'", "fileName")));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badField("fileName", e.getMessage()));
    } catch (IOException e) {
      throw new ProblemException(new Problem(503, "service unavailable", "the inbox cannot be read right now", null));
    }
  }
}
