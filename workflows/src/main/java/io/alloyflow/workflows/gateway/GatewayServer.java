package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/** Starts the Micronaut gateway around a running stack. */
public final class GatewayServer implements AutoCloseable {
  private final ApplicationContext context;
  private final EmbeddedServer server;

  private GatewayServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  /** Starts on {@code bind:port} (port 0 = any free port). */
  public static GatewayServer start(AlloyflowStack stack, String bind, int port) {
    ApplicationContext ctx =
        ApplicationContext.builder()
            .properties(Map.of(
                "micronaut.application.name", "alloyflow-gateway",
                "micronaut.server.host", bind,
                "micronaut.server.port", port == 0 ? -1 : port,
                "micronaut.server.max-request-size", "512MB",
                "micronaut.server.multipart.max-file-size", "512MB",
                "micronaut.router.static-resources.openapi.paths", "classpath:META-INF/swagger",
                "micronaut.router.static-resources.openapi.mapping", "/openapi/**"))
            .singletons(new GatewayBackend(stack), stack.store(), stack.graph())
            .start();
    EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
    server.start();
    return new GatewayServer(ctx, server);
  }

  public String url() {
    return "http://" + server.getHost() + ":" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.stop();
    context.close();
  }
}
