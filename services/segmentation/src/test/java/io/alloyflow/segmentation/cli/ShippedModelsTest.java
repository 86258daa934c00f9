package io.alloyflow.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.segmentation.Fixtures;
import io.alloyflow.segmentation.io.ImageInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every segmentation model in {@code models/} is intact and small enough to ship ({@link
 * ShippedModels#verify}), and
 * reproduces the metric recorded in its {@code zoo.properties} on the shared data through the
 * command line ({@code eval segmentation --model NAME}). The default run checks one recorded
 * image per model ({@code eval.fast.*}); {@code -Dalloyflow.zoo.full=true} runs the whole
 * recorded split.
 */
class ShippedModelsTest {
  @TempDir Path tmp;

  private static List<ShippedModels.Entry> segmentationModels() throws Exception {
    return ShippedModels.installed().list().stream()
        .filter(e -> e.task().equals(ModelArgs.TASK)).toList();
  }

  @Test
  void shippedSegmentationModelsAreIntactAndSmall() throws Exception {
    List<ShippedModels.Entry> models = segmentationModels();
    assertFalse(models.isEmpty(), "no segmentation model found in " + ShippedModels.installed().dir());
    for (ShippedModels.Entry e : models) {
      assertFalse(ShippedModels.verify(e).isEmpty(), e.name());
      assertEquals(e.file(), ModelArgs.resolve(e.name()), "--model " + e.name());
    }
  }

  @Test
  void shippedSegmentationModelsReproduceTheirRecordedMetric() throws Exception {
    Path data = Fixtures.sharedData();
    Assumptions.assumeTrue(data != null,
        "shared data (../shared/data) absent: shipped-model reproduction not checked");
    boolean full = Boolean.getBoolean("alloyflow.zoo.full");
    for (ShippedModels.Entry e : segmentationModels()) {
      Properties p = ShippedModels.index(e);
      Path images = data.resolve(p.getProperty("eval.images"));
      Path truth = data.resolve(p.getProperty("eval.truth"));
      String key = full ? "eval.mIoU" : "eval.fast.mIoU";
      double recorded = Double.parseDouble(p.getProperty(key));
      double tol = Double.parseDouble(p.getProperty("eval.tolerance", "0.002"));
      if (!full) {
        // one recorded image (and its mask) in folders of their own
        Path img = images.resolve(p.getProperty("eval.fast.image"));
        Path mask = io.alloyflow.segmentation.io.Datasets.findMask(truth, ImageInputs.baseName(img));
        Path i1 = Files.createDirectories(tmp.resolve(e.name() + "-img"));
        Path t1 = Files.createDirectories(tmp.resolve(e.name() + "-truth"));
        Files.copy(img, i1.resolve(img.getFileName()));
        Files.copy(mask, t1.resolve(mask.getFileName()));
        images = i1;
        truth = t1;
      }
      CliTest.Run r = CliTest.run(new EvalSegmentationCommand(), "--model", e.name(), "--images",
          images.toString(), "--truth", truth.toString(), "--format",
          p.getProperty("eval.format", "png"));
      assertEquals(0, r.code(), r.err());
      double miou = new ObjectMapper().readTree(r.out()).get("mIoU").asDouble();
      assertEquals(recorded, miou, tol, e.name() + " " + key + " on " + images + ": " + r.out());
    }
  }
}
