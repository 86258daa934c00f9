package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.security.ApiTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the Micronaut gateway around a running stack. */
public final class GatewayServer implements AutoCloseable {
  private final ApplicationContext context;
  private final EmbeddedServer server;
  private final GatewayBackend backend;
  private final HealthMonitor health;

  private GatewayServer(ApplicationContext context, EmbeddedServer server, GatewayBackend backend,
      HealthMonitor health) {
    this.context = context;
    this.server = server;
    this.backend = backend;
    this.health = health;
  }

  /**
   * How the gateway listens.
   *
   * @param bind address to bind
   * @param port port (0 = any free port)
   * @param authRequired whether every endpoint but health needs an API token (required beyond
   *     loopback)
   * @param tokens the token store (used when auth is on)
   * @param maxRequestBytes largest request body (uploads included)
   */
  public record Options(String bind, int port, boolean authRequired, ApiTokens tokens, long maxRequestBytes) {
    public Options {
      if (!authRequired && !isLoopback(bind)) {
        throw new IllegalArgumentException(
            "binding to " + bind + " (beyond loopback) requires authentication: drop --no-auth,"
                + " or bind to 127.0.0.1");
      }
      if (authRequired && tokens == null) {
        throw new IllegalArgumentException("authentication needs a token store");
      }
      if (maxRequestBytes <= 0) {
        throw new IllegalArgumentException("max request size must be > 0, found " + maxRequestBytes);
      }
    }
  }

  /** True for 127.0.0.0/8, ::1 and "localhost". */
  public static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Starts on {@code bind:port} without authentication (loopback only; tests and local use). */
  public static GatewayServer start(AlloyflowStack stack, String bind, int port) {
    return start(stack, new Options(bind, port, false, null, 512L << 20));
  }

  /** Starts the gateway. */
  public static GatewayServer start(AlloyflowStack stack, Options o) {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.application.name", "alloyflow-gateway");
    props.put("micronaut.server.host", o.bind());
    props.put("micronaut.server.port", o.port() == 0 ? -1 : o.port());
    props.put("micronaut.server.max-request-size", o.maxRequestBytes());
    props.put("micronaut.server.multipart.max-file-size", o.maxRequestBytes());
    // uploads beyond 1 MiB go to disk, not the heap
    props.put("micronaut.server.multipart.mixed", true);
    props.put("micronaut.server.multipart.threshold", 1L << 20);
    props.put("micronaut.router.static-resources.openapi.paths", "classpath:META-INF/swagger");
    props.put("micronaut.router.static-resources.openapi.mapping", "/openapi/**");
    props.put("micronaut.security.enabled", o.authRequired());
    props.put("micronaut.security.authentication", "bearer");
    props.put("micronaut.security.reject-not-found", false);
    props.put("endpoints.all.enabled", false);
    ApiTokens tokens = o.tokens();
    if (tokens == null) {
      try {
        tokens = ApiTokens.open(stack.settings().dataDir().resolve("tokens.json"));
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    GatewayBackend backend = new GatewayBackend(stack);
    HealthMonitor health = new HealthMonitor(stack, 2000);
    ApplicationContext ctx =
        ApplicationContext.builder()
            .properties(props)
            .singletons(backend, health, stack.store(), tokens, stack.graph())
            .start();
    EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
    server.start();
    return new GatewayServer(ctx, server, backend, health);
  }

  /**
   * Makes sure an administrator can get in: when the token store is empty, creates a token named
   * {@code admin} and writes it, readable by the owner only, to {@code adminTokenFile}.
   *
   * @return the file written, or null when tokens existed already
   */
  public static Path bootstrapAdmin(ApiTokens tokens, Path adminTokenFile) throws IOException {
    if (!tokens.isEmpty()) {
      return null;
    }
    ApiTokens.Created c = tokens.create("admin", io.alloyflow.workflows.security.Role.ADMIN);
    ApiTokens.writePrivate(adminTokenFile, (c.token() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return adminTokenFile;
  }

  public String url() {
    return "http://" + server.getHost() + ":" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /**
   * Adds a bean that optional endpoints look up at request time (e.g. the inbox processor of
   * {@code serve --inbox}); endpoints whose bean is absent answer 404 with the reason.
   */
  public <T> void attach(Class<T> type, T bean) {
    context.registerSingleton(type, bean);
  }

  /** The backend (to resume unfinished analyses on demand). */
  public GatewayBackend backend() {
    return backend;
  }

  @Override
  public void close() {
    server.stop();
    context.close();
    backend.close();
    health.close();
  }
}
