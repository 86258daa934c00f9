package io.alloyflow.prediction.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.PropertyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Trained models as artifacts in the content-addressed store, with an index of versions and a
 * "current" pointer per property ({@code index.json} beside the store), plus the models that
 * ship in the repository's {@code models/} folder. Every prediction names the version that made
 * it; a version is {@code <property>-<12 hex of the model bytes' SHA-256>}.
 */
public final class ModelRegistry {
  /** Name of the folder of shipped models under the repository root. */
  public static final String SHIPPED_DIR = "models";

  /** Shipped model used for a property when the registry has no current one. */
  public static final Map<String, String> SHIPPED_DEFAULT = Map.of("hardness", "hardness-mpea-ensemble");

  private final ArtifactStore store;
  private final Path index;
  private final Path shipped;

  /**
   * One registered version.
   *
   * @param version version string
   * @param property property name
   * @param unit unit
   * @param model the stored model.json
   * @param dataSha256 SHA-256 of the training table
   * @param source where it was registered from (a directory or {@code shipped:NAME})
   * @param registeredAt ISO-8601 UTC
   */
  public record Entry(
      String version, String property, String unit, ArtifactRef model, String dataSha256,
      String source, String registeredAt) {}

  /** Index file content. */
  public record Index(Map<String, String> current, Map<String, Entry> versions) {}

  /**
   * @param store artifact store holding the model bytes
   * @param indexFile the index ({@code index.json}); created on first registration
   * @param shippedDir the repository's {@code models/} folder (may not exist)
   */
  public ModelRegistry(ArtifactStore store, Path indexFile, Path shippedDir) {
    this.store = store;
    this.index = indexFile;
    this.shipped = shippedDir;
  }

  /** The repository's shipped-models folder ({@code alloyflow.repoRoot} or the working directory). */
  public static Path defaultShippedDir() {
    Path root = Path.of(System.getProperty("alloyflow.repoRoot", "."));
    Path p = root.resolve(SHIPPED_DIR);
    if (!Files.isDirectory(p) && Files.isDirectory(root.resolve("..").resolve(SHIPPED_DIR))) {
      return root.resolve("..").resolve(SHIPPED_DIR).normalize();
    }
    return p;
  }

  /**
   * The default registry: {@code DIR/store} and {@code DIR/index.json} with DIR the system
   * property {@code alloyflow.registry} or {@code <repo>/.alloyflow/registry}, and the shipped
   * models of {@link #defaultShippedDir()}.
   */
  public static ModelRegistry openDefault() {
    Path d = defaultDir();
    try {
      return new ModelRegistry(new io.alloyflow.core.store.FileSystemArtifactStore(d.resolve("store")),
          d.resolve("index.json"), defaultShippedDir());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot open the model registry at " + d, e);
    }
  }

  /** Default registry folder. */
  public static Path defaultDir() {
    String p = System.getProperty("alloyflow.registry");
    return p != null ? Path.of(p)
        : Path.of(System.getProperty("alloyflow.repoRoot", "."), ".alloyflow", "registry");
  }

  /** Reads the index (empty when absent). */
  public synchronized Index read() throws IOException {
    if (!Files.isRegularFile(index)) {
      return new Index(new TreeMap<>(), new TreeMap<>());
    }
    Index i = ModelIO.JSON.readValue(index.toFile(), new TypeReference<Index>() {});
    return new Index(new TreeMap<>(i.current()), new TreeMap<>(i.versions()));
  }

  private void write(Index i) throws IOException {
    Files.createDirectories(index.toAbsolutePath().getParent());
    Path tmp = index.resolveSibling(index.getFileName() + ".tmp");
    ModelIO.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), i);
    Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Stores a model directory's model and records its version; makes it current when asked. */
  public synchronized Entry register(Path modelDir, boolean makeCurrent, String source) throws IOException {
    ModelIO.Loaded l = ModelIO.load(modelDir, null);
    byte[] b = Files.readAllBytes(modelDir.resolve("model.json"));
    ArtifactRef ref = store.put(b, "application/vnd.alloyflow.model+json");
    PropertyModel m = l.model();
    Index i = read();
    Entry e = i.versions().get(l.version());
    if (e == null) {
      e = new Entry(l.version(), m.property(), m.unit(), ref, m.card().dataSha256(), source,
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      i.versions().put(l.version(), e);
    }
    if (makeCurrent || !i.current().containsKey(m.property())) {
      i.current().put(m.property(), l.version());
    }
    write(i);
    return e;
  }

  /** Makes a registered version current for its property. */
  public synchronized void setCurrent(String version) throws IOException {
    Index i = read();
    Entry e = i.versions().get(version);
    if (e == null) {
      throw new IllegalArgumentException(
          "no registered model version '" + version + "' (registered: " + i.versions().keySet() + ")");
    }
    i.current().put(e.property(), version);
    write(i);
  }

  /** Shipped model directories (those holding a model.json). */
  public List<Path> shippedModels() throws IOException {
    List<Path> out = new ArrayList<>();
    if (shipped != null && Files.isDirectory(shipped)) {
      try (Stream<Path> s = Files.list(shipped)) {
        s.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted().forEach(out::add);
      }
    }
    return out;
  }

  /**
   * The current model of a property: the registry's current version, else the shipped default
   * (registered on first use so predictions can name a stored artifact), else empty.
   */
  public synchronized Optional<Resolved> current(String property) throws IOException {
    Index i = read();
    String v = i.current().get(property);
    if (v == null) {
      String name = SHIPPED_DEFAULT.get(property);
      if (name == null || shipped == null || !Files.isRegularFile(shipped.resolve(name).resolve("model.json"))) {
        return Optional.empty();
      }
      register(shipped.resolve(name), true, "shipped:" + name);
      v = read().current().get(property);
    }
    return Optional.of(resolve(v, property));
  }

  /**
   * Resolves a model reference: a model directory, a shipped model name, or a registered version.
   */
  public Resolved resolve(String ref, String property) throws IOException {
    Path p = Path.of(ref);
    if (Files.isDirectory(p) || Files.isRegularFile(p)) {
      return new Resolved(ModelIO.load(p, property), null);
    }
    if (shipped != null && Files.isRegularFile(shipped.resolve(ref).resolve("model.json"))) {
      return new Resolved(ModelIO.load(shipped.resolve(ref), property), null);
    }
    Index i = read();
    Entry e = i.versions().get(ref);
    if (e == null) {
      throw new IllegalArgumentException(
          "model '" + ref + "' is neither a model directory, a shipped model ("
              + shippedModels().stream().map(s -> s.getFileName().toString()).toList()
              + ") nor a registered version (" + i.versions().keySet() + ")");
    }
    Path file = store.localPath(e.model());
    Path tmp = Files.createTempDirectory("alloyflow-model");
    try {
      Files.copy(file, tmp.resolve("model.json"));
      ModelIO.Loaded l = ModelIO.load(tmp, property);
      return new Resolved(new ModelIO.Loaded(l.model(), l.version(), l.sha256(), null), e);
    } finally {
      Files.deleteIfExists(tmp.resolve("model.json"));
      Files.deleteIfExists(tmp);
    }
  }

  /** A loaded model and, when it came from the registry, its entry. */
  public record Resolved(ModelIO.Loaded loaded, Entry entry) {}

  /** The store. */
  public ArtifactStore store() {
    return store;
  }
}
