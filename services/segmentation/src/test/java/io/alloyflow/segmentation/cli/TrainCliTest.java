package io.alloyflow.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.unet.UNetModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user of {@code train segmentation} sees: help, progress, validation, checkpoints. */
class TrainCliTest {
  @TempDir Path tmp;

  @Test
  void helpShowsEveryOptionWithDescriptionDefaultsAndMethodGroups() {
    CliTest.Run r = CliTest.run(new TrainSegmentationCommand(), "--help");
    assertEquals(0, r.code());
    String h = r.out();
    int pcHeading = h.indexOf("Pixel classifier options:");
    int unetHeading = h.indexOf("U-Net options:");
    assertTrue(pcHeading > 0 && unetHeading > pcHeading, h);
    // tree depth sits with the pixel classifier, the U-Net options in their own group
    int depth = h.lastIndexOf("--depth=");
    assertTrue(depth > pcHeading && depth < unetHeading, h);
    for (String o : new String[] {"--epochs=", "--crop=", "--batch=", "--learning-rate=",
        "--init-from=", "--patience="}) {
      assertTrue(h.lastIndexOf(o) > unetHeading, o + " not in the U-Net group:\n" + h);
    }
    for (String d : new String[] {"Default: 80", "Default: 6", "Default: 3000", "Default: 42",
        "Default: 30", "Default: 0.2", "Default: 128", "Default: 0.002"}) {
      assertTrue(h.contains(d), "missing '" + d + "' in help:\n" + h);
    }
    assertTrue(h.contains("--max-minutes=") && h.contains("--val-split="), h);
  }

  @Test
  void pixelClassifierHoldsOutImagesReportsProgressAndPerClassIoU() throws Exception {
    Path imgs = tmp.resolve("imgs");
    Path masks = tmp.resolve("masks");
    new CliTest().dataset(imgs, masks, 5);
    Path model = tmp.resolve("pc.zip");
    CliTest.Run t = CliTest.run(new TrainSegmentationCommand(), "--images", imgs.toString(),
        "--masks", masks.toString(), "--out", model.toString(), "--trees", "10", "--samples",
        "300");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.err().contains("training on 4 images, validating on held-out [img"), t.err());
    assertTrue(t.err().contains("[pixel-classifier 100%]") && t.err().contains("s left"), t.err());
    assertTrue(t.err().contains("IoU class0") && t.err().contains("IoU class1"), t.err());
    assertEquals(model.toString(), t.out().trim());
    // no temporary file is left beside the model
    try (var files = Files.list(tmp)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".part")));
    }
    CliTest.Run bad = CliTest.run(new TrainSegmentationCommand(), "--images", imgs.toString(),
        "--masks", masks.toString(), "--out", model.toString(), "--val-split", "1.5");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--val-split must be in [0, 1)"), bad.err());
  }

  @Test
  void unetTrainsWithItsOptionsKeepsABestCheckpointAndAutoRecommends() throws Exception {
    Path imgs = tmp.resolve("u-imgs");
    Path masks = tmp.resolve("u-masks");
    new CliTest().dataset(imgs, masks, 3);
    Path out = tmp.resolve("auto");
    CliTest.Run t = CliTest.run(new TrainSegmentationCommand(), "--images", imgs.toString(),
        "--masks", masks.toString(), "--out", out.toString(), "--method", "auto", "--trees", "10",
        "--samples", "300", "--epochs", "2", "--steps-per-epoch", "2", "--crop", "32", "--batch",
        "2", "--learning-rate", "0.005", "--patience", "0");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.err().contains("epoch 2/2") && t.err().contains("s left at most"), t.err());
    assertTrue(t.err().contains("unet validation") && t.err().contains("pixel-classifier validation"),
        t.err());
    assertTrue(t.err().contains("recommended: "), t.err());
    assertTrue(Files.isRegularFile(out.resolve("pixel-classifier.zip")));
    assertTrue(Files.isRegularFile(out.resolve("RECOMMENDED.txt")));
    UNetModelCard card = UNetModelCard.read(out.resolve("unet"));
    assertEquals(32, card.training().cropSize());
    assertEquals(2, card.training().batchSize());
    assertEquals(0.005, card.training().learningRate(), 1e-12);
    assertTrue(card.bestEpoch() >= 1 && card.bestEpoch() <= 2, "best epoch " + card.bestEpoch());
    assertFalse(Files.exists(out.resolve("unet").resolve(".staging")), "staging folder removed");
    // the auto folder is also an ensemble of the two, weighted on the validation images
    assertTrue(t.err().contains("ensemble validation"), t.err());
    assertTrue(Files.isRegularFile(out.resolve("ensemble.json")));
    assertEquals("ensemble", ModelArgs.methodOf(out));
    Path segOut = tmp.resolve("auto-seg");
    CliTest.Run s = CliTest.run(new SegmentCommand(), imgs.toString(), "--model", out.toString(),
        "--out", segOut.toString());
    assertEquals(0, s.code(), s.err());
    assertTrue(Files.readString(segOut.resolve("measurements.json"))
        .contains("ensemble-pixel-classifier-unet"));
  }

  @Test
  void instancesTrainAThreeClassUNetForSegmentInstances()
      throws Exception {
    Path imgs = tmp.resolve("i-imgs");
    Path masks = tmp.resolve("i-masks");
    new CliTest().dataset(imgs, masks, 3);
    Path out = tmp.resolve("inst");
    CliTest.Run t = CliTest.run(new TrainSegmentationCommand(), "--images", imgs.toString(),
        "--masks", masks.toString(), "--out", out.toString(), "--instances", "--epochs", "1",
        "--steps-per-epoch", "2", "--crop", "32", "--batch", "2", "--patience", "0");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.err().contains("IoU boundary"), t.err());
    assertEquals(List.of("background", "inside", "boundary"),
        UNetModelCard.read(out).classNames());
    Path seg = tmp.resolve("inst-seg");
    CliTest.Run s = CliTest.run(new SegmentCommand(), "--model", out.toString(), "--instances",
        imgs.toString(), "--out", seg.toString());
    assertEquals(0, s.code(), s.err());
    try (var files = Files.list(seg.resolve("particles"))) {
      assertEquals(3, files.count(), "one particle CSV per image");
    }
    try (var files = Files.list(seg.resolve("instances"))) {
      assertEquals(3, files.count(), "one instance map per image");
    }
    CliTest.Run bad = CliTest.run(new TrainSegmentationCommand(), "--images", imgs.toString(),
        "--masks", masks.toString(), "--out", out.toString(), "--instances", "--format", "nasa");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("instance-id masks"), bad.err());
  }
}
