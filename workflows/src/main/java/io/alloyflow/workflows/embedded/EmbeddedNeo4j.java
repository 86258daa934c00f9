package io.alloyflow.workflows.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Neo4j in a child JVM ({@code io.alloyflow.neo4j.EmbeddedNeo4jMain} from module
 * {@code neo4j-embedded}), with its store under a data directory that survives restarts. The
 * child stops when its stdin closes, so it never outlives this process. Authentication is on: user
 * {@code neo4j} has a generated password kept in {@code DATA/neo4j.password} (mode 600). A
 * watchdog starts the child again, on the same port, when it dies (the driver reconnects by itself).
 */
public final class EmbeddedNeo4j implements AutoCloseable {
  private static final String MAIN = "io.alloyflow.neo4j.EmbeddedNeo4jMain";
  private volatile Process process;
  private final String boltUri;
  private final String password;
  private final List<String> restartCommand;
  private final Path dataDir;
  private volatile boolean closing;
  private volatile int restarts;

  private EmbeddedNeo4j(Process process, String boltUri, String password, List<String> restartCommand,
      Path dataDir) {
    this.process = process;
    this.boltUri = boltUri;
    this.password = password;
    this.restartCommand = restartCommand;
    this.dataDir = dataDir;
    watch(process);
  }

  private void watch(Process p) {
    p.onExit().thenRun(() -> {
      if (closing) {
        return;
      }
      System.err.println("warning: embedded Neo4j exited (code " + p.exitValue() + "); restarting it");
      for (int attempt = 1; attempt <= 5 && !closing; attempt++) {
        try {
          Process next = launch(restartCommand, dataDir);
          if (awaitReady(next, dataDir, 180) != null) {
            process = next;
            restarts++;
            watch(next);
            return;
          }
        } catch (IOException e) {
          System.err.println("warning: restart " + attempt + " of embedded Neo4j failed: " + e.getMessage());
        }
        try {
          Thread.sleep(2000L * attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });
  }

  /** How often the watchdog restarted the child. */
  public int restarts() {
    return restarts;
  }

  /** The child's process id (for fault-injection tests). */
  public long pid() {
    return process.pid();
  }

  /** Password of user {@code neo4j}. */
  public String password() {
    return password;
  }

  private static String passwordOf(Path dataDir) throws IOException {
    Path f = dataDir.resolve("neo4j.password");
    if (!Files.exists(f)) {
      byte[] b = new byte[24];
      new java.security.SecureRandom().nextBytes(b);
      String pw = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      Path tmp = dataDir.resolve("neo4j.password.tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, pw + "\n");
      Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return Files.readString(f).trim();
  }

  private static Process launch(List<String> cmd, Path dataDir) throws IOException {
    return new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolve("neo4j-child.log").toFile()))
        .start();
  }

  /**
   * Starts the child and waits until Bolt is up.
   *
   * @param dataDir graph store directory
   * @param classpath the child's classpath (see {@link #locateClasspath(Path)})
   * @param boltPort Bolt port on 127.0.0.1 (0 = any free port)
   * @param timeoutS seconds to wait for readiness
   */
  public static EmbeddedNeo4j start(Path dataDir, String classpath, int boltPort, int timeoutS)
      throws IOException {
    Files.createDirectories(dataDir);
    String password = passwordOf(dataDir);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = command(java, classpath, dataDir, boltPort);
    Process p = null;
    String uri = null;
    // a previous child of a killed parent may still hold the store lock while it shuts down:
    // try again a few times before giving up
    for (int attempt = 1; attempt <= 4 && uri == null; attempt++) {
      p = launch(cmd, dataDir);
      uri = awaitReady(p, dataDir, timeoutS);
      if (uri == null) {
        int code = waitExit(p);
        if (attempt == 4) {
          throw new IOException(
              "embedded Neo4j exited with code " + code + " before it was ready; see "
                  + dataDir.resolve("neo4j-child.log"));
        }
        try {
          Thread.sleep(3000L * attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while starting embedded Neo4j", e);
        }
      }
    }
    int port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
    return new EmbeddedNeo4j(p, uri, password, command(java, classpath, dataDir, port), dataDir);
  }

  private static List<String> command(Path java, String classpath, Path dataDir, int port) {
    return List.of(
        java.toString(), "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, MAIN,
        "--data", dataDir.toAbsolutePath().toString(), "--port", Integer.toString(port),
        "--password-file", dataDir.resolve("neo4j.password").toAbsolutePath().toString());
  }

  /** Waits for the READY line; null when the child exited first. */
  private static String awaitReady(Process p, Path dataDir, int timeoutS) throws IOException {
    Deque<String> lastLines = new ArrayDeque<>();
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("READY ")) {
                    drainInBackground(r);
                    return line.substring(6).trim();
                  }
                  synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 20) {
                      lastLines.removeFirst();
                    }
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    try {
      return ready.get(timeoutS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      p.destroyForcibly();
      throw new IOException(
          "embedded Neo4j did not start within " + timeoutS + " s; see "
              + dataDir.resolve("neo4j-child.log"), e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting embedded Neo4j", e);
    }
  }

  private static void drainInBackground(BufferedReader r) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (r.readLine() != null) {
                  // keep the pipe from filling up
                }
              } catch (IOException ignored) {
                // child gone
              }
            },
            "neo4j-stdout");
    t.setDaemon(true);
    t.start();
  }

  private static int waitExit(Process p) {
    try {
      return p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * The child's classpath: system property {@code alloyflow.neo4j.classpath} if set, else the
   * build output of module {@code neo4j-embedded} under the repository root.
   */
  public static String locateClasspath(Path repoRoot) throws IOException {
    String cp = System.getProperty("alloyflow.neo4j.classpath");
    if (cp != null && !cp.isBlank()) {
      return cp;
    }
    Path module = repoRoot.resolve("neo4j-embedded").resolve("target");
    Path classes = module.resolve("classes");
    Path lib = module.resolve("lib");
    if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
      throw new IOException(
          "embedded Neo4j is not built: expected " + classes + " and " + lib
              + " (run ./mvnw -q package -DskipTests), or set ALLOYFLOW_NEO4J_URI to use an"
              + " external Neo4j");
    }
    return classes + java.io.File.pathSeparator + lib + java.io.File.separator + "*";
  }

  public String boltUri() {
    return boltUri;
  }

  @Override
  public void close() {
    closing = true;
    Process process = this.process;
    try {
      OutputStream in = process.getOutputStream();
      in.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
