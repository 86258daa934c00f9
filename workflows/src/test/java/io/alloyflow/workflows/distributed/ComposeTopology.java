package io.alloyflow.workflows.distributed;

import io.alloyflow.workflows.embedded.EmbeddedNeo4j;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment {@code compose/docker-compose.yml} declares, run as separate processes on
 * 127.0.0.1 (no container engine here): Temporal ({@link TemporalEndpointMain}), Neo4j (the
 * embedded-Neo4j main with compose's password), the object store ({@link S3ServerMain}: S3Proxy
 * with compose's identity and credential), one JVM per alloyflow service running exactly the
 * service's command with exactly its environment, and as many replicas of a service as asked.
 *
 * <p>What is translated, and only this: host names {@code temporal}, {@code neo4j} and {@code
 * objects} with their container ports become 127.0.0.1 and a free port; container paths of
 * volumes become directories under the test's directory (named volumes shared, as in compose;
 * {@code ALLOYFLOW_HOME} private per process, as a container's own file system is); the gateway's
 * {@code --port} becomes a free port and {@code --bind 0.0.0.0} becomes 127.0.0.1; and the JVMs
 * run without sticky workflow execution ({@code -Dalloyflow.temporal.sticky=false}), which the
 * Java test service needs when workflow-worker processes die (a Temporal server does not).
 */
final class ComposeTopology implements AutoCloseable {
  /** Compose services that have no process here, and why (every other service has one). */
  static final Map<String, String> NOT_RUN = Map.of(
      "postgresql", "Temporal's database: the Temporal test service keeps its state in memory",
      "temporal-ui", "Temporal's web UI: nothing runs against it");
  /** Compose services run by their own main here (not alloyflow commands). */
  static final List<String> INFRASTRUCTURE = List.of("temporal", "neo4j", "objects");

  final ComposeFile compose;
  final Path dir;
  final int temporalPort;
  final int boltPort;
  final int s3Port;
  final int gatewayPort;
  final String neo4jPassword;
  final Path blobs;
  private final Map<String, List<Node>> nodes = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ComposeTopology(ComposeFile compose, Path dir) throws IOException {
    this.compose = compose;
    this.dir = dir;
    temporalPort = freePort();
    boltPort = freePort();
    s3Port = freePort();
    gatewayPort = freePort();
    String auth = compose.service("neo4j").environment().getOrDefault("NEO4J_AUTH", "");
    neo4jPassword = auth.substring(auth.indexOf('/') + 1);
    blobs = dir.resolve("volumes/objects");
  }

  /**
   * Starts every process compose declares, infrastructure first, then workers, then the gateway.
   *
   * @param replicas replicas per service (default 1)
   */
  static ComposeTopology start(Path composeFile, Path dir, Map<String, Integer> replicas) throws Exception {
    ComposeTopology t = new ComposeTopology(ComposeFile.read(composeFile), dir);
    try {
      t.startInfrastructure();
      List<Node> alloyflow = new ArrayList<>();
      for (ComposeFile.Service s : t.compose.services().values()) {
        if (s.alloyflowCommand().equals("worker")) {
          for (int r = 1; r <= replicas.getOrDefault(s.name(), 1); r++) {
            alloyflow.add(t.alloyflowNode(s, r));
          }
        }
      }
      startAll(alloyflow);
      for (ComposeFile.Service s : t.compose.services().values()) {
        if (s.alloyflowCommand().equals("serve")) {
          t.alloyflowNode(s, 1).start();
        }
      }
      return t;
    } catch (Exception | Error e) {
      t.close();
      throw e;
    }
  }

  /** Starts nodes at once (each JVM start takes seconds on a loaded machine) and waits for all. */
  static void startAll(List<Node> list) throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    for (Node n : list) {
      Thread th = new Thread(() -> {
        try {
          n.start();
        } catch (Exception e) {
          failures.add(e);
        }
      }, "start-" + n.name());
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private void startInfrastructure() throws Exception {
    String java = javaBin();
    String testCp = testClasspath();
    Node temporal = node("temporal", 1, List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", testCp,
        TemporalEndpointMain.class.getName(), Integer.toString(temporalPort)), Map.of(), Ready.LINE);
    ComposeFile.Service objects = compose.service("objects");
    Node s3 = node("objects", 1, List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", testCp,
        S3ServerMain.class.getName(), blobs.toString(), Integer.toString(s3Port),
        objects.environment().get("S3PROXY_IDENTITY"), objects.environment().get("S3PROXY_CREDENTIAL")),
        Map.of(), Ready.LINE);
    Path graphDir = dir.resolve("volumes/graph");
    Files.createDirectories(graphDir);
    Path pw = graphDir.resolve("neo4j.password");
    Files.deleteIfExists(pw);
    Files.createFile(pw, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(pw, neo4jPassword + "\n");
    String root = System.getProperty("alloyflow.repoRoot");
    String neoCp = EmbeddedNeo4j.locateClasspath(root == null ? Path.of("").toAbsolutePath() : Path.of(root));
    Node neo = node("neo4j", 1, List.of(java, "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", neoCp,
        "io.alloyflow.neo4j.EmbeddedNeo4jMain", "--data", graphDir.toString(), "--port", Integer.toString(boltPort),
        "--password-file", pw.toString()), Map.of(), Ready.LINE);
    startAll(List.of(temporal, s3, neo));
  }

  private Node alloyflowNode(ComposeFile.Service s, int replica) throws IOException {
    Path home = dir.resolve("home/" + s.name() + "-" + replica);
    Files.createDirectories(home);
    for (String vol : s.volumes()) {
      Files.createDirectories(dir.resolve("volumes/" + vol.split(":")[0]));
    }
    Map<String, String> env = new LinkedHashMap<>();
    s.environment().forEach((k, v) -> env.put(k, localize(s, v, home)));
    // the Java test service (our "temporal") lacks the sticky-queue timeout of a Temporal server:
    // without sticky execution a killed workflow worker's next task goes to its twin
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx768m", "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true",
        "-Dalloyflow.temporal.sticky=false", "-cp", testClasspath(), "io.alloyflow.workflows.cli.AlloyflowCli"));
    List<String> command = s.command();
    for (int i = 0; i < command.size(); i++) {
      String prev = i == 0 ? "" : command.get(i - 1);
      String arg = command.get(i);
      if (prev.equals("--port")) {
        arg = Integer.toString(gatewayPort);
      } else if (prev.equals("--bind")) {
        arg = "127.0.0.1";
      } else {
        arg = localize(s, arg, home);
      }
      cmd.add(arg);
    }
    return node(s.name(), replica, cmd, env, s.alloyflowCommand().equals("serve") ? Ready.HEALTH : Ready.POLLING);
  }

  /** Compose values on this machine: host:port of the infrastructure, container paths. */
  String localize(ComposeFile.Service s, String value, Path home) {
    String v = value;
    v = hostPort(v, "temporal", temporalPort);
    v = hostPort(v, "neo4j", boltPort);
    v = hostPort(v, "objects", s3Port);
    String homeInContainer = s.environment().get("ALLOYFLOW_HOME");
    if (homeInContainer != null && v.startsWith(homeInContainer)) {
      return home + v.substring(homeInContainer.length());
    }
    for (String vol : s.volumes()) {
      String[] p = vol.split(":");
      if (p.length >= 2 && v.startsWith(p[1])) {
        return dir.resolve("volumes/" + p[0]) + v.substring(p[1].length());
      }
    }
    return v;
  }

  private static String hostPort(String v, String host, int port) {
    return Pattern.compile("(?<![A-Za-z0-9.-])" + Pattern.quote(host) + ":\\d+")
        .matcher(v).replaceAll(Matcher.quoteReplacement("127.0.0.1:" + port));
  }

  private Node node(String service, int replica, List<String> cmd, Map<String, String> env, Ready ready)
      throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    Node n = new Node(service, replica, cmd, env, dir.resolve("logs/" + service + "-" + replica + ".log"), ready,
        this);
    nodes.computeIfAbsent(service, k -> new ArrayList<>()).add(n);
    return n;
  }

  /** The running processes of a compose service (replicas in order). */
  List<Node> nodes(String service) {
    return nodes.getOrDefault(service, List.of());
  }

  /** Every process, by compose service. */
  Map<String, List<Node>> all() {
    return nodes;
  }

  /** The process with this operating-system id, or null. */
  Node byPid(long pid) {
    for (List<Node> l : nodes.values()) {
      for (Node n : l) {
        if (n.alive() && n.pid() == pid) {
          return n;
        }
      }
    }
    return null;
  }

  String temporalTarget() {
    return "127.0.0.1:" + temporalPort;
  }

  String boltUri() {
    return "bolt://127.0.0.1:" + boltPort;
  }

  String gatewayUrl(String path) {
    return "http://127.0.0.1:" + gatewayPort + path;
  }

  String adminToken() throws IOException {
    return Files.readString(dir.resolve("home/gateway-1/admin.token")).trim();
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl(path))).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String token, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl(path))).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  @Override
  public void close() {
    List<Node> order = new ArrayList<>();
    nodes.values().forEach(order::addAll);
    Collections.reverse(order); // gateway and workers before the infrastructure
    for (Node n : order) {
      n.stop();
    }
  }

  /** How a process tells it is ready. */
  enum Ready { LINE, POLLING, HEALTH }

  /** One process of the topology; {@link #kill()} is SIGKILL, {@link #start()} starts it (again). */
  static final class Node {
    final String service;
    final int replica;
    final List<String> command;
    final Map<String, String> environment;
    final Path log;
    private final Ready ready;
    private final ComposeTopology topology;
    private volatile Process process;

    Node(String service, int replica, List<String> command, Map<String, String> environment, Path log,
        Ready ready, ComposeTopology topology) {
      this.service = service;
      this.replica = replica;
      this.command = List.copyOf(command);
      this.environment = Map.copyOf(environment);
      this.log = log;
      this.ready = ready;
      this.topology = topology;
    }

    String name() {
      return service + "-" + replica;
    }

    /** Starts the process and waits until it is ready (up to 240 s). */
    Node start() throws Exception {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().keySet().removeIf(k -> k.startsWith("ALLOYFLOW_"));
      pb.environment().putAll(environment);
      pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
      long before = lines().size();
      process = pb.start();
      long deadline = System.currentTimeMillis() + 240_000;
      while (System.currentTimeMillis() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name() + " exited with " + process.exitValue() + ": " + tail());
        }
        if (isReady(before)) {
          return this;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException(name() + " was not ready within 240 s: " + tail());
    }

    private boolean isReady(long before) {
      try {
        return switch (ready) {
          case LINE -> lines().stream().skip(before).anyMatch(l -> l.startsWith("READY "));
          case POLLING -> lines().stream().skip(before).anyMatch(l -> l.contains(" polling"));
          case HEALTH -> topology.get("/v1/health", null).statusCode() == 200;
        };
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private List<String> lines() throws IOException {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    boolean alive() {
      Process p = process;
      return p != null && p.isAlive();
    }

    long pid() {
      return process.pid();
    }

    /** SIGKILL: no shutdown hook, no goodbye to Temporal. */
    void kill() throws InterruptedException {
      Process p = process;
      if (p != null) {
        p.destroyForcibly();
        p.waitFor();
      }
    }

    /** Orderly stop: stdin closed (the infrastructure mains), SIGTERM, SIGKILL after 30 s. */
    void stop() {
      Process p = process;
      if (p == null || !p.isAlive()) {
        return;
      }
      try {
        p.getOutputStream().close();
        if (!p.waitFor(ready == Ready.LINE ? 20 : 0, TimeUnit.SECONDS)) {
          p.destroy();
          if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
          }
        }
      } catch (IOException e) {
        p.destroyForcibly();
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    String tail() {
      try {
        List<String> l = lines();
        return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
      } catch (IOException e) {
        return "(no log)";
      }
    }

    @Override
    public String toString() {
      return name();
    }
  }
}
