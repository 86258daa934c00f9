package io.alloyflow.workflows.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarTest {
  @TempDir Path dir;

  private String error(String json) throws Exception {
    Path p = dir.resolve("s.json");
    Files.writeString(p, json);
    return assertThrows(IllegalArgumentException.class, () -> Sidecar.read(p)).getMessage();
  }

  @Test
  void readsEveryField() throws Exception {
    Path p = dir.resolve("s.json");
    Files.writeString(p, "{\"sampleId\":\"heat-1\",\"alloySystem\":\"dp-steel\",\"pixelSizeUm\":0.05,"
        + "\"method\":\"kmeans\",\"classes\":3,\"eds\":\"heat-1.msa\"}");
    assertEquals(new Sidecar("heat-1", "dp-steel", 0.05, "kmeans", 3, "heat-1.msa"), Sidecar.read(p));
  }

  @Test
  void badSidecarsGetOneLineErrorsNamingFileAndField() throws Exception {
    assertTrue(error("{\"sampleId\": 7}").startsWith("s.json: \"sampleId\" must be a string"));
    assertTrue(error("{\"classes\": 2.5}").contains("\"classes\" must be an integer"));
    assertTrue(error("{\"colour\": \"red\"}").contains("unknown field \"colour\""));
    assertTrue(error("{\"sampleId\": ").contains("not valid JSON (line 1"));
    assertTrue(error("[1,2]").contains("expected a JSON object"));
    assertTrue(error("{\"eds\": \"../etc/passwd\"}").contains("same folder"));
  }
}
