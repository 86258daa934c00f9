package io.alloyflow.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.segmentation.io.Masks;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.postprocess.PrecipitateSizeClassesTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment --precipitate-size-classes} end to end, on a synthetic two-size micrograph. */
class SizeClassCliTest {
  @TempDir Path tmp;

  @Test
  void otsuPlusSizeClassesGivesThreeClasses() throws Exception {
    int w = PrecipitateSizeClassesTest.W;
    int h = PrecipitateSizeClassesTest.H;
    int[] truth = new int[w * h];
    int[] lab = PrecipitateSizeClassesTest.particles(21, new double[] {20, 3.5},
        new int[] {20, 90}, new int[] {1, 1}, truth);
    float[] px = new float[w * h];
    Random rnd = new Random(2);
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) Math.max(0, Math.min(255, (lab[i] > 0 ? 180 : 60) + 8 * rnd.nextGaussian()));
    }
    Path img = tmp.resolve("in/two-sizes.png");
    Files.createDirectories(img.getParent());
    MicrographIO.writePng(new Micrograph(w, h, px, 8, 1e-8, SignalType.SE), img);
    Path out = tmp.resolve("out");
    CliTest.Run r = CliTest.run(new SegmentCommand(), "--method", "otsu",
        "--precipitate-size-classes", "phase1,fine", img.getParent().toString(), "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode im = new ObjectMapper().readTree(out.resolve("measurements.json").toFile())
        .get("images").get(0);
    assertEquals("[\"phase0\",\"phase1\",\"fine\"]", im.get("classNames").toString());
    JsonNode p = im.get("algorithm").get("parameters");
    assertEquals("true", p.get("sizeClasses.applied").asText(), p.toString());
    assertEquals(3, im.get("phaseFractions").size());
    int[] pred = Masks.readPng(out.resolve("two-sizes.png"), 1L << 24).labels();
    SemanticMetrics m = SemanticMetrics.compute(pred, truth, 3);
    assertTrue(m.meanIoU() > 0.95, "mIoU " + m.meanIoU());

    // off leaves the two Otsu classes
    Path off = tmp.resolve("off");
    CliTest.Run r0 = CliTest.run(new SegmentCommand(), "--method", "otsu",
        img.getParent().toString(), "--out", off.toString());
    assertEquals(0, r0.code(), r0.err());
    assertEquals(2, new ObjectMapper().readTree(off.resolve("measurements.json").toFile())
        .get("images").get(0).get("classNames").size());

    // a class the model does not have: a one-line error, no stack trace
    CliTest.Run bad = CliTest.run(new SegmentCommand(), "--method", "otsu",
        "--precipitate-size-classes", "auto", img.getParent().toString(), "--out",
        tmp.resolve("bad").toString());
    assertTrue(bad.code() != 0);
    assertTrue(bad.err().contains("secondary") && bad.err().contains("phase0"), bad.err());
    assertFalse(bad.err().contains("\tat "), bad.err());
  }
}
