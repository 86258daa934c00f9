package io.alloyflow.workflows.embedded;

import io.alloyflow.graph.GraphConfig;
import io.alloyflow.store.s3.S3Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the stack's parts live. Null addresses mean "start the embedded default".
 *
 * @param dataDir data directory (artifact store, embedded graph store); survives restarts
 * @param temporalTarget external Temporal frontend {@code host:port}, or null for embedded
 * @param temporalNamespace Temporal namespace
 * @param graph external Neo4j, or null for embedded
 * @param repoRoot repository root (to find the embedded Neo4j build)
 * @param embeddedTemporalPort port of the embedded Temporal endpoint (0 = any free port)
 * @param embeddedBoltPort Bolt port of the embedded Neo4j (0 = any free port)
 * @param dataRoots directories that path-based submissions may read from (empty = uploads only)
 * @param maxInputBytes largest input file a server reads or accepts as an upload
 * @param objectStore S3-compatible object store for artifacts, or null for the filesystem store
 *     under {@code dataDir/artifacts} (a deployment with workers on several machines needs one)
 */
public record StackSettings(
    Path dataDir,
    String temporalTarget,
    String temporalNamespace,
    GraphConfig graph,
    Path repoRoot,
    int embeddedTemporalPort,
    int embeddedBoltPort,
    List<Path> dataRoots,
    long maxInputBytes,
    S3Settings objectStore) {
  /** Default largest input file: 2 GiB (a large spectrum-image cube). */
  public static final long DEFAULT_MAX_INPUT_BYTES = 2L << 30;

  public StackSettings {
    dataRoots = List.copyOf(dataRoots == null ? List.of() : dataRoots);
    maxInputBytes = maxInputBytes <= 0 ? DEFAULT_MAX_INPUT_BYTES : maxInputBytes;
    if (embeddedTemporalPort < 0 || embeddedTemporalPort > 65535
        || embeddedBoltPort < 0 || embeddedBoltPort > 65535) {
      throw new IllegalArgumentException("ports must be 0..65535, found Temporal "
          + embeddedTemporalPort + ", Bolt " + embeddedBoltPort);
    }
    Objects.requireNonNull(dataDir, "dataDir");
    temporalNamespace = temporalNamespace == null ? "default" : temporalNamespace;
    repoRoot = repoRoot == null ? Path.of("").toAbsolutePath() : repoRoot;
  }

  /** Settings with the filesystem artifact store. */
  public StackSettings(
      Path dataDir, String temporalTarget, String temporalNamespace, GraphConfig graph, Path repoRoot,
      int embeddedTemporalPort, int embeddedBoltPort, List<Path> dataRoots, long maxInputBytes) {
    this(dataDir, temporalTarget, temporalNamespace, graph, repoRoot, embeddedTemporalPort,
        embeddedBoltPort, dataRoots, maxInputBytes, null);
  }

  /** Settings with embedded services on any free ports. */
  public StackSettings(
      Path dataDir, String temporalTarget, String temporalNamespace, GraphConfig graph, Path repoRoot) {
    this(dataDir, temporalTarget, temporalNamespace, graph, repoRoot, 0, 0, List.of(), 0);
  }

  /** Settings without data roots and with the default input size limit. */
  public StackSettings(
      Path dataDir, String temporalTarget, String temporalNamespace, GraphConfig graph, Path repoRoot,
      int embeddedTemporalPort, int embeddedBoltPort) {
    this(dataDir, temporalTarget, temporalNamespace, graph, repoRoot, embeddedTemporalPort,
        embeddedBoltPort, List.of(), 0);
  }

  /** The same settings with other data roots. */
  public StackSettings withDataRoots(List<Path> roots) {
    return new StackSettings(dataDir, temporalTarget, temporalNamespace, graph, repoRoot,
        embeddedTemporalPort, embeddedBoltPort, roots, maxInputBytes, objectStore);
  }

  /**
   * Settings from the environment: {@code ALLOYFLOW_HOME} (data directory, default
   * {@code ./.alloyflow}), {@code ALLOYFLOW_TEMPORAL_TARGET}, {@code ALLOYFLOW_TEMPORAL_NAMESPACE},
   * {@code ALLOYFLOW_NEO4J_URI}/{@code _USER}/{@code _PASSWORD}, {@code
   * ALLOYFLOW_EMBEDDED_TEMPORAL_PORT}, {@code ALLOYFLOW_EMBEDDED_BOLT_PORT}, {@code
   * ALLOYFLOW_DATA_ROOTS} (directories separated by the path separator), {@code
   * ALLOYFLOW_MAX_INPUT_MB}, the object store ({@code ALLOYFLOW_S3_BUCKET} and the other
   * {@code ALLOYFLOW_S3_*} of {@link S3Settings#fromEnvironment}); the repository root from the
   * system property {@code alloyflow.repoRoot} (set by the launcher script) or the working directory.
   */
  public static StackSettings fromEnvironment(Map<String, String> env, Path dataDirOverride) {
    Path data =
        dataDirOverride != null
            ? dataDirOverride
            : Path.of(env.getOrDefault("ALLOYFLOW_HOME", ".alloyflow"));
    String target = env.get("ALLOYFLOW_TEMPORAL_TARGET");
    String root = System.getProperty("alloyflow.repoRoot");
    return new StackSettings(
        data.toAbsolutePath(),
        target == null || target.isBlank() ? null : target,
        env.get("ALLOYFLOW_TEMPORAL_NAMESPACE"),
        GraphConfig.fromEnvironment(env),
        root == null ? null : Path.of(root),
        port(env, "ALLOYFLOW_EMBEDDED_TEMPORAL_PORT"),
        port(env, "ALLOYFLOW_EMBEDDED_BOLT_PORT"),
        roots(env.get("ALLOYFLOW_DATA_ROOTS")),
        megabytes(env, "ALLOYFLOW_MAX_INPUT_MB"),
        S3Settings.fromEnvironment(env));
  }

  private static List<Path> roots(String v) {
    if (v == null || v.isBlank()) {
      return List.of();
    }
    List<Path> out = new java.util.ArrayList<>();
    for (String p : v.split(java.io.File.pathSeparator)) {
      if (!p.isBlank()) {
        out.add(Path.of(p.trim()).toAbsolutePath());
      }
    }
    return out;
  }

  private static long megabytes(Map<String, String> env, String key) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      long mb = Long.parseLong(v.trim());
      if (mb <= 0 || mb > (1L << 30)) {
        throw new NumberFormatException();
      }
      return mb << 20;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a positive number of MiB, found '" + v + "'");
    }
  }

  private static int port(Map<String, String> env, String key) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a port number, found '" + v + "'");
    }
  }
}
