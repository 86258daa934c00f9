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
    Properties p = new Properties();
    Path idx = folder.resolve(INDEX);
    if (Files.isRegularFile(idx)) {
      try (Reader r = Files.newBufferedReader(idx, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
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
}
