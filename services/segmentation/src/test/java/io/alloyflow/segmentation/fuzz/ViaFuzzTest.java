package io.alloyflow.segmentation.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alloyflow.segmentation.io.SegmentationInputException;
import io.alloyflow.segmentation.io.ViaAnnotations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of the VGG Image Annotator JSON reader and the polygon
 * rasteriser: any input gives regions (which rasterise into a 32x24 map without error) or a
 * {@link SegmentationInputException} with a one-line message. Regression mode runs the seeds in
 * {@code src/test/resources/io/alloyflow/segmentation/fuzz/ViaFuzzTestInputs/via/}; {@code
 * bench/fuzz/run_fuzz.sh} fuzzes for real.
 */
class ViaFuzzTest {
  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "60m")
  void via(byte[] data) {
    Map<String, List<ViaAnnotations.Region>> regions;
    try {
      regions = ViaAnnotations.parse(data, Path.of("fuzz.json"));
    } catch (SegmentationInputException e) {
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      return;
    }
    for (List<ViaAnnotations.Region> rs : regions.values()) {
      assertEquals(32 * 24, ViaAnnotations.rasterise(rs, 32, 24).length);
    }
  }
}
