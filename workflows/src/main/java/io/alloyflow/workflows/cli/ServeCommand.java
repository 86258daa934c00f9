package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.gateway.GatewayServer;
import io.alloyflow.workflows.inbox.InboxDefaults;
import io.alloyflow.workflows.inbox.InboxRoute;
import io.alloyflow.workflows.security.ApiTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alloyflow serve}: the stack, all workers and the gateway HTTP API until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the embedded stack (or connect to external Temporal/Neo4j), all workers and the gateway HTTP API.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "gateway HTTP port (default 8080)")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "address to bind (default 127.0.0.1); any other address requires authentication")
  String bind;

  @Option(names = "--gateway-only", description = "serve HTTP only; workers run elsewhere (distributed deployment)")
  boolean gatewayOnly;

  @Option(names = "--data-root", paramLabel = "DIR",
      description = "directory path-based submissions may read from (repeatable; default: $ALLOYFLOW_DATA_ROOTS,"
          + " else DATA_DIR/inbox)")
  List<Path> dataRoots = new ArrayList<>();

  @Option(names = "--no-auth",
      description = "serve without API tokens (only allowed when bound to a loopback address)")
  boolean noAuth;

  @Option(names = "--max-request-mb", defaultValue = "512",
      description = "largest request body, uploads included, in MiB (default 512)")
  long maxRequestMb;

  @Option(names = "--inbox", paramLabel = "DIR",
      description = "also watch this microscope export folder (see 'alloyflow watch --help'; it becomes a data root)")
  Path inbox;

  @Option(names = "--inbox-alloy-system", defaultValue = "unknown",
      description = "alloy system of inbox files whose sidecar gives none (default ${DEFAULT-VALUE})")
  String inboxAlloySystem;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    if (maxRequestMb <= 0 || maxRequestMb > (1L << 20)) {
      throw new IllegalArgumentException("--max-request-mb must be 1..1048576, found " + maxRequestMb);
    }
    if (noAuth && !GatewayServer.isLoopback(bind)) {
      throw new IllegalArgumentException("binding to " + bind
          + " (beyond loopback) requires authentication: drop --no-auth or bind to 127.0.0.1");
    }
    StackSettings settings = stack.settings();
    List<Path> roots = new ArrayList<>(dataRoots);
    if (roots.isEmpty()) {
      roots.addAll(settings.dataRoots());
    }
    if (roots.isEmpty()) {
      Path inbox = settings.dataDir().resolve("inbox");
      java.nio.file.Files.createDirectories(inbox);
      roots.add(inbox);
    }
    if (inbox != null) {
      java.nio.file.Files.createDirectories(inbox);
      roots.add(inbox);
    }
    settings = settings.withDataRoots(roots.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    ApiTokens tokens = ApiTokens.open(settings.dataDir().resolve("tokens.json"));
    if (!noAuth) {
      Path admin = GatewayServer.bootstrapAdmin(tokens, settings.dataDir().resolve("admin.token"));
      if (admin != null) {
        System.out.println("  created an admin API token, readable by you only, in " + admin
            + " (send it as 'Authorization: Bearer <token>'; make others with 'alloyflow tokens create')");
      }
    }
    AlloyflowStack s = AlloyflowStack.start(settings, m -> System.out.println("  " + m));
    if (!gatewayOnly) {
      s.startWorkers();
    }
    GatewayServer gw = GatewayServer.start(s,
        new GatewayServer.Options(bind, port, !noAuth, tokens, maxRequestMb << 20));
    System.out.println("alloyflow gateway on " + gw.url() + " (health: " + gw.url() + "/v1/health); "
        + (noAuth ? "NO authentication (loopback only)" : "API tokens required")
        + "; data roots " + settings.dataRoots() + "; Ctrl-C stops");
    InboxRoute route = inbox == null ? null
        : InboxRoute.start(gw.backend(), inbox,
            InboxRoute.Options.of(
                new InboxDefaults(inboxAlloySystem, Double.NaN, "otsu", 2)),
            System.out::println);
    if (route != null) {
      gw.attach(io.alloyflow.workflows.inbox.InboxProcessor.class, route.processor());
      System.out.println("watching " + inbox.toAbsolutePath() + " (also PUT /v1/inbox/FILE)");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (route != null) {
        try {
          route.close();
        } catch (Exception ignored) {
          // stopping anyway
        }
      }
      gw.close();
      s.close();
      stop.countDown();
    }, "alloyflow-shutdown"));
    stop.await();
    return 0;
  }
}
