package io.alloyflow.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.segmentation.Fixtures;
import io.alloyflow.segmentation.io.LabelImages;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(Object cmd, String... args) {
    CommandLine cl = new CommandLine(cmd);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Writes n synthetic two-phase images and their truth masks. */
  void dataset(Path imgs, Path masks, int n) throws Exception {
    Files.createDirectories(imgs);
    Files.createDirectories(masks);
    for (int k = 0; k < n; k++) {
      int w = 96;
      int h = 80;
      int[] d = Fixtures.disks(w, h, Fixtures.randomDisks(w, h, 6, 6, 12, k));
      int[] c = new int[d.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = d[i] > 0 ? 1 : 0;
      }
      float[] px = Fixtures.render(c, new double[] {70, 170}, 12, k);
      for (int i = 0; i < px.length; i++) {
        px[i] = Math.max(0, Math.min(255, Math.round(px[i])));
      }
      MicrographIO.writePng(new Micrograph(w, h, px, 8, 1e-6, SignalType.BSE), imgs.resolve("img" + k + ".png"));
      LabelImages.writePng(c, w, h, masks.resolve("img" + k + ".png"));
    }
  }

  @Test
  void segmentTrainAndEvaluateEndToEnd() throws Exception {
    Path imgs = tmp.resolve("imgs");
    Path masks = tmp.resolve("masks");
    dataset(imgs, masks, 3);
    Path out = tmp.resolve("out");
    Run r = run(new SegmentCommand(), "--method", "otsu", imgs.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(out.resolve("img0.png")));
    JsonNode m = new ObjectMapper().readTree(out.resolve("measurements.json").toFile());
    assertEquals(3, m.get("images").size());
    assertEquals(2, m.get("images").get(0).get("phaseFractions").size());
    Run e = run(new EvalSegmentationCommand(), "--pred", out.toString(), "--truth", masks.toString());
    assertEquals(0, e.code(), e.err());
    JsonNode metrics = new ObjectMapper().readTree(e.out());
    for (String key : new String[] {"pixelAccuracy", "mIoU", "perClassIoU", "f1Macro"}) {
      assertTrue(metrics.has(key), "missing " + key);
    }
    assertTrue(!metrics.has("ap50") && !metrics.has("aji"),
        "semantic evaluation prints no instance scores: " + e.out());
    assertTrue(metrics.get("mIoU").asDouble() > 0.95, e.out());
    Run ei = run(new EvalSegmentationCommand(), "--pred", out.toString(), "--truth",
        masks.toString(), "--instances");
    assertTrue(new ObjectMapper().readTree(ei.out()).has("ap50"), ei.out());
    Path model = tmp.resolve("pc.zip");
    Run t = run(new TrainSegmentationCommand(), "--images", imgs.toString(), "--masks",
        masks.toString(), "--out", model.toString(), "--trees", "20", "--samples", "500");
    assertEquals(0, t.code(), t.err());
    Path out2 = tmp.resolve("out2");
    Run s2 = run(new SegmentCommand(), "--method", "pixel-classifier", "--model", model.toString(),
        imgs.toString(), "--out", out2.toString());
    assertEquals(0, s2.code(), s2.err());
    Run e2 = run(new EvalSegmentationCommand(), "--pred", out2.toString(), "--truth", masks.toString());
    assertTrue(new ObjectMapper().readTree(e2.out()).get("mIoU").asDouble() > 0.95, e2.out());
  }

  /** Rewrites every PNG of a folder as JPEG (gray) or BMP (RGB), removing the PNGs. */
  static void convert(Path dir, String fmt) throws Exception {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        BufferedImage g = ImageIO.read(p.toFile());
        BufferedImage img = g;
        if (fmt.equals("bmp")) {
          img = new BufferedImage(g.getWidth(), g.getHeight(), BufferedImage.TYPE_INT_RGB);
          img.getGraphics().drawImage(g, 0, 0, null);
        }
        String base = p.getFileName().toString().replace(".png", "");
        assertTrue(ImageIO.write(img, fmt, dir.resolve(base + "." + (fmt.equals("jpeg") ? "jpg" : fmt)).toFile()));
        Files.delete(p);
      }
    }
  }

  @Test
  void jpegAndRgbBmpMicrographsAreReadByTrainSegmentAndEval() throws Exception {
    Path bmp = tmp.resolve("bmp");
    Path masks = tmp.resolve("bmp-masks");
    dataset(bmp, masks, 2);
    convert(bmp, "bmp");
    Path jpg = tmp.resolve("jpg");
    Path jmasks = tmp.resolve("jpg-masks");
    dataset(jpg, jmasks, 2);
    convert(jpg, "jpeg");
    Path model = tmp.resolve("fmt.zip");
    Run t = run(new TrainSegmentationCommand(), "--images", bmp.toString(), "--masks",
        masks.toString(), "--out", model.toString(), "--trees", "15", "--samples", "400");
    assertEquals(0, t.code(), t.err());
    Path out = tmp.resolve("fmt-out");
    Run s = run(new SegmentCommand(), "--method", "pixel-classifier", "--model", model.toString(),
        jpg.toString(), "--out", out.toString());
    assertEquals(0, s.code(), s.err());
    assertTrue(Files.exists(out.resolve("img0.png")), "one label PNG per JPEG");
    Run e = run(new EvalSegmentationCommand(), "--pred", out.toString(), "--truth", jmasks.toString());
    assertTrue(new ObjectMapper().readTree(e.out()).get("mIoU").asDouble() > 0.9, e.out());
  }

  @Test
  void pixelClassifierTrainsWithAutoContextAndCalibration() throws Exception {
    Path imgs = tmp.resolve("ac-imgs");
    Path masks = tmp.resolve("ac-masks");
    dataset(imgs, masks, 2);
    Path cimgs = tmp.resolve("ac-cal-imgs");
    Path cmasks = tmp.resolve("ac-cal-masks");
    dataset(cimgs, cmasks, 1);
    Path model = tmp.resolve("pc-ac.zip");
    Run t = run(new TrainSegmentationCommand(), "--images", imgs.toString(), "--masks",
        masks.toString(), "--out", model.toString(), "--trees", "15", "--samples", "400",
        "--auto-context", "1", "--min-region", "8", "--calibration-images", cimgs.toString(),
        "--calibration-masks", cmasks.toString());
    assertEquals(0, t.code(), t.err());
    Path out = tmp.resolve("ac-out");
    Run s = run(new SegmentCommand(), "--method", "pixel-classifier", "--model", model.toString(),
        imgs.toString(), "--out", out.toString());
    assertEquals(0, s.code(), s.err());
    Run e = run(new EvalSegmentationCommand(), "--pred", out.toString(), "--truth", masks.toString());
    assertTrue(new ObjectMapper().readTree(e.out()).get("mIoU").asDouble() > 0.95, e.out());
    Run bad = run(new TrainSegmentationCommand(), "--images", imgs.toString(), "--masks",
        masks.toString(), "--out", tmp.resolve("x.zip").toString(), "--calibration-images",
        cimgs.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--calibration-images and --calibration-masks"), bad.err());
  }

  @Test
  void badInputGivesOneLineErrorAndExitCode2() throws Exception {
    Path out = tmp.resolve("o");
    Path empty = Files.createFile(tmp.resolve("empty.tif"));
    Run r = run(new SegmentCommand(), empty.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("empty") && r.err().trim().lines().count() == 1, r.err());
    Path text = Files.writeString(tmp.resolve("x.png"), "not an image at all");
    r = run(new SegmentCommand(), text.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("not an image"), r.err());
    BufferedImage rgb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(3, 3, 0xff0000);
    Path colour = tmp.resolve("colour.png");
    ImageIO.write(rgb, "png", colour.toFile());
    r = run(new SegmentCommand(), colour.toString(), "--out", out.toString());
    assertEquals(0, r.code(), "colour is read as BT.601 luma: " + r.err());
    Path gif = Files.write(tmp.resolve("x.gif"), "GIF89a....".getBytes());
    r = run(new SegmentCommand(), gif.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("x.gif") && r.err().contains("JPEG or BMP"), r.err());
    Path imgs = tmp.resolve("imgs");
    Path masks = tmp.resolve("masks");
    dataset(imgs, masks, 1);
    r = run(new SegmentCommand(), "--max-pixels", "100", imgs.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("pixels (read limit)"), r.err());
    // truth mask of another size
    LabelImages.writePng(new int[10 * 10], 10, 10, masks.resolve("img0.png"));
    Path pred = tmp.resolve("pred");
    run(new SegmentCommand(), imgs.toString(), "--out", pred.toString());
    Run e = run(new EvalSegmentationCommand(), "--pred", pred.toString(), "--truth", masks.toString());
    assertEquals(2, e.code());
    assertTrue(e.err().contains("mismatch"), e.err());
    r = run(new SegmentCommand(), "--method", "watershed-magic", imgs.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown segmentation method"), r.err());
    r = run(new SegmentCommand(), "--method", "pixel-classifier", imgs.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("needs a trained model"), r.err());
  }
}
