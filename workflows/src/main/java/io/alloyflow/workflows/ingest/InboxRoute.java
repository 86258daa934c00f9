package io.alloyflow.workflows.ingest;

import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Camel file route: every micrograph (TIFF/PNG) that lands in an inbox folder starts an analysis;
 * an EMSA spectrum or RPL spectrum image with the same base name is taken along. Files are picked
 * up only once their size has stopped changing (instrument PCs write slowly), moved to
 * {@code .done/} when the analysis started, or to {@code .error/} with a {@code .error.txt} that
 * says why.
 */
public final class InboxRoute implements AutoCloseable {
  private final CamelContext camel;

  private InboxRoute(CamelContext camel) {
    this.camel = camel;
  }

  /**
   * Starts watching.
   *
   * @param inbox folder to watch
   * @param alloySystem alloy system for the analyses
   * @param pixelSizeUm fallback pixel size (NaN = the files must carry one)
   * @param started called with (file name, analysis id) for each analysis started
   */
  public static InboxRoute start(
      AlloyflowStack stack, Path inbox, String alloySystem, double pixelSizeUm,
      Consumer<String> started) throws Exception {
    Files.createDirectories(inbox);
    CamelContext camel = new DefaultCamelContext();
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        // one line per rejected file (written beside it), not a stack trace in the log
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        from("file:" + inbox.toAbsolutePath()
                + "?include=(?i).*\\.(tif|tiff|png)$&readLock=changed&readLockCheckInterval=500"
                + "&move=.done&moveFailed=.error&delay=500")
            .routeId("alloyflow-inbox")
            .onException(Exception.class).handled(false)
                .process(e -> writeError(e)).end()
            .process(e -> {
              File f = e.getIn().getBody(File.class);
              Path micrograph = f.toPath();
              Path eds = companion(micrograph);
              String id = AnalysisRunner.newAnalysisId();
              String sample = f.getName().replaceAll("\\.[^.]*$", "");
              AnalysisInputs in = Ingest.ingest(stack.store(), id, micrograph, pixelSizeUm, eds);
              AnalysisRunner.start(stack.client(), id, new AnalysisRequest(
                  sample, Map.of("source", "inbox:" + f.getName()), alloySystem, in.micrographRef(),
                  in.eds(), in.edsKind(), "otsu", 2, 2.0, in.ingest()));
              started.accept(f.getName() + " -> " + id);
            });
      }
    });
    camel.start();
    return new InboxRoute(camel);
  }

  static Path companion(Path micrograph) {
    String base = micrograph.getFileName().toString().replaceAll("\\.[^.]*$", "");
    for (String ext : new String[] {".msa", ".emsa", ".rpl"}) {
      Path p = micrograph.resolveSibling(base + ext);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static void writeError(Exchange e) {
    try {
      File f = e.getIn().getBody(File.class);
      Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
      Path dir = f.toPath().resolveSibling(".error");
      Files.createDirectories(dir);
      String reason = t == null ? "unknown error" : String.valueOf(t.getMessage());
      Files.writeString(dir.resolve(f.getName() + ".error.txt"), reason + System.lineSeparator());
      System.err.println("inbox: rejected " + f.getName() + ": " + reason);
    } catch (Exception ignored) {
      // the file still moves to .error; the reason could not be written
    }
  }

  @Override
  public void close() throws Exception {
    camel.close();
  }
}
