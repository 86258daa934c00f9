package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.ingest.InboxRoute;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alloyflow watch}: analyse every micrograph dropped into an inbox folder. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Watch a folder: every TIFF/PNG dropped in (with an optional .msa/.rpl of the same name) is analysed.")
final class WatchCommand implements Callable<Integer> {
  @Option(names = "--inbox", required = true, description = "folder to watch")
  Path inbox;

  @Option(names = "--alloy-system", defaultValue = "unknown", description = "alloy system of the samples")
  String alloySystem;

  @Option(names = "--pixel-size-um", defaultValue = "NaN", description = "pixel size when files carry none")
  double pixelSizeUm;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    AlloyflowStack s = AlloyflowStack.start(stack.settings(), m -> System.out.println("  " + m));
    s.startWorkers();
    InboxRoute route = InboxRoute.start(s, inbox, alloySystem, pixelSizeUm, m -> System.out.println("started " + m));
    System.out.println("watching " + inbox.toAbsolutePath() + "; Ctrl-C stops");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        route.close();
      } catch (Exception ignored) {
        // stopping anyway
      }
      s.close();
      stop.countDown();
    }, "alloyflow-shutdown"));
    stop.await();
    return 0;
  }
}
