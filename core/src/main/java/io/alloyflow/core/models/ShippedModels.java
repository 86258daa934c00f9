package io.alloyflow.core.models;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The models shipped in a {@code models/} folder. Each model is a sub-folder; its {@value #INDEX}
 * names the task ({@code semantic-segmentation}, {@code property-regression}, ...), the recorded
 * metric (free text with the data it was measured on) and the model file or folder inside it
 * ({@code file=.} for the folder itself). Folders without an index are listed with task {@code
 * unknown} so that nothing in the folder is hidden.
 */
public final class ShippedModels {
  /** Index file name inside each model folder. */
  public static final String INDEX = "zoo.properties";

  /** Name of the shipped-models folder under the repository root. */
  public static final String DIR = "models";

  /** Checksum list inside each model folder, {@code sha256sum} format ({@code HEX  FILE}). */
  public static final String CHECKSUMS = "SHA256SUMS";

  /** Largest file a model folder may ship (the repository's limit for committed models). */
  public static final long MAX_FILE_BYTES = 25L << 20;

  private final Path dir;

  /**
   * One shipped model.
   *
   * @param name folder name (what {@code --model NAME} takes)
   * @param task task id
   * @param metric recorded metric with the data it was measured on
   * @param sizeBytes bytes of the whole folder
   * @param folder the model folder
   * @param file the model file or folder a loader reads
   */
  public record Entry(String name, String task, String metric, long sizeBytes, Path folder,
      Path file) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(file, "file");
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("size must be >= 0, found " + sizeBytes);
      }
    }
  }

  /** @param dir the {@code models/} folder (need not exist: then the zoo is empty) */
  public ShippedModels(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * The zoo of this installation: {@code <alloyflow.repoRoot>/models} (the {@code alloyflow}
   * launcher sets the property), else {@code ./models}, else {@code ../models} (a module's tests
   * run in the module folder).
   */
  public static ShippedModels installed() {
    Path root = Path.of(System.getProperty("alloyflow.repoRoot", "."));
    Path p = root.resolve(DIR);
    if (!Files.isDirectory(p)) {
      for (Path up = root.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
        if (Files.isDirectory(up.resolve(DIR)) && Files.isRegularFile(up.resolve("pom.xml"))
            && Files.isRegularFile(up.resolve("alloyflow"))) {
          return new ShippedModels(up.resolve(DIR));
        }
      }
    }
    return new ShippedModels(p);
  }

  /** The folder read. */
  public Path dir() {
    return dir;
  }

  /** Every model folder, by name. */
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
        out.add(read(p));
      }
    }
    return out;
  }

  /** Names of the shipped models of a task. */
  public List<String> names(String task) throws IOException {
    return list().stream().filter(e -> e.task().equals(task)).map(Entry::name).toList();
  }

  /**
   * The model named {@code name}, of the given task (null = any).
   *
   * @throws IllegalArgumentException naming the shipped models of that task when there is none
   */
  public Entry resolve(String name, String task) throws IOException {
    if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")
        || name.startsWith(".")) {
      throw new IllegalArgumentException("a model name is a folder name under " + dir
          + ", found '" + name + "'");
    }
    Path p = dir.resolve(name);
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("no shipped model '" + name + "' in " + dir
          + "; shipped" + (task == null ? "" : " " + task) + " models: "
          + (task == null ? list().stream().map(Entry::name).toList() : names(task)));
    }
    Entry e = read(p);
    if (task != null && !task.equals(e.task())) {
      throw new IllegalArgumentException("shipped model '" + name + "' is a " + e.task()
          + " model, expected a " + task + " model (those are " + names(task) + ")");
    }
    if (!Files.exists(e.file())) {
      throw new IllegalArgumentException("shipped model '" + name + "' names file "
          + dir.relativize(e.file()) + " in its " + INDEX + ", which does not exist");
    }
    return e;
  }

  private static Entry read(Path folder) throws IOException {
    Path idx = folder.resolve(INDEX);
    Properties p = load(idx);
    String file = p.getProperty("file", ".").trim();
    Path f = folder.resolve(file).normalize();
    if (!f.startsWith(folder.normalize())) {
      throw new IllegalArgumentException(idx + ": file=" + file + " points outside the model folder");
    }
    return new Entry(folder.getFileName().toString(), p.getProperty("task", "unknown").trim(),
        p.getProperty("metric", "").trim(), size(folder), folder, f);
  }

  private static long size(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).mapToLong(q -> {
        try {
          return Files.size(q);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  /**
   * The model's {@value #INDEX} as properties (empty when it has none): its task, metric, file and
   * whatever evaluation keys it records.
   */
  public static Properties index(Entry e) throws IOException {
    return load(e.folder().resolve(INDEX));
  }

  private static Properties load(Path idx) throws IOException {
    Properties p = new Properties();
    if (Files.isRegularFile(idx)) {
      try (Reader r = Files.newBufferedReader(idx, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  /**
   * Checks a shipped model's files against its {@value #CHECKSUMS}: every listed file exists inside
   * the folder, is at most {@link #MAX_FILE_BYTES} and has the listed SHA-256; the folder has a
   * {@code MODEL_CARD.md}. A clone whose large files did not arrive (Git LFS pointers, a partial
   * copy) or were changed by hand fails here with the file named.
   *
   * @return the files checked, in the list's order
   * @throws IllegalStateException naming the folder, the file and what was wrong
   */
  public static List<Path> verify(Entry e) throws IOException {
    Path folder = e.folder();
    if (!Files.isRegularFile(folder.resolve("MODEL_CARD.md"))) {
      throw new IllegalStateException(folder + ": no MODEL_CARD.md");
    }
    Path sums = folder.resolve(CHECKSUMS);
    if (!Files.isRegularFile(sums)) {
      throw new IllegalStateException(folder + ": no " + CHECKSUMS + " (expected 'SHA-256  FILE' lines)");
    }
    List<Path> checked = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] kv = line.trim().split("\\s+", 2);
      if (kv.length != 2 || !kv[0].matches("[0-9a-fA-F]{64}")) {
        throw new IllegalStateException(sums + " line " + lineNo + ": expected 'SHA-256  FILE', found '"
            + line.trim() + "'");
      }
      String name = kv[1].startsWith("*") ? kv[1].substring(1) : kv[1];
      Path f = folder.resolve(name).normalize();
      if (!f.startsWith(folder.normalize())) {
        throw new IllegalStateException(sums + " line " + lineNo + ": " + name + " is outside the model folder");
      }
      if (!Files.isRegularFile(f)) {
        throw new IllegalStateException(folder + ": " + name + " is listed in " + CHECKSUMS + " but missing");
      }
      long size = Files.size(f);
      if (size > MAX_FILE_BYTES) {
        throw new IllegalStateException(f + " is " + size + " bytes, more than the " + MAX_FILE_BYTES
            + " a shipped model file may have");
      }
      String sha = sha256(f);
      if (!sha.equalsIgnoreCase(kv[0])) {
        throw new IllegalStateException(f + ": SHA-256 " + sha + ", expected " + kv[0].toLowerCase(java.util.Locale.ROOT)
            + " (" + CHECKSUMS + " line " + lineNo + "); the file is damaged, changed, or a Git LFS pointer");
      }
      checked.add(f);
    }
    if (checked.isEmpty()) {
      throw new IllegalStateException(sums + " lists no file");
    }
    return checked;
  }

  private static String sha256(Path f) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(f)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException x) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", x);
    }
  }
}
