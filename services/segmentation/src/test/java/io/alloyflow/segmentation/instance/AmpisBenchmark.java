package io.alloyflow.segmentation.instance;

import io.alloyflow.segmentation.io.ViaAnnotations;
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
import io.alloyflow.segmentation.metrics.InstanceMetrics;
import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifierTrainer;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
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
 * each fold a three-class model is trained on the other tiles (no access to the held-out tile) at
 * 1/downsample resolution, and the held-out tiles are decoded as {@code segment --instances} does
 * ({@link InstanceSegmenter}): probabilities upsampled to the full grid, watershed there, scored
 * against the full-resolution polygon raster. Mask AP50 (score-ranked) is pooled over all held-out
 * tiles; the per-tile area-ranked AP50 and AJI+ of {@code eval segmentation --instances} are
 * reported too, and a grid of decoder settings (for information: chosen on held-out tiles it
 * would be optimistic).
 *
 * <p>Options ({@code --name value}): data (ampis-powder folder), kind, folds, out (folder for the
 * fold models), method (unet, or pixel: the XGBoost pixel classifier with its ilastik features on
 * the same three classes; options trees, treeDepth, samples, autoContext), minutes (U-Net training
 * budget per fold), crop, batch, base, depth, lr, seed, steps, epochs, downsample (integer factor
 * applied to the training images and masks and at inference), boundary (width in pixels of the
 * downsampled grid), onlyFolds (comma-separated fold indices to run, for screening),
 * touchingOnly (true: boundary only along contacts between objects),
 * seedThreshold, minArea, minSeedArea (full-resolution pixels),
 * classWeighting, maxClassWeight, evalOnly (true: evaluate the fold models already in out), report
 * (JSON file), saveProbs (folder: each held-out tile's upsampled probabilities and truth as raw
 * float32, for decoder studies), export (folder: write each fold's training tiles and three-class targets, and its
 * held-out tiles, as {@code .npz} for {@code bench/unet/gpu/} and stop; the held-out tiles are for
 * the trainer's log only).
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
    boolean touching = Boolean.parseBoolean(o.getOrDefault("touchingOnly", "false"));
    Path out = Path.of(o.getOrDefault("out", "/work/models/unet-ampis-" + kind));
    InstanceDecoder dec =
        new InstanceDecoder(
            Double.parseDouble(o.getOrDefault("seedThreshold", "0.5")),
            Integer.parseInt(o.getOrDefault("minSeedArea", "4")),
            Integer.parseInt(o.getOrDefault("minArea", "12")));

    Map<String, List<ViaAnnotations.Region>> ann = ViaAnnotations.read(via);
    List<String> names = new ArrayList<>(ann.keySet());
    names.sort(null);
    // full-resolution images and truth (the CLI path's grid); the network sees them / down
    List<Micrograph> imgs = new ArrayList<>();
    List<int[]> inst = new ArrayList<>();
    for (String n : names) {
      Micrograph m = readGray(data.resolve("images").resolve(n));
      imgs.add(m);
      inst.add(ViaAnnotations.rasterise(ann.get(n), m.width(), m.height()));
    }
    String method = o.getOrDefault("method", "unet");
    System.out.printf("AMPIS %s: %d annotated tiles, %d folds, downsample %d, method %s%n", kind,
        names.size(), folds, down, method);
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
    double[] thresholds = {0.4, 0.5, 0.7};
    int[] minAreas = {dec.minArea() / 2, dec.minArea()};
    InstanceAp ap = new InstanceAp(0.5);
    InstanceAp[][] grid = new InstanceAp[thresholds.length][minAreas.length];
    for (InstanceAp[] row : grid) {
      for (int j = 0; j < row.length; j++) {
        row[j] = new InstanceAp(0.5);
      }
    }
    double cliApSum = 0;
    double ajiSum = 0;
    long[][] cm = new long[3][3];
    List<Map<String, Object>> perTile = new ArrayList<>();
    List<Map<String, Object>> perFold = new ArrayList<>();
    java.util.Set<Integer> only = new java.util.HashSet<>();
    for (String x : o.getOrDefault("onlyFolds", "").split(",")) {
      if (!x.isBlank()) {
        only.add(Integer.parseInt(x.trim()));
      }
    }
    for (int f = 0; f < folds; f++) {
      if (!only.isEmpty() && !only.contains(f)) {
        continue;
      }
      List<Micrograph> tr = new ArrayList<>();
      List<LabelMap> tm = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (i % folds == f) {
          test.add(i);
        } else {
          Micrograph m = Resampling.downsample(imgs.get(i), down);
          int[] im = Resampling.downsampleLabels(inst.get(i), imgs.get(i).width(),
              imgs.get(i).height(), down);
          tr.add(m);
          tm.add(new LabelMap(m.width(), m.height(),
              ThreeClassTargets.of(im, m.width(), m.height(), boundary, touching),
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
          Micrograph m = Resampling.downsample(imgs.get(i), down);
          int[] im = Resampling.downsampleLabels(inst.get(i), imgs.get(i).width(),
              imgs.get(i).height(), down);
          items.add(new ExternalTraining.Labelled("test", names.get(i), m,
              new LabelMap(m.width(), m.height(),
                  ThreeClassTargets.of(im, m.width(), m.height(), boundary),
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
      long t0 = System.nanoTime();
      java.util.function.Function<Micrograph, float[][]> probs;
      AutoCloseable closer = () -> {};
      if (method.equals("pixel")) {
        List<TrainingImage> ti = new ArrayList<>();
        for (int i = 0; i < tr.size(); i++) {
          Micrograph m = tr.get(i);
          ti.add(new TrainingImage(m.pixels(), m.width(), m.height(), tm.get(i).labels(), false,
              "train" + i));
        }
        PixelClassifier pc = PixelClassifierTrainer.train(ti, ThreeClassTargets.CLASS_NAMES,
            FeatureBank.ilastik(),
            new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST,
                Integer.parseInt(o.getOrDefault("trees", "80")),
                Integer.parseInt(o.getOrDefault("treeDepth", "6")),
                Integer.parseInt(o.getOrDefault("samples", "3000")), 42L, 2)
                .withRefinement(Integer.parseInt(o.getOrDefault("autoContext", "1")), false, 0));
        probs = m -> pc.probabilities(m.pixels(), m.width(), m.height());
      } else {
        if (!Boolean.parseBoolean(o.getOrDefault("evalOnly", "false"))) {
          UNetTrainer.train(cfg, tr, tm, List.of(), List.of(), foldDir, System.out);
        }
        UNetSegmenter seg = UNetSegmenter.load(foldDir);
        probs = m -> seg.predict(m, true).probabilities();
        closer = seg;
      }
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      double foldCliAp = 0;
      InstanceAp foldAp = new InstanceAp(0.5);
      for (int i : test) {
        Micrograph full = imgs.get(i);
        Micrograph m = Resampling.downsample(full, down);
        float[][] p = Resampling.upsample(probs.apply(m), m.width(), m.height(), full.width(),
            full.height());
        if (o.containsKey("saveProbs")) {
          saveFloats(Path.of(o.get("saveProbs")).resolve(names.get(i) + ".probs.bin"), p);
          saveFloats(Path.of(o.get("saveProbs")).resolve(names.get(i) + ".truth.bin"),
              new float[][] {toFloat(inst.get(i))});
        }
        InstanceDecoder.Instances d = dec.decode(p, full.width(), full.height());
        InstanceAp one = new InstanceAp(0.5);
        one.add(d.labels(), inst.get(i), d.scores());
        ap.add(d.labels(), inst.get(i), d.scores());
        foldAp.add(d.labels(), inst.get(i), d.scores());
        for (int a = 0; a < thresholds.length; a++) {
          for (int b = 0; b < minAreas.length; b++) {
            InstanceDecoder.Instances g = new InstanceDecoder(thresholds[a],
                Math.max(1, minAreas[b] / 3), Math.max(1, minAreas[b]))
                .decode(p, full.width(), full.height());
            grid[a][b].add(g.labels(), inst.get(i), g.scores());
          }
        }
        double cliAp = InstanceMetrics.ap50(d.labels(), inst.get(i), null);
        double aji = InstanceMetrics.ajiPlus(d.labels(), inst.get(i));
        cliApSum += cliAp;
        ajiSum += aji;
        foldCliAp += cliAp;
        int[] truth3 = ThreeClassTargets.of(inst.get(i), full.width(), full.height(),
            boundary * down, touching);
        PixelScores.accumulate(cm, PixelClassifier.argMax(p), truth3);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("tile", names.get(i));
        t.put("fold", f);
        t.put("truthInstances", one.truthCount());
        t.put("predictedInstances", d.count());
        t.put("ap50", one.ap());
        t.put("ap50AreaRanked", cliAp);
        t.put("ajiPlus", aji);
        perTile.add(t);
        System.out.printf("  %s: %d true, %d predicted, AP50 %.3f (area-ranked %.3f), AJI+ %.3f%n",
            names.get(i), one.truthCount(), d.count(), one.ap(), cliAp, aji);
      }
      closer.close();
      Map<String, Object> fr = new LinkedHashMap<>();
      fr.put("fold", f);
      fr.put("trainSeconds", trainSeconds);
      fr.put("ap50", foldAp.ap());
      fr.put("ap50AreaRankedMean", foldCliAp / test.size());
      perFold.add(fr);
      System.out.printf("fold %d: AP50 %.4f, %.0f s training%n", f, foldAp.ap(), trainSeconds);
    }
    if (o.containsKey("export")) {
      return;
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("kind", kind);
    report.put("method", method);
    report.put("folds", folds);
    report.put("downsample", down);
    report.put("boundaryWidth", boundary);
    report.put("boundaryTouchingOnly", touching);
    report.put("decoder", dec);
    report.put("training", cfg);
    report.put("ap50Pooled", ap.ap());
    report.put("ap50AreaRankedMeanPerTile", cliApSum / perTile.size());
    report.put("ajiPlusMeanPerTile", ajiSum / perTile.size());
    report.put("truthInstances", ap.truthCount());
    report.put("detections", ap.detectionCount());
    PixelScores ps = PixelScores.fromConfusion(cm);
    report.put("threeClassPixelMIoU", ps.meanIoU());
    report.put("threeClassPerClassIoU", ps.perClassIoU());
    Map<String, Double> g = new LinkedHashMap<>();
    for (int a = 0; a < thresholds.length; a++) {
      for (int b = 0; b < minAreas.length; b++) {
        g.put("seed" + thresholds[a] + "/minArea" + minAreas[b], grid[a][b].ap());
      }
    }
    report.put("decoderGridAp50Pooled (chosen on the held-out tiles: optimistic)", g);
    report.put("perFold", perFold);
    report.put("perTile", perTile);
    report.put("anchor", "Mask R-CNN AP50 67.2 overall, satellites 74.5 (Cohn et al. 2021)");
    String json =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    System.out.println(json);
    if (o.containsKey("report")) {
      Files.writeString(Path.of(o.get("report")), json);
    }
  }

  private static float[] toFloat(int[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = a[i];
    }
    return f;
  }

  /** Raw little-endian float32 planes, one after the other (for decoder studies). */
  private static void saveFloats(Path f, float[][] planes) throws IOException {
    Files.createDirectories(f.getParent());
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(planes.length * planes[0].length * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float[] pl : planes) {
      for (float v : pl) {
        b.putFloat(v);
      }
    }
    Files.write(f, b.array());
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
}
