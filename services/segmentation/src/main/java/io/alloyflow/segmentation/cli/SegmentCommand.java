package io.alloyflow.segmentation.cli;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.SegmentationOptions;
import io.alloyflow.segmentation.Segmenter;
import io.alloyflow.segmentation.instance.InstanceDecoder;
import io.alloyflow.segmentation.instance.InstanceSegmenter;
import io.alloyflow.segmentation.instance.InstanceSettings;
import io.alloyflow.segmentation.instance.ThreeClassTargets;
import io.alloyflow.segmentation.measure.PhaseFractions;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.LabelImages;
import io.alloyflow.segmentation.io.SegmentationInputException;
import io.alloyflow.segmentation.measure.MeasureOptions;
import io.alloyflow.segmentation.measure.Measurements;
import io.alloyflow.segmentation.measure.MicrostructureMeasurements;
import io.alloyflow.segmentation.measure.RegionProperties;
import io.alloyflow.segmentation.measure.RegionProps;
import io.alloyflow.segmentation.postprocess.SizeClassSettings;
import io.alloyflow.segmentation.postprocess.SizeClassStep;
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
 * index) and {@code measurements.json} with fractions, grain size and particle statistics. With
 * {@code --instances} and a three-class U-Net ({@link InstanceSegmenter}: U-Net + marker
 * watershed) also an instance-id PNG and a per-particle CSV per image.
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
      description = "otsu, multiotsu, kmeans, adaptive, pixel-classifier, unet or ensemble"
          + " (default: the"
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

  @Option(names = "--instances",
      description = "instance segmentation with a 3-class (background/inside/boundary) U-Net"
          + " model and a marker watershed: also writes instances/NAME.png (instance ids, 0 ="
          + " background; score it with 'eval segmentation --pred OUT/instances --instances')"
          + " and particles/NAME.csv (one row per instance)")
  boolean instances;

  @Option(names = "--seed-threshold", paramLabel = "P",
      description = "--instances: inside probability that makes a watershed marker (default:"
          + " the model's recorded value, else " + InstanceSettings.DEFAULT_SEED_THRESHOLD + ")")
  Double seedThreshold;

  @Option(names = "--min-area", paramLabel = "PX",
      description = "--instances: smallest instance kept, in pixels (default: the model's"
          + " recorded value, else " + InstanceSettings.DEFAULT_MIN_AREA + ")")
  Integer minArea;

  @Option(
      names = "--max-pixels",
      defaultValue = "268435456",
      description = "refuse images with more pixels than this")
  long maxPixels;

  @Option(names = "--precipitate-size-classes", paramLabel = "MODE",
      description = "split the precipitates into a coarse and a fine class by each image's own"
          + " bimodal particle-size distribution (e.g. secondary vs tertiary gamma-prime; the"
          + " threshold is this image's, in log equivalent diameter, so it follows the"
          + " magnification): off; auto (the model's classes named secondary... and"
          + " tertiary...); or COARSE,FINE class names (FINE is added when the model lacks it,"
          + " e.g. gamma_prime,tertiary for a 2-class model). Particles cut by the border and"
          + " specks under " + SizeClassSettings.DEFAULT_MIN_AREA_PX + " px keep the model's"
          + " class; an image with one size population is left unchanged (default: the model"
          + " folder's "
          + SizeClassStep.SIDECAR + " setting, else off)")
  String sizeClasses;

  @Override
  public Integer call() {
    return CliSupport.run(spec.commandLine().getErr(), this::execute);
  }

  private Integer execute() throws Exception {
    Path modelPath = model == null ? null
        : ModelArgs.resolve(model, instances ? ModelArgs.INSTANCE_TASK : ModelArgs.TASK);
    String m = method != null ? method.trim().toLowerCase(java.util.Locale.ROOT)
        : modelPath != null ? ModelArgs.methodOf(modelPath) : "otsu";
    int k = classes != null ? classes : m.equals("otsu") || m.equals("adaptive") ? 2 : 3;
    SegmentationOptions base = SegmentationOptions.of(
        m.equals("pixel-classifier") || m.equals("unet") || m.equals("ensemble") ? "otsu" : m, k);
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
    InstanceSegmenter inst = null;
    if (instances) {
      if (modelPath == null || !Files.isDirectory(modelPath)) {
        throw new IllegalArgumentException("--instances needs a --model folder trained with"
            + " 'train segmentation --instances' (background/inside/boundary classes); found "
            + (modelPath == null ? "no --model" : "--model " + modelPath));
      }
      InstanceSettings is = InstanceSettings.read(modelPath);
      is = is.withDecoder(seedThreshold != null ? seedThreshold : is.seedThreshold(),
          minArea != null ? minArea : is.minArea());
      inst = InstanceSegmenter.load(modelPath, is);
      m = "instances";
    }
    String sizeMode = sizeClasses != null ? sizeClasses : SizeClassStep.recordedMode(modelPath);
    Files.createDirectories(out);
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      Micrograph img = images.get(i);
      if (m.equals("pixel-classifier") || m.equals("ensemble")) {
        // an ensemble's training statistics are those of its pixel-classifier member
        List<String> far = Segmenter.pixelClassifier(m.equals("ensemble")
                ? modelPath.resolve(io.alloyflow.segmentation.unet.EnsembleSegmenter.PIXEL_FILE)
                : modelPath)
            .inputWarnings(img.pixels(), img.width(), img.height());
        if (!far.isEmpty()) {
          spec.commandLine().getErr().println("warning: " + f.getFileName()
              + " looks unlike the model's training images: " + String.join("; ", far)
              + " (expect lower accuracy; consider training on such images)");
          spec.commandLine().getErr().flush();
        }
      }
      InstanceSegmenter.Result ir = inst == null ? null : inst.run(img);
      PhaseSegmentation seg = ir == null ? Segmenter.segment(img, opts)
          : threeClass(ir.classes(), img, inst, opts);
      SizeClassStep sizeStep =
          SizeClassStep.parse(sizeMode, seg.classNames(), SizeClassSettings.DEFAULTS);
      if (sizeStep != null) {
        seg = sizeStep.apply(seg, opts.fractionTiles());
      }
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
      if (inst != null) {
        InstanceDecoder.Instances d = ir.instances();
        Path ipng = out.resolve("instances").resolve(ImageInputs.baseName(f) + ".png");
        LabelImages.writePng(d.labels(), img.width(), img.height(), ipng);
        Path csv = out.resolve("particles").resolve(ImageInputs.baseName(f) + ".csv");
        Files.createDirectories(csv.getParent());
        writeParticles(csv, d, img);
        r.put("instances", out.relativize(ipng).toString());
        r.put("particles", out.relativize(csv).toString());
        r.put("instanceCount", d.count());
        spec.commandLine().getOut().println(ipng);
      }
      results.add(r);
      spec.commandLine().getOut().println(png);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("method", m);
    doc.put("images", results);
    CliSupport.json().writeValue(out.resolve("measurements.json").toFile(), doc);
    if (inst != null) {
      inst.close();
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The three-class (background/inside/boundary) map of an instance model as a segmentation. */
  private static PhaseSegmentation threeClass(int[] classes, Micrograph img,
      InstanceSegmenter inst, SegmentationOptions o) {
    List<String> names = ThreeClassTargets.CLASS_NAMES;
    Map<String, String> params = new LinkedHashMap<>();
    params.put("scale", Integer.toString(inst.scale()));
    params.put("seedThreshold", Double.toString(inst.decoder().seedThreshold()));
    params.put("minSeedArea", Integer.toString(inst.decoder().minSeedArea()));
    params.put("minArea", Integer.toString(inst.decoder().minArea()));
    AlgorithmInfo info = new AlgorithmInfo("three-class-watershed", "1.0",
        "Beucher S. and Meyer F. 1993 (marker watershed); Chen H. et al. 2016, CVPR (DCAN"
            + " three-class targets)", params);
    return new PhaseSegmentation(
        new LabelMap(img.width(), img.height(), classes, names, img.pixelSizeM()), names,
        PhaseFractions.measure(classes, img.width(), img.height(), names, o.fractionTiles(), 1),
        info);
  }

  /**
   * One CSV row per instance: id, detection score, area, equivalent diameter (px, and um when the
   * pixel size is known), centroid, Feret diameters, aspect ratio, circularity, solidity, mean
   * intensity and whether it touches the image border (its size is then a lower bound).
   */
  private static void writeParticles(Path csv, InstanceDecoder.Instances d, Micrograph img)
      throws java.io.IOException {
    double um = img.hasPixelSize() ? img.pixelSizeUm() : Double.NaN;
    StringBuilder b = new StringBuilder("id,score,area_px,equivalent_diameter_px,"
        + "equivalent_diameter_um,centroid_x_px,centroid_y_px,feret_max_px,feret_min_px,"
        + "aspect_ratio,circularity,solidity,mean_intensity,touches_border\n");
    for (RegionProps p : RegionProperties.compute(d.labels(), img.width(), img.height(),
        img.pixels())) {
      double score = p.label() < d.scores().length ? d.scores()[p.label()] : Double.NaN;
      b.append(String.format(java.util.Locale.ROOT,
          "%d,%.4f,%d,%.3f,%s,%.2f,%.2f,%.3f,%.3f,%.4f,%.4f,%.4f,%.3f,%b%n", p.label(), score,
          p.area(), p.equivalentDiameter(),
          Double.isNaN(um) ? "" : String.format(java.util.Locale.ROOT, "%.4f",
              p.equivalentDiameter() * um),
          p.centroidX(), p.centroidY(), p.feretMax(), p.feretMin(), p.aspectRatio(),
          p.circularity(), p.solidity(), p.meanIntensity(), p.touchesBorder()));
    }
    io.alloyflow.core.io.AtomicFiles.write(csv,
        b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
