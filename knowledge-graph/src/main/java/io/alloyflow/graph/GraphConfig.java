package io.alloyflow.graph;

import java.util.Map;
import java.util.Objects;

/**
 * Where the graph lives.
 *
 * @param uri Bolt URI, e.g. {@code bolt://127.0.0.1:7687} or {@code neo4j+s://host}
 * @param user user name ("" for no authentication, as the embedded default runs)
 * @param password password
 */
public record GraphConfig(String uri, String user, String password) {
  public GraphConfig {
    Objects.requireNonNull(uri, "uri");
    if (!uri.matches("(bolt|neo4j)(\\+s|\\+ssc)?://.+")) {
      throw new IllegalArgumentException(
          "Neo4j URI must look like bolt://host:port or neo4j://host:port, found '" + uri + "'");
    }
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /**
   * Reads {@code ALLOYFLOW_NEO4J_URI}, {@code ALLOYFLOW_NEO4J_USER}, {@code
   * ALLOYFLOW_NEO4J_PASSWORD}; returns null when no URI is configured (use the embedded default).
   */
  public static GraphConfig fromEnvironment(Map<String, String> env) {
    String uri = env.get("ALLOYFLOW_NEO4J_URI");
    if (uri == null || uri.isBlank()) {
      return null;
    }
    return new GraphConfig(
        uri, env.getOrDefault("ALLOYFLOW_NEO4J_USER", "neo4j"),
        env.getOrDefault("ALLOYFLOW_NEO4J_PASSWORD", ""));
  }
}
