package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.ServiceWorkers;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alloyflow worker}: run chosen workers only, against the configured Temporal and Neo4j —
 * the unit of scaling in the distributed deployment (one container per service).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Run the workers of the named services (workflows, segmentation, eds, fusion, prediction, knowledge-graph).")
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--service", required = true, split = ",",
      description = "comma-separated worker names: ${COMPLETION-CANDIDATES}",
      completionCandidates = Names.class)
  List<String> services;

  @Mixin StackOptions stack;

  static final class Names extends java.util.ArrayList<String> {
    Names() {
      super(ServiceWorkers.NAMES);
    }
  }

  @Override
  public Integer call() throws Exception {
    for (String s : services) {
      if (!ServiceWorkers.NAMES.contains(s)) {
        throw new IllegalArgumentException("unknown worker '" + s + "': expected one of " + ServiceWorkers.NAMES);
      }
    }
    AlloyflowStack st = AlloyflowStack.start(stack.settings(), m -> System.out.println("  " + m));
    st.startWorkers(services);
    System.out.println("workers " + services + " polling; Ctrl-C stops");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      st.close();
      stop.countDown();
    }, "alloyflow-shutdown"));
    stop.await();
    return 0;
  }
}
