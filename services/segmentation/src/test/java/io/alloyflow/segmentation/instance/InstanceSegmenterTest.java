package io.alloyflow.segmentation.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.segmentation.unet.AugmentationSettings;
import io.alloyflow.segmentation.unet.TrainingConfig;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import io.alloyflow.segmentation.unet.UNetTrainer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.segmentation.cli.SegmentationCliMain;
import io.alloyflow.segmentation.io.LabelImages;
import io.alloyflow.segmentation.io.Masks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End to end: a tiny three-class U-Net + watershed separates touching synthetic particles. */
class InstanceSegmenterTest {

  @TempDir Path tmp;

  /** Touching bright discs in pairs on a noisy background; returns {micrograph, instances}. */
  static Object[] pairs(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] inst = new int[w * h];
    List<double[]> discs = new ArrayList<>();
    for (int gy = 14; gy + 14 < h; gy += 30) {
      for (int gx = 14; gx + 30 < w; gx += 44) {
        double rad = 7 + 3 * r.nextDouble();
        double cx = gx + r.nextDouble() * 4;
        double cy = gy + r.nextDouble() * 4;
        discs.add(new double[] {cx, cy, rad});
        double ang = r.nextDouble() * Math.PI / 3 - Math.PI / 6;
        double rad2 = 6 + 3 * r.nextDouble();
        double d = 0.9 * (rad + rad2);
        discs.add(new double[] {cx + d * Math.cos(ang), cy + d * Math.sin(ang), rad2});
      }
    }
    float[] px = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < discs.size(); i++) {
          double[] c = discs.get(i);
          double dd = Math.hypot(x - c[0], y - c[1]) - c[2];
          if (dd <= 0 && dd < best) {
            best = dd;
            inst[y * w + x] = i + 1;
          }
        }
        // particles are bright with a darker rim, as in SE images of spheres
        double v = 60;
        if (inst[y * w + x] > 0) {
          v = 170 + 40 * best / 10.0;
        }
        px[y * w + x] = (float) (v + 12 * nextGaussian(r));
      }
    }
    return new Object[] {new Micrograph(w, h, px, 8, Double.NaN, SignalType.SE), inst};
  }

  static double nextGaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void touchingParticlesAreSeparated() throws IOException {
    List<Micrograph> imgs = new ArrayList<>();
    List<LabelMap> masks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Object[] d = pairs(128, 96, 10 + i);
      Micrograph m = (Micrograph) d[0];
      imgs.add(m);
      masks.add(new LabelMap(m.width(), m.height(),
          ThreeClassTargets.of((int[]) d[1], m.width(), m.height(), 1),
          ThreeClassTargets.CLASS_NAMES, Double.NaN));
    }
    TrainingConfig cfg =
        new TrainingConfig(new UNetArchitecture(1, 3, 8, 2), ThreeClassTargets.CLASS_NAMES, 48, 4,
            8, 20, 1e-2, 3L, AugmentationSettings.none(), true, 10, 0, 64, 16, 0, true);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    UNetTrainer.train(cfg, imgs, masks, List.of(), List.of(), tmp,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    Object[] test = pairs(176, 96, 99);
    int[] truth = (int[]) test[1];
    try (InstanceSegmenter seg =
        InstanceSegmenter.load(tmp, new InstanceDecoder(0.5, 3, 10), "particle")) {
      InstanceDecoder.Instances d = seg.detect((Micrograph) test[0]);
      InstanceAp ap = new InstanceAp(0.5);
      ap.add(d.labels(), truth, d.scores());
      // separating the pairs is required: merging them would cap AP50 near 0.5
      assertTrue(ap.ap() > 0.8, "AP50 " + ap.ap() + " with " + d.count() + " instances of "
          + ap.truthCount() + "\n" + log.toString(StandardCharsets.UTF_8));
      LabelMap lm = seg.segment((Micrograph) test[0]);
      assertEquals(List.of("background", "particle"), lm.classNames());
    }
    // the same model from the command line: segment --instances, then eval --instances
    Micrograph tm = (Micrograph) test[0];
    int[] gray = new int[tm.pixels().length];
    for (int i = 0; i < gray.length; i++) {
      gray[i] = Math.max(0, Math.min(255, Math.round(tm.pixels()[i])));
    }
    Path in = tmp.resolve("in");
    LabelImages.writePng(gray, tm.width(), tm.height(), in.resolve("pairs.png"));
    LabelImages.writePng(truth, tm.width(), tm.height(), tmp.resolve("truth/pairs.png"));
    Path out = tmp.resolve("out");
    StringWriter err = new StringWriter();
    CommandLine cl = SegmentationCliMain.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute("segment", "--model", tmp.toString(), "--instances",
        "--min-area", "10", in.toString(), "--out", out.toString()), err.toString());
    List<String> rows = Files.readAllLines(out.resolve("particles/pairs.csv"));
    assertTrue(rows.get(0).startsWith("id,score,area_px,equivalent_diameter_px"), rows.get(0));
    assertTrue(rows.size() - 1 >= 0.8 * java.util.Arrays.stream(truth).max().getAsInt(),
        rows.size() - 1 + " particle rows");
    StringWriter evalOut = new StringWriter();
    CommandLine ev = SegmentationCliMain.commandLine();
    ev.setOut(new PrintWriter(evalOut));
    ev.setErr(new PrintWriter(err));
    assertEquals(0, ev.execute("eval", "segmentation", "--pred", out.resolve("instances")
        .toString(), "--truth", tmp.resolve("truth").toString(), "--instances"), err.toString());
    double ap50 = new ObjectMapper().readTree(evalOut.toString()).get("ap50").asDouble();
    assertTrue(ap50 > 0.8, "AP50 from the command line " + ap50 + ": " + evalOut);
  }

  /** Writes a micrograph as an 8-bit PNG. */
  private static void writeGray(Micrograph m, Path png) throws IOException {
    int[] gray = new int[m.pixels().length];
    for (int i = 0; i < gray.length; i++) {
      gray[i] = Math.max(0, Math.min(255, Math.round(m.pixels()[i])));
    }
    LabelImages.writePng(gray, m.width(), m.height(), png);
  }

  @Test
  void halfResolutionPixelClassifierInstanceModelThroughTheCommandLine() throws IOException {
    // train --instances --method pixel-classifier --instance-scale 2 on synthetic touching pairs
    // (discs of radius 6-10 px, so 3-5 px at half resolution), then segment --instances with the
    // recorded scale and decoder and eval --instances at full resolution
    Path imgs = tmp.resolve("train-img");
    Path masks = tmp.resolve("train-mask");
    for (int i = 0; i < 3; i++) {
      Object[] d = pairs(192, 128, 20 + i);
      writeGray((Micrograph) d[0], imgs.resolve("t" + i + ".png"));
      LabelImages.writePng((int[]) d[1], 192, 128, masks.resolve("t" + i + ".png"));
    }
    Path model = tmp.resolve("model");
    StringWriter err = new StringWriter();
    CommandLine tr = SegmentationCliMain.commandLine();
    tr.setOut(new PrintWriter(new StringWriter()));
    tr.setErr(new PrintWriter(err));
    assertEquals(0, tr.execute("train", "segmentation", "--images", imgs.toString(), "--masks",
        masks.toString(), "--instances", "--method", "pixel-classifier", "--instance-scale", "2",
        "--samples", "400", "--auto-context", "0", "--min-area", "16", "--val-split", "0",
        "--out", model.toString()), err.toString());
    InstanceSettings s = InstanceSettings.read(model);
    assertEquals(2, s.scale());
    assertEquals(16, s.minArea());
    assertTrue(Files.isRegularFile(model.resolve(InstanceSegmenter.PIXEL_CLASSIFIER_FILE)));
    Object[] test = pairs(176, 96, 98);
    Micrograph tm = (Micrograph) test[0];
    int[] truth = (int[]) test[1];
    writeGray(tm, tmp.resolve("in/pairs.png"));
    LabelImages.writePng(truth, tm.width(), tm.height(), tmp.resolve("truth/pairs.png"));
    Path out = tmp.resolve("out");
    CommandLine seg = SegmentationCliMain.commandLine();
    seg.setOut(new PrintWriter(new StringWriter()));
    seg.setErr(new PrintWriter(err));
    assertEquals(0, seg.execute("segment", "--model", model.toString(), "--instances",
        tmp.resolve("in").toString(), "--out", out.toString()), err.toString());
    Masks.Mask inst = Masks.readPng(out.resolve("instances/pairs.png"), 1 << 20);
    assertEquals(tm.width(), inst.width(), "instance map at the input's resolution");
    StringWriter evalOut = new StringWriter();
    CommandLine ev = SegmentationCliMain.commandLine();
    ev.setOut(new PrintWriter(evalOut));
    ev.setErr(new PrintWriter(err));
    assertEquals(0, ev.execute("eval", "segmentation", "--pred", out.resolve("instances")
        .toString(), "--truth", tmp.resolve("truth").toString(), "--instances"), err.toString());
    double ap50 = new ObjectMapper().readTree(evalOut.toString()).get("ap50").asDouble();
    // merging the touching pairs would cap AP50 near 0.5
    assertTrue(ap50 > 0.75, "AP50 of the half-resolution pixel-classifier model " + ap50 + ": "
        + evalOut + err);
  }

  @Test
  void resamplingKeepsConstantsAndRampsAndSettingsValidate() {
    float[][] flat = {{0.25f, 0.25f, 0.25f, 0.25f}};
    float[][] up = Resampling.upsample(flat, 2, 2, 5, 3);
    for (float v : up[0]) {
      assertEquals(0.25f, v, 1e-6f);
    }
    // a ramp along x, box-averaged 2x, then upsampled, stays a ramp away from the edges
    float[] px = new float[16 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = i % 16;
    }
    Micrograph m = new Micrograph(16, 4, px, 8, 1e-6, SignalType.SE);
    Micrograph half = Resampling.downsample(m, 2);
    assertEquals(8, half.width());
    assertEquals(2e-6, half.pixelSizeM(), 1e-12);
    assertEquals(0.5f, half.pixels()[0], 1e-6f);
    float[][] back = Resampling.upsample(new float[][] {half.pixels()}, 8, 2, 16, 4);
    for (int x = 1; x < 15; x++) {
      assertEquals(x, back[0][x], 1e-4f, "x " + x);
    }
    int[] lab = {1, 1, 2, 2, 1, 1, 2, 2};
    assertEquals(List.of(1, 2), java.util.Arrays.stream(Resampling.downsampleLabels(lab, 4, 2, 2))
        .boxed().toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InstanceSettings.of("particle", 0, 1, false, 0.5, 20));
    assertTrue(e.getMessage().contains("scale"), e.getMessage());
  }

  @Test
  void twoClassModelIsRejected() throws IOException {
    Object[] d = pairs(64, 64, 1);
    Micrograph m = (Micrograph) d[0];
    int[] bin = ((int[]) d[1]).clone();
    for (int i = 0; i < bin.length; i++) {
      bin[i] = bin[i] > 0 ? 1 : 0;
    }
    TrainingConfig cfg =
        new TrainingConfig(new UNetArchitecture(1, 2, 4, 1), List.of("bg", "fg"), 32, 2, 1, 1,
            1e-2, 3L, AugmentationSettings.none(), false, 10, 0, 32, 8, 0, false);
    UNetTrainer.train(cfg, List.of(m), List.of(new LabelMap(64, 64, bin, List.of("bg", "fg"),
        Double.NaN)), List.of(), List.of(), tmp, new PrintStream(new ByteArrayOutputStream()));
    try (UNetSegmenter u = UNetSegmenter.load(tmp)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class,
              () -> new InstanceSegmenter(u, new InstanceDecoder(0.5, 3, 10), "p"));
      assertTrue(e.getMessage().contains("3-class"), e.getMessage());
    }
  }
}
