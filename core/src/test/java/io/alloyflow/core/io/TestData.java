package io.alloyflow.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared real-data folder (system property alloyflow.sharedData or ../shared/data). */
final class TestData {
  private TestData() {}

  static Path root() {
    String p = System.getProperty("alloyflow.sharedData");
    if (p != null && Files.isDirectory(Path.of(p))) {
      return Path.of(p).normalize();
    }
    String repo = System.getProperty("alloyflow.repoRoot");
    Path base = repo != null ? Path.of(repo) : Path.of("..").toAbsolutePath();
    for (Path c : new Path[] {base.resolve("../shared/data"), Path.of("../../shared/data"),
        Path.of("../shared/data")}) {
      if (Files.isDirectory(c)) {
        return c.toAbsolutePath().normalize();
      }
    }
    return Path.of("/nonexistent-shared-data");
  }

  static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
