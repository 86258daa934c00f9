package io.alloyflow.segmentation.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.segmentation.unet.AugmentationSettings;
import io.alloyflow.segmentation.unet.ExternalTraining;
import io.alloyflow.segmentation.unet.PixelScores;
import io.alloyflow.segmentation.unet.TiledPredictor;
import io.alloyflow.segmentation.unet.TrainingConfig;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import io.alloyflow.segmentation.unet.UNetTrainer;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Cross-validated instance-segmentation benchmark on the AMPIS powder tiles (Cohn et al. 2021,
 * JOM 73, 2159-2172; run by {@code bench/unet/ampis.sh}, not by the unit tests). For one object
 * kind ("particle" or "satellite"), the annotated tiles are split round-robin into k folds; for
 * each fold a three-class U-Net is trained on the other tiles (no access to the held-out tile) and
 * the held-out tiles are decoded into instances. Mask AP50 is pooled over all held-out tiles.
 *
 * <p>Options ({@code --name value}): data (ampis-powder folder), kind, folds, out (folder for the
 * fold models), minutes (training budget per fold), crop, batch, base, depth, lr, seed, steps,
 * epochs, downsample (integer factor applied to images and masks), boundary (width in pixels),
 * seedThreshold, minArea, minSeedArea, classWeighting, maxClassWeight, evalOnly (true: evaluate
 * the fold models already in out), report (JSON file), export (folder: write each fold's training
 * tiles and three-class targets, and its held-out tiles, as {@code .npz} for {@code
 * bench/unet/gpu/} and stop; the held-out tiles are for the trainer's log only).
 */
public final class AmpisBenchmark {

  private AmpisBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path data = Path.of(o.getOrDefault("data", "../shared/data/segmentation/ampis-powder"));
    String kind = o.getOrDefault("kind", "particle");
    Path via =
        data.resolve(
            kind.equals("particle")
                ? "via_powder_particle_masks_training.json"
                : "via_powder_satellite_masks_training.json");
    int folds = Integer.parseInt(o.getOrDefault("folds", "4"));
    int down = Integer.parseInt(o.getOrDefault("downsample", "1"));
    int boundary = Integer.parseInt(o.getOrDefault("boundary", "2"));
    Path out = Path.of(o.getOrDefault("out", "/work/models/unet-ampis-" + kind));
    InstanceDecoder dec =
        new InstanceDecoder(
            Double.parseDouble(o.getOrDefault("seedThreshold", "0.5")),
            Integer.parseInt(o.getOrDefault("minSeedArea", "4")),
            Integer.parseInt(o.getOrDefault("minArea", "12")));

    Map<String, List<ViaPolygons.Polygon>> ann = ViaPolygons.read(via);
    List<String> names = new ArrayList<>(ann.keySet());
    names.sort(null);
    List<Micrograph> imgs = new ArrayList<>();
    List<int[]> inst = new ArrayList<>();
    for (String n : names) {
      Micrograph m = readGray(data.resolve("images").resolve(n));
      int[] im = ViaPolygons.rasterize(ann.get(n), m.width(), m.height());
      if (down > 1) {
        int[] dm = new int[(m.width() / down) * (m.height() / down)];
        m = downsample(m, down, im, dm);
        im = dm;
      }
      imgs.add(m);
      inst.add(im);
    }
    System.out.printf("AMPIS %s: %d annotated tiles, %d folds, downsample %d%n", kind, names.size(),
        folds, down);
    UNetArchitecture arch =
        new UNetArchitecture(1, 3, Integer.parseInt(o.getOrDefault("base", "16")),
            Integer.parseInt(o.getOrDefault("depth", "4")));
    TrainingConfig cfg =
        TrainingConfig.defaults(arch, ThreeClassTargets.CLASS_NAMES)
            .withEpochs(Integer.parseInt(o.getOrDefault("epochs", "100")),
                Integer.parseInt(o.getOrDefault("steps", "20")))
            .withCrop(Integer.parseInt(o.getOrDefault("crop", "256")),
                Integer.parseInt(o.getOrDefault("batch", "4")))
            .withLearningRate(Double.parseDouble(o.getOrDefault("lr", "1e-3")))
            .withSeed(Long.parseLong(o.getOrDefault("seed", "42")))
            .withAugmentation(AugmentationSettings.defaults())
            .withClassWeighting(
                Boolean.parseBoolean(o.getOrDefault("classWeighting", "true")),
                Double.parseDouble(o.getOrDefault("maxClassWeight", "10")))
            .withPatience(0)
            .withTiling(512, 64)
            .withMaxSeconds(60 * Double.parseDouble(o.getOrDefault("minutes", "4")));
    InstanceAp ap = new InstanceAp(0.5);
    long[][] cm = new long[3][3];
    List<Map<String, Object>> perTile = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      List<Micrograph> tr = new ArrayList<>();
      List<LabelMap> tm = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (i % folds == f) {
          test.add(i);
        } else {
          Micrograph m = imgs.get(i);
          tr.add(m);
          tm.add(new LabelMap(m.width(), m.height(),
              ThreeClassTargets.of(inst.get(i), m.width(), m.height(), boundary),
              ThreeClassTargets.CLASS_NAMES, m.pixelSizeM()));
        }
      }
      if (test.isEmpty()) {
        continue;
      }
      if (o.containsKey("export")) {
        List<ExternalTraining.Labelled> items = new ArrayList<>();
        for (int i = 0; i < tr.size(); i++) {
          items.add(new ExternalTraining.Labelled("train", "train" + i, tr.get(i), tm.get(i)));
        }
        for (int i : test) {
          Micrograph m = imgs.get(i);
          items.add(new ExternalTraining.Labelled("test", names.get(i), m,
              new LabelMap(m.width(), m.height(),
                  ThreeClassTargets.of(inst.get(i), m.width(), m.height(), boundary),
                  ThreeClassTargets.CLASS_NAMES, m.pixelSizeM())));
        }
        Path npz = Path.of(o.get("export")).resolve("ampis-" + kind + "-fold" + f + ".npz");
        ExternalTraining.exportDataset(items, npz);
        System.out.printf("fold %d: exported %d training and %d held-out tiles to %s%n", f,
            tr.size(), test.size(), npz);
        continue;
      }
      Path foldDir = out.resolve("fold" + f);
      System.out.printf("fold %d: train on %d tiles, test on %s%n", f, tr.size(),
          test.stream().map(names::get).toList());
      if (!Boolean.parseBoolean(o.getOrDefault("evalOnly", "false"))) {
        UNetTrainer.train(cfg, tr, tm, List.of(), List.of(), foldDir, System.out);
      }
      try (UNetSegmenter seg = UNetSegmenter.load(foldDir)) {
        for (int i : test) {
          Micrograph m = imgs.get(i);
          TiledPredictor.Result r = seg.predict(m, true);
          InstanceDecoder.Instances d = dec.decode(r.probabilities(), m.width(), m.height());
          InstanceAp one = new InstanceAp(0.5);
          one.add(d.labels(), inst.get(i), d.scores());
          ap.add(d.labels(), inst.get(i), d.scores());
          int[] truth3 = ThreeClassTargets.of(inst.get(i), m.width(), m.height(), boundary);
          PixelScores.accumulate(cm, r.labels(), truth3);
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("tile", names.get(i));
          t.put("fold", f);
          t.put("truthInstances", one.truthCount());
          t.put("predictedInstances", d.count());
          t.put("ap50", one.ap());
          perTile.add(t);
          System.out.printf("  %s: %d true, %d predicted, AP50 %.3f%n", names.get(i),
              one.truthCount(), d.count(), one.ap());
        }
      }
    }
    if (o.containsKey("export")) {
      return;
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("kind", kind);
    report.put("folds", folds);
    report.put("downsample", down);
    report.put("boundaryWidth", boundary);
    report.put("decoder", dec);
    report.put("training", cfg);
    report.put("ap50Pooled", ap.ap());
    report.put("truthInstances", ap.truthCount());
    report.put("detections", ap.detectionCount());
    PixelScores ps = PixelScores.fromConfusion(cm);
    report.put("threeClassPixelMIoU", ps.meanIoU());
    report.put("threeClassPerClassIoU", ps.perClassIoU());
    report.put("perTile", perTile);
    report.put("anchor", "Mask R-CNN AP50 67.2 overall, satellites 74.5 (Cohn et al. 2021)");
    String json =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    System.out.println(json);
    if (o.containsKey("report")) {
      Files.writeString(Path.of(o.get("report")), json);
    }
  }

  static Micrograph readGray(Path p) throws IOException {
    BufferedImage img = ImageIO.read(p.toFile());
    if (img == null) {
      throw new IOException("not a readable image: " + p);
    }
    Raster r = img.getRaster();
    int w = img.getWidth();
    int h = img.getHeight();
    float[] px = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int b = 0; b < Math.min(3, r.getNumBands()); b++) {
          s += r.getSample(x, y, b);
        }
        px[y * w + x] = (float) (s / Math.min(3, r.getNumBands()));
      }
    }
    return new Micrograph(w, h, px, 8, Double.NaN, SignalType.SE);
  }

  /** Box-average image downsampling; the instance map takes the centre-ish (top-left) sample. */
  static Micrograph downsample(Micrograph m, int f, int[] inst, int[] instOut) {
    int w = m.width() / f;
    int h = m.height() / f;
    float[] px = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int dy = 0; dy < f; dy++) {
          for (int dx = 0; dx < f; dx++) {
            s += m.at(x * f + dx, y * f + dy);
          }
        }
        px[y * w + x] = s / (f * f);
        instOut[y * w + x] = inst[(y * f + f / 2) * m.width() + x * f + f / 2];
      }
    }
    return new Micrograph(w, h, px, m.bitDepth(), m.pixelSizeM() * f, m.signal());
  }
}
