package io.alloyflow.workflows.embedded;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal Java test service (in-memory, real time) served over gRPC on 127.0.0.1 only. It
 * speaks the real Temporal frontend protocol, so workers and clients use the ordinary SDK
 * connection code. Limits (from the SDK): no visibility listing, no schedules, state kept in
 * memory — listings therefore live in the knowledge graph.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /** Starts on a port (0 = any free port). */
  public static EmbeddedTemporal start(int port) throws IOException {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    for (BindableService s : services.getServices()) {
      builder.addService(s);
    }
    Server server = builder.build().start();
    return new EmbeddedTemporal(services, server);
  }

  /** gRPC target, e.g. {@code 127.0.0.1:7233}. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
