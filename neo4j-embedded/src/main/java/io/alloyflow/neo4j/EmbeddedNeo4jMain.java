package io.alloyflow.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts embedded Neo4j with Bolt on 127.0.0.1.
 *
 * <p>Usage: {@code EmbeddedNeo4jMain --data DIR [--port P] [--page-cache-mb M] [--password-file F]}.
 * With port 0 a free port is chosen. With a password file, authentication is on and user {@code
 * neo4j} gets the password in the file (set at every start, so a rotated file takes effect). When the database is ready one line {@code READY bolt://127.0.0.1:P} is
 * printed on stdout; the process stops cleanly when its stdin is closed (the parent died or asked
 * it to stop) or on SIGTERM. The server has alloyflow's procedures ({@link ProvenanceProcedure}).
 */
public final class EmbeddedNeo4jMain {
  private EmbeddedNeo4jMain() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      // the database's own threads are not daemons: without an explicit exit a failed start
      // would leave a process holding the store lock
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    Path data = null;
    int port = 0;
    long pageCacheMb = 64;
    Path passwordFile = null;
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(requireValue(args, ++i));
        case "--port" -> port = Integer.parseInt(requireValue(args, ++i));
        case "--page-cache-mb" -> pageCacheMb = Long.parseLong(requireValue(args, ++i));
        case "--password-file" -> passwordFile = Path.of(requireValue(args, ++i));
        case "--config" -> config = Path.of(requireValue(args, ++i));
        default -> {
          System.err.println("unknown option '" + args[i] + "': expected --data, --port, --page-cache-mb, --password-file, --config");
          System.exit(2);
        }
      }
    }
    if (data == null) {
      System.err.println("missing --data DIR: the directory that holds the graph store");
      System.exit(2);
    }
    Files.createDirectories(data);
    if (port == 0) {
      port = freePort();
    }
    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(data.toAbsolutePath());
    if (config != null) {
      // further settings in neo4j.conf syntax (benchmarks try checkpoint and transaction-log settings)
      builder.loadPropertiesFromFile(config);
    }
    DatabaseManagementService dbms =
        builder
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .setConfig(GraphDatabaseSettings.auth_enabled, passwordFile != null)
            .build();
    if (passwordFile != null) {
      String pw = Files.readString(passwordFile).trim();
      try {
        dbms.database("system").executeTransactionally(
            "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", java.util.Map.of("p", pw));
      } catch (org.neo4j.graphdb.QueryExecutionException e) {
        // "old password and new password cannot be the same": already set at an earlier start
        if (e.getMessage() == null || !e.getMessage().contains("cannot be the same")) {
          throw e;
        }
      }
    }
    registerProcedures(dbms);
    Thread hook = new Thread(dbms::shutdown, "neo4j-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    System.out.println("READY bolt://127.0.0.1:" + port);
    System.out.flush();
    waitForStdinClose(System.in);
    Runtime.getRuntime().removeShutdownHook(hook);
    dbms.shutdown();
    System.exit(0);
  }

  /**
   * Registers alloyflow's server-side procedures ({@link ProvenanceProcedure}); the procedure
   * registry is shared by every database of the DBMS. Against a standalone Neo4j server the
   * module's jar goes into its {@code plugins/} directory instead; the writer falls back to plain
   * Cypher where the procedure is absent.
   */
  static void registerProcedures(DatabaseManagementService dbms) throws Exception {
    GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    db.getDependencyResolver().resolveDependency(GlobalProcedures.class)
        .registerProcedure(ProvenanceProcedure.class);
  }

  private static String requireValue(String[] args, int i) {
    if (i >= args.length) {
      System.err.println("option " + args[i - 1] + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  private static void waitForStdinClose(InputStream in) {
    try {
      while (in.read() >= 0) {
        // ignore input; EOF means the parent wants us gone
      }
    } catch (IOException e) {
      // parent vanished
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
