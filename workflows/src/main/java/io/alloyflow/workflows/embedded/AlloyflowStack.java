package io.alloyflow.workflows.embedded;

import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.store.s3.S3ArtifactStore;
import io.alloyflow.graph.GraphConfig;
import io.alloyflow.graph.ProvenanceGraph;
import io.alloyflow.workflows.ingest.DataRoots;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a process needs to run analyses: Temporal (embedded or external), the knowledge
 * graph (embedded or external), the artifact store and — when asked — the workers of every
 * service. Closing it stops what it started, in reverse order.
 */
public final class AlloyflowStack implements AutoCloseable {
  private final List<AutoCloseable> started = new ArrayList<>();
  private final ArtifactStore store;
  private final String temporalTarget;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final ProvenanceGraph graph;
  private final GraphConfig graphConfig;
  private final StackSettings settings;
  private final DataRoots dataRoots;
  private WorkerFactory workers;
  private EmbeddedNeo4j neo4j;

  private AlloyflowStack(StackSettings s, Consumer<String> progress) throws IOException {
    this.settings = s;
    try {
      dataRoots = new DataRoots(s.dataRoots());
      if (s.objectStore() == null) {
        store = new FileSystemArtifactStore(s.dataDir().resolve("artifacts"));
      } else {
        progress.accept("connecting to the object store " + describe(s.objectStore()));
        S3ArtifactStore s3 = S3ArtifactStore.connect(s.objectStore(), s.dataDir().resolve("artifact-cache"));
        started.add(s3::close);
        store = s3;
      }
      if (s.temporalTarget() == null) {
        progress.accept("starting embedded Temporal service on 127.0.0.1");
        EmbeddedTemporal t = EmbeddedTemporal.start(s.embeddedTemporalPort());
        started.add(t);
        temporalTarget = t.target();
      } else {
        temporalTarget = s.temporalTarget();
      }
      if (s.graph() == null) {
        progress.accept("starting embedded Neo4j (store " + s.dataDir().resolve("neo4j") + ")");
        EmbeddedNeo4j n =
            EmbeddedNeo4j.start(
                s.dataDir().resolve("neo4j"), EmbeddedNeo4j.locateClasspath(s.repoRoot()),
                s.embeddedBoltPort(), 180);
        started.add(n);
        neo4j = n;
        graphConfig = new GraphConfig(n.boltUri(), "neo4j", n.password());
      } else {
        graphConfig = s.graph();
      }
      graph = new ProvenanceGraph(graphConfig);
      started.add(graph);
      graph.verifyConnectivity();
      ensureSchema(graph);
      Thread warm = new Thread(() -> {
        try {
          graph.warmUp();
        } catch (RuntimeException e) {
          // only a speed-up; a real write reports real problems
        }
      }, "neo4j-warm-up");
      warm.setDaemon(true);
      warm.start();
      WorkflowServiceStubsOptions.Builder so = WorkflowServiceStubsOptions.newBuilder()
          .setTarget(temporalTarget)
          .setRpcTimeout(Duration.ofSeconds(30));
      if (s.temporalTarget() != null) {
        // external Temporal: TLS and an API key from the environment (Temporal Cloud or a
        // self-hosted frontend behind TLS); never logged
        java.util.Map<String, String> env = System.getenv();
        if ("true".equalsIgnoreCase(env.getOrDefault("ALLOYFLOW_TEMPORAL_TLS", "false"))) {
          so.setEnableHttps(true);
        }
        String key = env.get("ALLOYFLOW_TEMPORAL_API_KEY");
        if (key != null && !key.isBlank()) {
          so.setEnableHttps(true);
          so.addApiKey(() -> key);
        }
      }
      stubs = WorkflowServiceStubs.newServiceStubs(so.build());
      started.add(stubs::shutdownNow);
      client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace(s.temporalNamespace()).build());
      progress.accept(
          "connected: Temporal " + temporalTarget + ", Neo4j " + graphConfig.uri() + ", artifacts "
              + (s.objectStore() == null ? s.dataDir().resolve("artifacts").toString()
                  : describe(s.objectStore())));
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Creates the graph's indexes and constraints. The processes of a deployment start at once and
   * each migrates the schema: concurrent schema transactions can deadlock in Neo4j (a transient
   * error), and two {@code CREATE INDEX ... IF NOT EXISTS} at the same moment make the later one
   * fail with "an equivalent index already exists"; both are tried again (the migration is
   * idempotent), a few times with a growing, jittered pause, before giving up.
   */
  static void ensureSchema(ProvenanceGraph graph) {
    for (int attempt = 1; ; attempt++) {
      try {
        graph.ensureSchema();
        return;
      } catch (RuntimeException e) {
        if (attempt >= 6 || !transientError(e)) {
          throw e;
        }
        try {
          Thread.sleep(250L * attempt + (long) (Math.random() * 250));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean transientError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.neo4j.driver.exceptions.TransientException
          || t instanceof org.neo4j.driver.exceptions.ClientException c && c.getMessage() != null
              && c.getMessage().contains("already exists")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(io.alloyflow.store.s3.S3Settings o) {
    return (o.endpoint() == null ? "AWS S3" : o.endpoint().toString()) + " bucket " + o.bucket()
        + (o.prefix().isEmpty() ? "" : " prefix " + o.prefix());
  }

  /** Connects to (or starts) Temporal and Neo4j and opens the artifact store. */
  public static AlloyflowStack start(StackSettings settings, Consumer<String> progress)
      throws IOException {
    return new AlloyflowStack(settings, progress);
  }

  /** Starts the workers of every service and of the workflows in this process. */
  public AlloyflowStack startWorkers() {
    return startWorkers(ServiceWorkers.NAMES);
  }

  /** Starts the named workers (see {@link ServiceWorkers#NAMES}) in this process. */
  public AlloyflowStack startWorkers(List<String> names) {
    if (workers == null) {
      workers = WorkerFactory.newInstance(client);
      for (String name : names) {
        ServiceWorkers.register(workers, name, store, graph, dataRoots, settings.maxInputBytes());
      }
      workers.start();
      started.add(
          () -> {
            workers.shutdown();
            workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
          });
    }
    return this;
  }

  /** The embedded Neo4j child, or null when an external Neo4j is used. */
  public EmbeddedNeo4j embeddedNeo4j() {
    return neo4j;
  }

  public StackSettings settings() {
    return settings;
  }

  /** Directories path-based submissions may read from. */
  public DataRoots dataRoots() {
    return dataRoots;
  }

  public ArtifactStore store() {
    return store;
  }

  public WorkflowClient client() {
    return client;
  }

  public ProvenanceGraph graph() {
    return graph;
  }

  public String temporalTarget() {
    return temporalTarget;
  }

  public GraphConfig graphConfig() {
    return graphConfig;
  }

  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(started);
    Collections.reverse(reversed);
    started.clear();
    for (AutoCloseable c : reversed) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("warning: while stopping " + c + ": " + e.getMessage());
      }
    }
  }
}
