package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.gateway.GatewayServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alloyflow serve}: the stack, all workers and the gateway HTTP API until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the embedded stack (or connect to external Temporal/Neo4j), all workers and the gateway HTTP API.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "gateway HTTP port on 127.0.0.1 (default 8080)")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to bind (default 127.0.0.1)")
  String bind;

  @Option(names = "--gateway-only", description = "serve HTTP only; workers run elsewhere (distributed deployment)")
  boolean gatewayOnly;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    AlloyflowStack s = AlloyflowStack.start(stack.settings(), m -> System.out.println("  " + m));
    if (!gatewayOnly) {
      s.startWorkers();
    }
    GatewayServer gw = GatewayServer.start(s, bind, port);
    System.out.println("alloyflow gateway on " + gw.url() + " (health: " + gw.url() + "/v1/health); Ctrl-C stops");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gw.close();
      s.close();
      stop.countDown();
    }, "alloyflow-shutdown"));
    stop.await();
    return 0;
  }
}
