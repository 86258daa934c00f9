package io.alloyflow.segmentation.unet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.nn.UNetArchitecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy benchmark of the U-Net on the NASA superalloy data (run by {@code bench/unet/nasa.sh},
 * not by the unit tests): trains on the Super1 {@code train} split with {@code val} for early
 * stopping, then reports pixel accuracy, per-class IoU and mIoU on the Super1 and Super2 {@code
 * test} splits and on Super2 {@code different_test}.
 *
 * <p>Options ({@code --name value}): data (nasa-super folder), out (model folder), epochs, steps,
 * crop, batch, base, depth, lr, seed, minutes (training budget), patience, report (JSON file),
 * evalOnly (true: skip training and evaluate the model in out), init (model folder whose weights
 * start the training instead of a random initialisation: fine-tuning).
 */
public final class UNetNasaBenchmark {

  private UNetNasaBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, found '" + args[i] + "'");
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    Path data = Path.of(o.getOrDefault("data", "../shared/data/segmentation/nasa-super"));
    Path out = Path.of(o.getOrDefault("out", "/work/models/unet-super1"));
    Path super1 = data.resolve("Super1");
    Path super2 = data.resolve("Super2");
    Map<String, Object> report = new LinkedHashMap<>();
    if (!Boolean.parseBoolean(o.getOrDefault("evalOnly", "false"))) {
      List<NasaSuperData.Pair> train = NasaSuperData.read(super1, "train");
      List<NasaSuperData.Pair> val = NasaSuperData.read(super1, "val");
      UNetArchitecture arch =
          new UNetArchitecture(1, 3, Integer.parseInt(o.getOrDefault("base", "16")),
              Integer.parseInt(o.getOrDefault("depth", "4")));
      TrainingConfig cfg =
          TrainingConfig.defaults(arch, NasaSuperData.CLASS_NAMES)
              .withEpochs(Integer.parseInt(o.getOrDefault("epochs", "40")),
                  Integer.parseInt(o.getOrDefault("steps", "25")))
              .withCrop(Integer.parseInt(o.getOrDefault("crop", "256")),
                  Integer.parseInt(o.getOrDefault("batch", "4")))
              .withLearningRate(Double.parseDouble(o.getOrDefault("lr", "1e-3")))
              .withSeed(Long.parseLong(o.getOrDefault("seed", "42")))
              .withPatience(Integer.parseInt(o.getOrDefault("patience", "10")))
              .withTiling(512, 64)
              .withMaxSeconds(60 * Double.parseDouble(o.getOrDefault("minutes", "22")));
      UNetModelCard card =
          UNetTrainer.train(cfg, images(train), masks(train), images(val), masks(val),
              o.containsKey("init") ? Path.of(o.get("init")) : null, out, System.out);
      report.put("trainingSeconds", card.trainingSeconds());
      report.put("epochsRun", card.epochsRun());
      report.put("bestEpoch", card.bestEpoch());
      report.put("validation", card.validation());
      if (o.containsKey("init")) {
        report.put("initFrom", Path.of(o.get("init")).toAbsolutePath().toString());
      }
    }
    try (UNetSegmenter seg = UNetSegmenter.load(out)) {
      report.put("model", out.toAbsolutePath().toString());
      report.put("architecture", seg.card().architecture());
      report.put("parameters", seg.parameterCount());
      report.put("Super1/test", eval(seg, NasaSuperData.read(super1, "test")));
      report.put("Super2/test", eval(seg, NasaSuperData.read(super2, "test")));
      if (Files.isDirectory(super2.resolve("different_test"))) {
        report.put("Super2/different_test", eval(seg, NasaSuperData.read(super2, "different_test")));
      }
    }
    String json =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    System.out.println(json);
    if (o.containsKey("report")) {
      Files.writeString(Path.of(o.get("report")), json);
    }
  }

  private static Map<String, Object> eval(UNetSegmenter seg, List<NasaSuperData.Pair> pairs) {
    long t0 = System.nanoTime();
    long[][] cm = new long[3][3];
    long pixels = 0;
    List<Map<String, Object>> per = new ArrayList<>();
    for (NasaSuperData.Pair p : pairs) {
      int[] pred = seg.segment(p.image()).labels();
      PixelScores.accumulate(cm, pred, p.mask().labels());
      PixelScores s = PixelScores.of(pred, p.mask().labels(), 3);
      per.add(Map.of("image", p.name(), "mIoU", s.meanIoU()));
      pixels += pred.length;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    PixelScores s = PixelScores.fromConfusion(cm);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("images", pairs.size());
    m.put("pixelAccuracy", s.pixelAccuracy());
    m.put("mIoU", s.meanIoU());
    Map<String, Double> pc = new LinkedHashMap<>();
    for (int c = 0; c < 3; c++) {
      pc.put(NasaSuperData.CLASS_NAMES.get(c), s.perClassIoU()[c]);
    }
    m.put("perClassIoU", pc);
    m.put("perImage", per);
    m.put("megapixelsPerSecond", pixels / 1e6 / secs);
    return m;
  }

  private static List<Micrograph> images(List<NasaSuperData.Pair> ps) {
    return ps.stream().map(NasaSuperData.Pair::image).toList();
  }

  private static List<LabelMap> masks(List<NasaSuperData.Pair> ps) {
    return ps.stream().map(NasaSuperData.Pair::mask).toList();
  }
}
