package io.alloyflow.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetIoTest {
  @TempDir Path tmp;

  @Test
  void viaPolygonsRasteriseOnPixelCentres() throws Exception {
    Path json = tmp.resolve("via.json");
    Files.writeString(
        json,
        "{\"_via_img_metadata\":{\"a.png1\":{\"filename\":\"a.png\",\"size\":1,\"regions\":["
            + "{\"shape_attributes\":{\"name\":\"polygon\",\"all_points_x\":[10,20,20,10],"
            + "\"all_points_y\":[10,10,20,20]},\"region_attributes\":{\"Label\":\"Powder\"}},"
            + "{\"shape_attributes\":{\"name\":\"rect\",\"x\":30,\"y\":5,\"width\":4,\"height\":3},"
            + "\"region_attributes\":{}}]}}}");
    Map<String, List<ViaAnnotations.Region>> r = ViaAnnotations.read(json);
    assertEquals(2, r.get("a.png").size());
    assertEquals("Powder", r.get("a.png").get(0).attributes().get("Label"));
    int[] m = ViaAnnotations.rasterise(r.get("a.png"), 40, 30);
    int a1 = 0;
    int a2 = 0;
    for (int v : m) {
      a1 += v == 1 ? 1 : 0;
      a2 += v == 2 ? 1 : 0;
    }
    assertEquals(100, a1);
    assertEquals(12, a2);
    assertEquals(1, m[10 * 40 + 10]);
    assertEquals(0, m[20 * 40 + 20]);
  }

  @Test
  void labelPngRoundTripAndSizeChecks() throws Exception {
    int[] lab = Fixtures.disks(50, 40, new double[][] {{20, 20, 8}, {40, 10, 5}});
    Path p = tmp.resolve("l.png");
    LabelImages.writePng(lab, 50, 40, p);
    Masks.Mask back = Masks.readPng(p, 1 << 20);
    assertEquals(50, back.width());
    assertEquals(java.util.Arrays.toString(lab), java.util.Arrays.toString(back.labels()));
    int[] big = lab.clone();
    big[0] = 1000;
    LabelImages.writePng(big, 50, 40, p);
    assertEquals(1000, Masks.readPng(p, 1 << 20).labels()[0]);
    SegmentationInputException e =
        assertThrows(SegmentationInputException.class, () -> Masks.readPng(p, 100));
    assertTrue(e.getMessage().contains("pixels (read limit)"), e.getMessage());
    Path empty = Files.createFile(tmp.resolve("empty.png"));
    assertTrue(
        assertThrows(SegmentationInputException.class, () -> ImageInputs.readGray(empty, 100, 1))
            .getMessage()
            .contains("empty"));
    Path text = Files.writeString(tmp.resolve("notes.tif"), "hello, not an image");
    assertTrue(
        assertThrows(SegmentationInputException.class, () -> ImageInputs.readGray(text, 100, 1))
            .getMessage()
            .contains("not an image"));
  }

  @Test
  void nasaMasksMatchTheirImages() throws Exception {
    Path shared = Fixtures.sharedData();
    Assumptions.assumeTrue(shared != null, "shared data folder absent: skipping NASA check");
    Path dir = shared.resolve("segmentation/nasa-super/Super1");
    Assumptions.assumeTrue(Files.isDirectory(dir), "NASA Super1 absent");
    List<Datasets.Labelled> d =
        Datasets.load(dir.resolve("test"), dir.resolve("test_annot"), MaskFormat.NASA, 1 << 24);
    assertEquals(4, d.size());
    Datasets.Labelled first = d.get(0);
    Micrograph m = first.micrograph();
    assertEquals(512, m.width());
    double[] sum = new double[3];
    long[] n = new long[3];
    for (int i = 0; i < first.labels().length; i++) {
      int c = first.labels()[i];
      if (c >= 0) {
        sum[c] += m.pixels()[i];
        n[c]++;
      }
    }
    // matrix (grey) is brighter than both gamma-prime classes; secondary covers far more area
    assertTrue(sum[0] / n[0] > sum[1] / n[1] && sum[0] / n[0] > sum[2] / n[2]);
    assertTrue(n[1] > 5 * n[2]);
    assertEquals(Masks.NASA_CLASSES, first.classNames());
  }
}
