package io.alloyflow.segmentation.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.Fixtures;
import io.alloyflow.segmentation.cli.SegmentationCliMain;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.MaskFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The 5-class rare-class benchmark set ({@link RareClassSet}): seeded and reproducible, both
 * synthetic classes rare but present, with the contrast its recipe states, and readable as a
 * user's JPEG + PNG-mask folder. {@code -Dalloyflow.slow=true} also runs the benchmark itself: the
 * default {@code train segmentation} on the full set, scored on the held-out tiles (target mIoU
 * >= 0.65, every class above 0.3); {@code bench/segmentation/run_rare_classes.sh} is the same run
 * with the 4 GB heap and timing. Skips without the shared NASA data.
 */
class RareClassSetTest {

  private static Path nasa() {
    Path shared = Fixtures.sharedData();
    Assumptions.assumeTrue(shared != null, "shared data folder absent: rare-class set not built");
    Path d = shared.resolve("segmentation/nasa-super");
    Assumptions.assumeTrue(Files.isDirectory(d.resolve("Super1")), "NASA Super1 data absent");
    return d;
  }

  @Test
  void seededSetHoldsTwoRareClassesWithTheirStatedContrast(@TempDir Path tmp) throws Exception {
    Path nasa = nasa();
    double[][] f = RareClassSet.write(nasa, tmp.resolve("a"), 17, 4, 2);
    RareClassSet.write(nasa, tmp.resolve("b"), 17, 4, 2);
    for (String rel : List.of("train/images/tile_03.jpg", "train/masks/tile_03.png",
        "test/images/tile_01.jpg", "README.txt")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a/" + rel)),
          Files.readAllBytes(tmp.resolve("b/" + rel)), rel + " differs between two runs, seed 17");
    }
    for (double[] split : f) {
      assertEquals(1.0, split[0] + split[1] + split[2] + split[3] + split[4], 1e-9);
      for (int c = 3; c <= 4; c++) {
        assertTrue(split[c] > 0.002 && split[c] < 0.05,
            RareClassSet.CLASSES.get(c) + " fraction " + split[c] + ", expected rare (0.2-5 %)");
      }
    }
    // read back as a user's folder: JPEG images, PNG class-index masks
    List<Datasets.Labelled> train = Datasets.load(tmp.resolve("a/train/images"),
        tmp.resolve("a/train/masks"), MaskFormat.PNG, 1 << 20);
    assertEquals(4, train.size());
    double[] sum = new double[5];
    long[] n = new long[5];
    for (Datasets.Labelled d : train) {
      Micrograph m = d.micrograph();
      assertEquals(RareClassSet.TILE, m.width());
      for (int i = 0; i < d.labels().length; i++) {
        sum[d.labels()[i]] += m.pixels()[i];
        n[d.labels()[i]]++;
      }
    }
    for (int c = 0; c < 5; c++) {
      assertTrue(n[c] > 0, "class " + RareClassSet.CLASSES.get(c) + " absent from 4 tiles");
    }
    double matrix = sum[0] / n[0];
    double carbide = sum[3] / n[3];
    double pore = sum[4] / n[4];
    assertTrue(carbide > matrix + 15, "carbides " + carbide + " vs matrix " + matrix
        + ": expected 20-38 grey levels brighter (less the JPEG and edge blur)");
    assertTrue(pore < 0.7 * matrix, "pores " + pore + " vs matrix " + matrix
        + ": expected 0.35-0.6 of the matrix level");
  }

  @Test
  @EnabledIfSystemProperty(named = "alloyflow.slow", matches = "true")
  void defaultTrainingMeetsTheRareClassTarget(@TempDir Path tmp) throws Exception {
    Path set = tmp.resolve("set");
    RareClassSet.write(nasa(), set, 17, RareClassSet.TRAIN_TILES, RareClassSet.TEST_TILES);
    Path model = tmp.resolve("model.zip");
    assertEquals(0, run("train", "segmentation", "--images", set.resolve("train/images").toString(),
        "--masks", set.resolve("train/masks").toString(), "--out", model.toString()));
    assertEquals(0, run("segment", "--model", model.toString(),
        set.resolve("test/images").toString(), "--out", tmp.resolve("pred").toString()));
    StringWriter out = new StringWriter();
    CommandLine cl = SegmentationCliMain.commandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("eval", "segmentation", "--pred", tmp.resolve("pred").toString(),
        "--truth", set.resolve("test/masks").toString(), "--classes", "5"));
    Matcher miou = Pattern.compile("\"mIoU\"\\s*:\\s*([0-9.eE-]+)").matcher(out.toString());
    assertTrue(miou.find(), out.toString());
    assertTrue(Double.parseDouble(miou.group(1)) >= 0.65, out.toString());
    Matcher per =
        Pattern.compile("\"perClassIoU\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(out.toString());
    assertTrue(per.find(), out.toString());
    for (String v : per.group(1).split(",")) {
      assertTrue(Double.parseDouble(v.trim()) > 0.3, "a class at IoU " + v + ": " + out);
    }
  }

  private static int run(String... args) {
    CommandLine cl = SegmentationCliMain.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }
}
