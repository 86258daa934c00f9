package io.alloyflow.workflows.inbox;

import io.alloyflow.workflows.gateway.GatewayBackend;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Camel routes of folder ingest: a file consumer polls the inbox for micrographs whose group
 * the {@link ReadinessGate} reports quiet and hands each to the {@link InboxProcessor}; a timer
 * route submits accepted groups that are still without a receipt (after a crash, or while the
 * graph was unreachable). Files are never consumed by Camel itself ({@code noop}): the processor
 * moves them, so what happens to a file is decided in one place.
 */
public final class InboxRoute implements AutoCloseable {
  /** How often the inbox is polled. */
  public static final long POLL_MILLIS = 500;

  /** How often accepted groups without a receipt are submitted again. */
  public static final long RECOVER_MILLIS = 30_000;

  private final CamelContext camel;
  private final InboxProcessor processor;

  private InboxRoute(CamelContext camel, InboxProcessor processor) {
    this.camel = camel;
    this.processor = processor;
  }

  /**
   * Options of the watcher.
   *
   * @param defaults settings for files whose sidecar does not give them
   * @param settleMillis how long a group must stay unchanged before it is taken
   * @param companionTimeoutMillis how long to wait for a companion the sidecar names
   */
  public record Options(InboxDefaults defaults, long settleMillis, long companionTimeoutMillis) {
    public static Options of(InboxDefaults defaults) {
      return new Options(defaults, 2_000, 300_000);
    }
  }

  /**
   * Starts watching {@code inbox}; analyses are accepted through {@code backend}'s ledger.
   *
   * @throws IllegalArgumentException when the inbox's {@code .done} folder is not under the data
   *     roots the workers read from (they would refuse every file)
   */
  public static InboxRoute start(GatewayBackend backend, Path inbox, Options options, Consumer<String> log)
      throws Exception {
    Files.createDirectories(inbox);
    InboxProcessor processor = new InboxProcessor(inbox, options.defaults(), backend::submit,
        backend.settings().maxInputBytes(), options.companionTimeoutMillis(), log);
    requireUnderDataRoots(backend, processor.doneDir());
    ReadinessGate gate = new ReadinessGate(
        options.settleMillis(), options.companionTimeoutMillis(), System::currentTimeMillis);
    GenericFileFilter<File> filter = (GenericFile<File> f) ->
        !f.isDirectory() && InboxGroup.isMicrograph(f.getFileNameOnly()) && gate.ready(f.getFile().toPath());
    CamelContext camel = new DefaultCamelContext();
    camel.getRegistry().bind("alloyflowInboxFilter", filter);
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        from("file:" + inbox.toAbsolutePath()
                + "?noop=true&idempotent=false&recursive=false&filter=#alloyflowInboxFilter"
                + "&delay=" + POLL_MILLIS + "&initialDelay=" + POLL_MILLIS)
            .routeId("alloyflow-inbox")
            .process(e -> processor.process(e.getIn().getBody(File.class).toPath().toAbsolutePath()));
        from("timer:alloyflow-inbox-recover?delay=0&period=" + RECOVER_MILLIS)
            .routeId("alloyflow-inbox-recover")
            .process(e -> processor.recover());
      }
    });
    camel.start();
    return new InboxRoute(camel, processor);
  }

  static void requireUnderDataRoots(GatewayBackend backend, Path done) throws IOException {
    Path real = done.toRealPath();
    boolean covered = backend.dataRoots().roots().stream().anyMatch(real::startsWith);
    if (!covered) {
      throw new IllegalArgumentException("the inbox's accepted-files folder " + real
          + " is not under a data root of this server " + backend.dataRoots().roots()
          + ": add the inbox (or a folder above it) with --data-root");
    }
  }

  public InboxProcessor processor() {
    return processor;
  }

  @Override
  public void close() throws Exception {
    camel.close();
  }
}
