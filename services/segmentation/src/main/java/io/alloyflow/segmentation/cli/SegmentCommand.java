package io.alloyflow.segmentation.cli;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.SegmentationOptions;
import io.alloyflow.segmentation.Segmenter;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.LabelImages;
import io.alloyflow.segmentation.io.SegmentationInputException;
import io.alloyflow.segmentation.measure.MeasureOptions;
import io.alloyflow.segmentation.measure.Measurements;
import io.alloyflow.segmentation.measure.MicrostructureMeasurements;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segment --method otsu|multiotsu|kmeans|adaptive|pixel-classifier|unet [--model MODEL]
 * [--classes K] IN --out DIR}: one label PNG per input image (same base name, pixel value = class
 * index) and {@code measurements.json} with fractions, grain size and particle statistics.
 */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {"Segment micrographs into phases; writes label PNGs and measurements.json.",
        "Images: " + ImageInputs.FORMATS + "; colour is read as BT.601 luma."})
public final class SegmentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "image file or directory of images")
  Path input;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(
      names = "--method",
      description = "otsu, multiotsu, kmeans, adaptive, pixel-classifier or unet (default: the"
          + " method of --model when one is given, else otsu)")
  String method;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "trained model: a pixel-classifier ZIP, a U-Net folder, or the name of a"
          + " shipped model (see 'alloyflow models list'), e.g. nasa-superalloy-pixel")
  String model;

  @Option(names = "--classes", description = "classes for multiotsu/kmeans (default 3)")
  Integer classes;

  @Option(names = "--smooth", defaultValue = "0", description = "Gaussian pre-smoothing sigma (px)")
  double smooth;

  @Option(names = "--local-features", description = "k-means: add local mean and standard deviation")
  boolean localFeatures;

  @Option(names = "--pixel-size-um", description = "pixel size when the files carry none")
  Double pixelSizeUm;

  @Option(
      names = "--max-pixels",
      defaultValue = "268435456",
      description = "refuse images with more pixels than this")
  long maxPixels;

  @Override
  public Integer call() {
    return CliSupport.run(spec.commandLine().getErr(), this::execute);
  }

  private Integer execute() throws Exception {
    Path modelPath = model == null ? null : ModelArgs.resolve(model);
    String m = method != null ? method.trim().toLowerCase(java.util.Locale.ROOT)
        : modelPath != null ? ModelArgs.methodOf(modelPath) : "otsu";
    int k = classes != null ? classes : m.equals("otsu") || m.equals("adaptive") ? 2 : 3;
    SegmentationOptions base = SegmentationOptions.of(m.equals("pixel-classifier") || m.equals("unet") ? "otsu" : m, k);
    SegmentationOptions opts =
        new SegmentationOptions(m, k, modelPath, smooth, localFeatures, base.adaptiveBlockSize(),
            base.fractionTiles(), base.seed());
    double fallback = pixelSizeUm == null ? Double.NaN : pixelSizeUm * 1e-6;
    List<Path> files = ImageInputs.listImages(input);
    // read and validate everything first so a bad file fails before any output is written
    List<Micrograph> images = new ArrayList<>();
    for (Path f : files) {
      images.add(ImageInputs.readGray(f, maxPixels, fallback));
    }
    Files.createDirectories(out);
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      Micrograph img = images.get(i);
      if (m.equals("pixel-classifier")) {
        List<String> far = Segmenter.pixelClassifier(modelPath)
            .inputWarnings(img.pixels(), img.width(), img.height());
        if (!far.isEmpty()) {
          spec.commandLine().getErr().println("warning: " + f.getFileName()
              + " looks unlike the model's training images: " + String.join("; ", far)
              + " (expect lower accuracy; consider training on such images)");
          spec.commandLine().getErr().flush();
        }
      }
      PhaseSegmentation seg = Segmenter.segment(img, opts);
      Path png = out.resolve(ImageInputs.baseName(f) + ".png");
      LabelImages.writePng(seg.labels().labels(), img.width(), img.height(), png);
      MicrostructureMeasurements meas =
          Measurements.measure(seg.labels(), img, MeasureOptions.defaults().withPixelSizeM(fallback));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("image", f.toString());
      r.put("labels", png.getFileName().toString());
      r.put("width", img.width());
      r.put("height", img.height());
      r.put("classNames", seg.classNames());
      r.put("algorithm", seg.algorithm());
      r.put("phaseFractions", seg.fractions());
      r.put("measurements", meas);
      results.add(r);
      spec.commandLine().getOut().println(png);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("method", m);
    doc.put("images", results);
    CliSupport.json().writeValue(out.resolve("measurements.json").toFile(), doc);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
