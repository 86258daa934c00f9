package io.alloyflow.workflows.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code alloyflow serve} in a child JVM with a small heap, as a user runs it: the embedded
 * Temporal service, Neo4j (a grandchild process), every worker and the gateway with API tokens.
 * Used by the hostile-input and crash tests; {@link #kill()} is SIGKILL.
 */
final class ServeProcess implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final Path dataDir;
  final Path dataRoot;
  final int port;
  final String heap;
  final Path log;
  private Process process;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServeProcess(Path dataDir, Path dataRoot, String heap) throws IOException {
    this.dataDir = dataDir;
    this.dataRoot = dataRoot;
    this.heap = heap;
    this.port = freePort();
    this.log = dataDir.resolveSibling(dataDir.getFileName() + "-serve.log");
    Files.createDirectories(dataDir);
    Files.createDirectories(dataRoot);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts the server and waits until health answers 200 (up to 180 s). */
  ServeProcess start() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true"));
    String root = System.getProperty("alloyflow.repoRoot");
    if (root != null) {
      cmd.add("-Dalloyflow.repoRoot=" + root);
    }
    cmd.addAll(List.of("-cp", cp, "io.alloyflow.workflows.cli.AlloyflowCli", "serve",
        "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
        "--data-root", dataRoot.toString(), "--max-request-mb", "16"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().remove("ALLOYFLOW_DATA_ROOTS");
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    process = pb.start();
    long deadline = System.currentTimeMillis() + 300_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("serve exited with " + process.exitValue() + ": " + tail());
      }
      try {
        if (get("/v1/health", null).statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("serve did not become healthy within 300 s: " + tail());
  }

  String tail() throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, no shutdown hooks. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String adminToken() throws IOException {
    return Files.readString(dataDir.resolve("admin.token")).trim();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String token, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postBytes(String path, String token, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls an analysis until it ends; returns its last status document. */
  JsonNode awaitEnd(String id, String token, int seconds) throws Exception {
    JsonNode s = null;
    for (int i = 0; i < seconds * 4; i++) {
      HttpResponse<String> r = get("/v1/analyses/" + id, token);
      if (r.statusCode() == 200) {
        s = JSON.readTree(r.body());
        String st = s.get("status").asText();
        if (st.equals("COMPLETED") || st.equals("FAILED") || st.equals("CANCELLED")) {
          return s;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("analysis " + id + " did not end within " + seconds + " s: " + s);
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
