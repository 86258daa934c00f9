package io.alloyflow.segmentation.cli;

import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.MaskFormat;
import io.alloyflow.segmentation.io.Masks;
import io.alloyflow.segmentation.io.SegmentationInputException;
import io.alloyflow.segmentation.metrics.InstanceMetrics;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval segmentation --pred DIR --truth DIR [--format png|nasa|via]}: prints metrics JSON
 * with pixelAccuracy, mIoU, perClassIoU and F1, pooled over all images (confusion matrix summed).
 * Predictions are label PNGs named like the truth images. Instance metrics (AP50, AJI+, averaged
 * per image) are printed only with {@code --instances} (or VIA truth), where the maps hold
 * instance ids (0 = background); semantic maps get no AP50/AJI, which would be easy to misread.
 */
@Command(
    name = "segmentation",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {"Compare predicted label PNGs with ground truth; prints metrics JSON.",
        "Semantic metrics (mIoU, per-class IoU, F1) by default; AP50 and AJI+ only with"
            + " --instances."})
public final class EvalSegmentationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--pred", paramLabel = "DIR",
      description = "directory of predicted label PNGs (with --model: where the predictions are"
          + " written; default a temporary folder)")
  Path pred;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "segment --images with this model first (a model file or folder, or a"
          + " shipped model name such as nasa-superalloy-pixel), then evaluate")
  String model;

  @Option(names = "--precipitate-size-classes", paramLabel = "MODE",
      description = "with --model: passed to segment (off, auto or COARSE,FINE; see 'segment"
          + " --help')")
  String sizeClasses;

  @Option(names = "--truth", required = true, description = "directory of truth masks (or VIA JSON)")
  Path truth;

  @Option(names = "--format", defaultValue = "png", description = "truth format: png, nasa or via")
  String format;

  @Option(names = "--images", paramLabel = "DIR",
      description = "image directory (needed for --format via and for --model)")
  Path images;

  @Option(names = "--classes", description = "number of classes (default: largest label + 1)")
  Integer classes;

  @Option(names = "--instances",
      description = "instance evaluation: maps hold instance ids (0 = background); adds AP50 and"
          + " AJI+ (implied by --format via)")
  boolean instances;

  @Option(names = "--max-pixels", defaultValue = "268435456",
      description = "refuse images with more pixels than this")
  long maxPixels;

  @Option(
      names = "--truth-map",
      split = ",",
      description = "relabel truth classes first, e.g. 0:0,1:1,2:1 merges classes 1 and 2")
  List<String> truthMap;

  @Option(
      names = "--pred-map",
      split = ",",
      description = "relabel predicted classes first, e.g. 0:0,1:1,2:1")
  List<String> predMap;

  @Option(
      names = "--match-classes",
      description =
          "relabel predicted classes one-to-one to best match the truth (for unsupervised"
              + " methods whose class order is by intensity)")
  boolean matchClasses;

  @Override
  public Integer call() {
    return CliSupport.run(spec.commandLine().getErr(), this::execute);
  }

  private Integer execute() throws Exception {
    MaskFormat f = MaskFormat.parse(format);
    if (model != null) {
      if (images == null) {
        throw new IllegalArgumentException("--model needs --images (the images to segment)");
      }
      Path dir = pred != null ? pred : java.nio.file.Files.createTempDirectory("alloyflow-eval");
      java.io.StringWriter sink = new java.io.StringWriter();
      picocli.CommandLine seg = new picocli.CommandLine(new SegmentCommand());
      seg.setOut(new java.io.PrintWriter(sink));
      seg.setErr(spec.commandLine().getErr());
      List<String> segArgs = new ArrayList<>(List.of("--model", model, "--max-pixels",
          Long.toString(maxPixels), images.toString(), "--out", dir.toString()));
      if (sizeClasses != null) {
        segArgs.add("--precipitate-size-classes=" + sizeClasses);
      }
      int rc = seg.execute(segArgs.toArray(String[]::new));
      if (rc != 0) {
        return rc;
      }
      pred = dir;
    } else if (pred == null) {
      throw new IllegalArgumentException("give --pred (predicted label PNGs) or --model");
    }
    List<String> names = new ArrayList<>();
    List<int[]> truths = new ArrayList<>();
    List<int[]> preds = new ArrayList<>();
    if (f == MaskFormat.VIA) {
      Path imgDir = images != null ? images : pred;
      for (Datasets.Labelled d : Datasets.load(imgDir, truth, f, maxPixels)) {
        String base = ImageInputs.baseName(d.image());
        Masks.Mask p = Masks.readPng(Datasets.findMask(pred, base), maxPixels);
        check(p, d.micrograph().width(), d.micrograph().height(), base);
        names.add(base);
        truths.add(d.labels());
        preds.add(p.labels());
      }
    } else {
      for (Path t : ImageInputs.listImages(truth)) {
        String base = ImageInputs.baseName(t);
        String predBase = base.endsWith("_mask") ? base.substring(0, base.length() - 5) : base;
        Masks.Mask tm = f == MaskFormat.NASA ? Masks.readNasa(t, maxPixels) : Masks.readPng(t, maxPixels);
        Masks.Mask pm = Masks.readPng(Datasets.findMask(pred, predBase), maxPixels);
        check(pm, tm.width(), tm.height(), predBase);
        names.add(predBase);
        truths.add(tm.labels());
        preds.add(pm.labels());
      }
    }
    boolean inst = instances || f == MaskFormat.VIA;
    remap(truths, truthMap, "--truth-map");
    remap(preds, predMap, "--pred-map");
    int k;
    if (classes != null) {
      k = classes;
    } else if (f == MaskFormat.NASA && (truthMap == null || truthMap.isEmpty())
        && (predMap == null || predMap.isEmpty())) {
      k = Masks.NASA_CLASSES.size();
    } else {
      int max = 1;
      for (int i = 0; i < truths.size(); i++) {
        for (int v : truths.get(i)) {
          max = Math.max(max, inst ? Math.min(v, 1) : v);
        }
        for (int v : preds.get(i)) {
          max = Math.max(max, inst ? Math.min(v, 1) : v);
        }
      }
      k = max + 1;
    }
    int[] mapping = null;
    if (matchClasses && !inst) {
      long[][] c0 = new long[k][k];
      for (int i = 0; i < truths.size(); i++) {
        SemanticMetrics.accumulate(c0, preds.get(i), truths.get(i));
      }
      mapping = SemanticMetrics.bestMapping(c0);
      for (int[] p : preds) {
        for (int i = 0; i < p.length; i++) {
          p[i] = mapping[p[i]];
        }
      }
    }
    long[][] conf = new long[k][k];
    double apSum = 0;
    double ajiSum = 0;
    List<Map<String, Object>> per = new ArrayList<>();
    for (int i = 0; i < truths.size(); i++) {
      int[] t = truths.get(i);
      int[] p = preds.get(i);
      int[] tc = inst ? binary(t) : t;
      int[] pc = inst ? binary(p) : p;
      for (int v : pc) {
        if (v >= k) {
          throw new SegmentationInputException(
              pred, "prediction for " + names.get(i) + " holds class " + v + " but there are " + k + " classes");
        }
      }
      SemanticMetrics.accumulate(conf, pc, tc);
      SemanticMetrics one = SemanticMetrics.compute(pc, tc, k);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("image", names.get(i));
      r.put("pixelAccuracy", one.pixelAccuracy());
      r.put("mIoU", one.meanIoU());
      if (inst) {
        double ap = InstanceMetrics.ap50(p, t, null);
        double aji = InstanceMetrics.ajiPlus(p, t);
        apSum += ap;
        ajiSum += aji;
        r.put("ap50", ap);
        r.put("aji", aji);
      }
      per.add(r);
    }
    SemanticMetrics s = SemanticMetrics.fromConfusion(conf);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("images", truths.size());
    doc.put("classes", k);
    doc.put("pixelAccuracy", s.pixelAccuracy());
    doc.put("mIoU", s.meanIoU());
    doc.put("perClassIoU", s.perClassIoU());
    doc.put("f1Macro", s.f1Macro());
    doc.put("f1Micro", s.f1Micro());
    doc.put("precisionMacro", s.precisionMacro());
    doc.put("recallMacro", s.recallMacro());
    if (inst) {
      doc.put("ap50", truths.isEmpty() ? Double.NaN : apSum / truths.size());
      doc.put("aji", truths.isEmpty() ? Double.NaN : ajiSum / truths.size());
    }
    if (mapping != null) {
      doc.put("predToTruthClass", mapping);
    }
    doc.put("perImage", per);
    spec.commandLine().getOut().println(CliSupport.json().writeValueAsString(doc));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static void remap(List<int[]> maps, List<String> spec, String option) {
    if (spec == null || spec.isEmpty()) {
      return;
    }
    java.util.Map<Integer, Integer> tm = new java.util.HashMap<>();
    for (String e : spec) {
      String[] kv = e.split(":");
      if (kv.length != 2) {
        throw new IllegalArgumentException(option + " entries must be FROM:TO, found " + e);
      }
      tm.put(Integer.parseInt(kv[0].trim()), Integer.parseInt(kv[1].trim()));
    }
    for (int[] t : maps) {
      for (int i = 0; i < t.length; i++) {
        if (t[i] >= 0) {
          t[i] = tm.getOrDefault(t[i], t[i]);
        }
      }
    }
  }

  private static void check(Masks.Mask p, int w, int h, String base) throws SegmentationInputException {
    if (p.width() != w || p.height() != h) {
      throw new SegmentationInputException(
          null,
          "prediction for " + base + " is " + p.width() + "x" + p.height()
              + " but the truth is " + w + "x" + h + " (mask size mismatch)");
    }
  }

  private static int[] binary(int[] v) {
    int[] o = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i] < 0 ? -1 : v[i] > 0 ? 1 : 0;
    }
    return o;
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
