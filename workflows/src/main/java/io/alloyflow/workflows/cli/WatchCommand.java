package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.gateway.GatewayBackend;
import io.alloyflow.workflows.inbox.InboxDefaults;
import io.alloyflow.workflows.inbox.InboxRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alloyflow watch}: analyse every micrograph dropped into an inbox folder, exactly once. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {
        "Watch a microscope export folder: every TIFF/PNG dropped in, with an optional EDS file"
            + " (.msa/.emsa, or .rpl with .raw) of the same name and optional sidecar metadata"
            + " NAME.json (sampleId, alloySystem, pixelSizeUm, method, classes, eds), is analysed once"
            + " its files have stopped changing.",
        "Accepted files move to INBOX/.done/KEY/ (with request.json and receipt.json naming the"
            + " analysis), rejected ones to INBOX/.failed/NAME-TIME/ with reason.txt. The same content"
            + " dropped again is recognised by its SHA-256 and not analysed twice."})
final class WatchCommand implements Callable<Integer> {
  @Option(names = "--inbox", required = true, description = "folder to watch")
  Path inbox;

  @Option(names = "--alloy-system", defaultValue = "unknown",
      description = "alloy system when the sidecar gives none (default ${DEFAULT-VALUE})")
  String alloySystem;

  @Option(names = "--pixel-size-um", defaultValue = "NaN",
      description = "pixel size in micrometres when neither file nor sidecar carries one")
  double pixelSizeUm;

  @Option(names = "--method", defaultValue = "otsu",
      description = "segmentation method when the sidecar gives none (default ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--classes", defaultValue = "2",
      description = "phase classes when the sidecar gives none (default ${DEFAULT-VALUE})")
  int classes;

  @Option(names = "--settle-seconds", defaultValue = "2",
      description = "how long a file group must stay unchanged before it is taken (default ${DEFAULT-VALUE})")
  double settleSeconds;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    if (!(settleSeconds >= 0 && settleSeconds <= 3600)) {
      throw new IllegalArgumentException("--settle-seconds must be 0..3600, found " + settleSeconds);
    }
    InboxRoute.Options options = new InboxRoute.Options(
        new InboxDefaults(alloySystem, pixelSizeUm, method, classes), Math.round(settleSeconds * 1000), 300_000);
    Files.createDirectories(inbox);
    StackSettings settings = stack.settings();
    List<Path> roots = new ArrayList<>(settings.dataRoots());
    roots.add(inbox.toAbsolutePath().normalize());
    AlloyflowStack s = AlloyflowStack.start(settings.withDataRoots(roots), m -> System.out.println("  " + m));
    s.startWorkers();
    GatewayBackend backend = new GatewayBackend(s);
    InboxRoute route = InboxRoute.start(backend, inbox, options, System.out::println);
    System.out.println("watching " + inbox.toAbsolutePath() + "; Ctrl-C stops");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        route.close();
      } catch (Exception ignored) {
        // stopping anyway
      }
      backend.close();
      s.close();
      stop.countDown();
    }, "alloyflow-shutdown"));
    stop.await();
    return 0;
  }
}
