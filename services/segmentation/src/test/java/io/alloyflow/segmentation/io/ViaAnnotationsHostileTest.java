package io.alloyflow.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VIA JSON from a hostile caller: clear errors that never repeat the file's content. */
class ViaAnnotationsHostileTest {
  @TempDir Path tmp;

  private static SegmentationInputException fails(String text) {
    return assertThrows(SegmentationInputException.class,
        () -> ViaAnnotations.parse(text.getBytes(StandardCharsets.UTF_8), Path.of("x.json")));
  }

  @Test
  void secretsFileIsNotEchoed() {
    SegmentationInputException e = fails("db_password=hunter2\napi_key=abc\n");
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(e.getMessage().contains("db_password"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    SegmentationInputException shape = fails(
        "{\"k\":{\"filename\":\"a.png\",\"regions\":[{\"shape_attributes\":{\"name\":\"s3cr3t\"}}]}}");
    assertFalse(shape.getMessage().contains("s3cr3t"), shape.getMessage());
  }

  @Test
  void wrongJsonShapesAreInputErrorsNotCrashes() throws Exception {
    assertTrue(fails("[1,2,3]").getMessage().contains("a JSON object at the top level"));
    assertTrue(fails("{\"k\": 5}").getMessage().contains("without 'filename'"));
    // points given as objects rather than arrays: the region is skipped, not a crash
    var r = ViaAnnotations.parse(("{\"k\":{\"filename\":\"a.png\",\"regions\":[{\"shape_attributes\":"
        + "{\"name\":\"polygon\",\"all_points_x\":{\"a\":1},\"all_points_y\":{\"b\":2}}}]}}")
        .getBytes(StandardCharsets.UTF_8), Path.of("x.json"));
    assertEquals(0, r.get("a.png").size());
    assertTrue(assertThrows(SegmentationInputException.class, () -> ViaAnnotations.read(tmp))
        .getMessage().contains("a directory"));
  }
}
