package io.alloyflow.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.FileSystemArtifactStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alloyflow store verify [--repair]}: exit 0 clean, 1 problems found, 2 usage. */
class StoreCommandTest {
  @TempDir Path tmp;

  private int run(String... args) {
    return AlloyflowCli.execute(new PrintWriter(new StringWriter(), true), args);
  }

  @Test
  void cleanCorruptRepairedAndUsage() throws Exception {
    Path data = tmp.resolve("data");
    FileSystemArtifactStore store = new FileSystemArtifactStore(data.resolve("artifacts"));
    ArtifactRef ref = store.put("some model bytes".getBytes(), "application/zip");
    assertEquals(0, run("store", "verify", "--data-dir", data.toString()));
    Path obj = store.localPath(ref);
    Files.writeString(obj, "some model bytez");
    assertEquals(1, run("store", "verify", "--data-dir", data.toString()));
    assertTrue(Files.exists(obj), "verify without --repair changes nothing");
    assertEquals(1, run("store", "verify", "--repair", "--data-dir", data.toString()));
    assertFalse(Files.exists(obj), "the corrupt object is quarantined");
    assertEquals(0, run("store", "verify", "--data-dir", data.toString()));
    assertEquals(2, run("store", "verify", "--data-dir", tmp.resolve("nothing").toString()));
    assertEquals(2, run("store", "verify", "--no-such-option"));
  }
}
