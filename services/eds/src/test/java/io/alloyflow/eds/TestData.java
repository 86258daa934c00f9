package io.alloyflow.eds;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference data folder (system property or ../shared/data). */
public final class TestData {
  private TestData() {}

  /** The shared data root, or null when absent. */
  public static Path root() {
    String p = System.getProperty("alloyflow.sharedData");
    if (p != null && Files.isDirectory(Path.of(p))) {
      return Path.of(p);
    }
    for (Path c : new Path[] {Path.of("../shared/data"), Path.of("../../../shared/data")}) {
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  /** A sub folder of the shared data, or null. */
  public static Path folder(String rel) {
    Path r = root();
    if (r == null) {
      return null;
    }
    Path f = r.resolve(rel);
    return Files.isDirectory(f) ? f : null;
  }
}
