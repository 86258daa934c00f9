package io.alloyflow.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The offline bulk route end to end: recorded provenance ({@link ProvenanceRecords}) to the CSV
 * set of {@link BulkImportFiles} to {@code neo4j-admin database import full} (the importer that
 * ships with the embedded server's Neo4j libraries, run as a child JVM) into the store of a Neo4j
 * home directory, whose database must be absent or empty. The importer writes store files
 * directly, without transactions (Neo4j Operations Manual 5, "Import"): tens of thousands of nodes
 * per CPU second against some thousands for any transactional writer. The schema ({@link
 * GraphSchema}) is created when the database first starts afterwards.
 */
public final class OfflineImport {
  /** Where the importer's classpath comes from (looked up only when there is something to import). */
  @FunctionalInterface
  public interface Classpath {
    String get() throws IOException;
  }

  /** The database the embedded server serves. */
  public static final String DATABASE = "neo4j";

  private OfflineImport() {}

  /**
   * What an import did.
   *
   * @param analyses analyses read
   * @param nodes nodes written
   * @param relationships relationships written
   * @param csvSeconds reading the records and writing the CSV files (wall)
   * @param importSeconds the importer's run (wall)
   * @param importerCpuSeconds the importer process's CPU time (NaN where not reported)
   */
  public record Result(long analyses, long nodes, long relationships, double csvSeconds, double importSeconds,
      double importerCpuSeconds) {
    public Result {
      if (analyses < 0 || nodes < 0 || relationships < 0) {
        throw new IllegalArgumentException("counts cannot be negative: " + analyses + ", " + nodes + ", " + relationships);
      }
    }
  }

  /** The database folder of a Neo4j home (where {@code neo4j-admin} and the embedded server keep it). */
  public static Path databaseDir(Path home) {
    return home.resolve("data").resolve("databases").resolve(DATABASE);
  }

  /**
   * Reads the records, writes the CSV files and runs the importer.
   *
   * @param records folder (or file) of recorded provenance
   * @param home Neo4j home whose database {@value #DATABASE} is absent or empty
   * @param classpath the embedded server's classpath (its Neo4j libraries hold the importer), asked
   *     for once the records have been read
   * @param overwrite replace an existing (empty) database folder
   * @param work scratch folder for the CSV files, the importer's log and report
   */
  public static Result run(Path records, Path home, Classpath classpath, boolean overwrite, Path work)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    long[] analyses = {0};
    BulkImportFiles files = new BulkImportFiles(work.resolve("csv"));
    try (files) {
      analyses[0] = ProvenanceRecords.read(records, 1000, files::add);
    }
    if (analyses[0] == 0) {
      throw new IllegalArgumentException("no analyses in " + records + ": nothing to import");
    }
    double csv = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    double cpu = runImporter(files.importArguments(), home, classpath.get(), overwrite, work);
    return new Result(analyses[0], files.nodes(), files.relationships(), csv, (System.nanoTime() - t1) / 1e9, cpu);
  }

  /**
   * Runs {@code neo4j-admin database import full ARGS neo4j} in a child JVM.
   *
   * @return the importer's CPU seconds (NaN where the platform does not report them)
   * @throws IOException with the end of the importer's log when it fails
   */
  public static double runImporter(List<String> args, Path home, String classpath, boolean overwrite, Path work)
      throws IOException, InterruptedException {
    Path conf = Files.createDirectories(work.resolve("conf"));
    Files.writeString(conf.resolve("neo4j.conf"), "");
    Files.createDirectories(home);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseSerialGC",
        "-cp", classpath, "org.neo4j.cli.AdminTool", "database", "import", "full"));
    command.addAll(args);
    command.add("--overwrite-destination=" + overwrite);
    command.add("--report-file=" + work.resolve("import.report"));
    command.add(DATABASE);
    Path log = work.resolve("import.log");
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    b.environment().put("NEO4J_HOME", home.toAbsolutePath().toString());
    b.environment().put("NEO4J_CONF", conf.toAbsolutePath().toString());
    Process p = b.start();
    double cpu = Double.NaN;
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      cpu = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(cpu);
    }
    if (p.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      String tail = String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 8), lines.size()));
      throw new IOException("neo4j-admin database import failed (exit " + p.exitValue() + "); the end of its log "
          + log + ":" + System.lineSeparator() + tail);
    }
    return cpu;
  }
}
