package io.alloyflow.workflows.embedded;

import io.alloyflow.graph.GraphConfig;
import java.nio.file.Path;
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
 */
public record StackSettings(
    Path dataDir, String temporalTarget, String temporalNamespace, GraphConfig graph, Path repoRoot) {
  public StackSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    temporalNamespace = temporalNamespace == null ? "default" : temporalNamespace;
    repoRoot = repoRoot == null ? Path.of("").toAbsolutePath() : repoRoot;
  }

  /**
   * Settings from the environment: {@code ALLOYFLOW_HOME} (data directory, default
   * {@code ./.alloyflow}), {@code ALLOYFLOW_TEMPORAL_TARGET}, {@code ALLOYFLOW_TEMPORAL_NAMESPACE},
   * {@code ALLOYFLOW_NEO4J_URI}/{@code _USER}/{@code _PASSWORD}; the repository root from the
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
        root == null ? null : Path.of(root));
  }
}
