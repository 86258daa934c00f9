package io.alloyflow.fusion.cli;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.classify.ElementMaps;
import io.alloyflow.fusion.classify.FeatureStack;
import io.alloyflow.fusion.classify.LinearClassifiers;
import io.alloyflow.fusion.classify.MlpPixelClassifier;
import io.alloyflow.fusion.classify.NearestNeighbours;
import io.alloyflow.fusion.classify.PhaseDiscovery;
import io.alloyflow.fusion.classify.PixelClassifier;
import io.alloyflow.fusion.classify.Scores;
import io.alloyflow.fusion.classify.TreeClassifiers;
import io.alloyflow.fusion.classify.unet.FusionUNet;
import io.alloyflow.fusion.classify.unet.StackedChannels;
import io.alloyflow.fusion.phases.PhaseCompositions;
import io.alloyflow.fusion.registration.RegistrationResult;
import io.alloyflow.fusion.registration.SemEdsRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fuse classify --sem IMG --eds SI [--labels MASK --method rf|xgb|knn|lr|svm|mlp|kmeans]
 * [--method unet [--model DIR|NAME]] [--context] [--regions] --out DIR}: registers the pair,
 * builds the fused feature stack and classifies every SEM pixel, supervised from a label mask
 * (classes = mask values; a balanced sample of labelled pixels trains the model), by a trained
 * U-Net on the stacked BSE and EDS channels (a model folder or a model shipped in {@code models/};
 * default {@value #DEFAULT_UNET}; with {@code --labels} its scores against the mask are reported)
 * or unsupervised (k-means, clusters named against the phase library of {@code --system}). Writes
 * phases.png (labels), phases-color.png, phases.json (class names and area fractions,
 * registration quality) and features.arrow (a sample of the feature stack).
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Fused SEM-EDS phase classification (supervised from a mask, or k-means).")
public final class ClassifyCommand implements Callable<Integer> {
  /** The shipped U-Net used by {@code --method unet} without {@code --model}. */
  public static final String DEFAULT_UNET = "al-alloy-fusion-unet";

  /** Task id of fused phase-classification models in the zoo index. */
  public static final String UNET_TASK = "fused-phase-classification";

  @Option(names = "--sem", required = true, paramLabel = "IMG") Path sem;
  @Option(names = "--eds", required = true, paramLabel = "SI") Path eds;
  @Option(names = "--labels", paramLabel = "MASK",
      description = "label PNG (pixel value = class) of the SEM image for supervised training")
  Path labels;
  @Option(names = "--method", paramLabel = "rf|xgb|knn|lr|svm|mlp|unet|kmeans",
      description = "default: rf with --labels, kmeans without") String method;
  @Option(names = "--model", paramLabel = "DIR|NAME", description = "trained U-Net for --method"
      + " unet: a model folder or the name of a shipped model (default " + DEFAULT_UNET + ")")
  String model;
  @Option(names = "--classes", defaultValue = "4", description = "clusters for kmeans") int k;
  @Option(names = "--elements", defaultValue = "Mg,Al,Si,Fe", split = ",",
      description = "elements of the net-count maps") List<String> elements;
  @Option(names = "--system", defaultValue = "al-alloy",
      description = "phase library naming k-means clusters (al-alloy, dp-steel)") String system;
  @Option(names = "--sem-pixel-size-um", defaultValue = "0") double semPx;
  @Option(names = "--eds-pixel-size-um", defaultValue = "0") double edsPx;
  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
  @Option(names = "--seed", defaultValue = "1") long seed;
  @Option(names = "--context", description = "add BSE spatial-context features (Hessian"
      + " eigenvalues, gradient, sigma-8 level)") boolean context;
  @Option(names = "--regions", description = "add region features pooled over SLIC superpixels"
      + " of the BSE image (mean, spread, contrast, area; EDS counts pooled per region)")
  boolean regions;

  @Override
  public Integer call() throws IOException {
    String meth = method != null ? method : labels != null ? "rf" : "kmeans";
    Micrograph m;
    SpectrumImage si;
    LabelMap mask = null;
    Path unetDir = null;
    try {
      if (!List.of("rf", "xgb", "knn", "lr", "svm", "mlp", "unet", "kmeans").contains(meth)) {
        throw new IllegalArgumentException("unknown --method '" + meth
            + "': expected rf, xgb, knn, lr, svm, mlp, unet or kmeans");
      }
      if (model != null && !meth.equals("unet")) {
        throw new IllegalArgumentException("--model is for --method unet, not " + meth);
      }
      if (meth.equals("unet")) {
        unetDir = resolveUNet(model == null ? DEFAULT_UNET : model);
      }
      if (!meth.equals("kmeans") && !meth.equals("unet") && labels == null) {
        throw new IllegalArgumentException("--method " + meth + " is supervised: give --labels"
            + " MASK (or use --method kmeans)");
      }
      m = CliSupport.readImage(sem, semPx);
      si = CliSupport.readSpectrumImage(eds, edsPx);
      if (labels != null) {
        mask = LabelMapIO.readPng(labels, List.of());
        if (mask.width() != m.width() || mask.height() != m.height()) {
          throw new IllegalArgumentException("label mask is " + mask.width() + "x"
              + mask.height() + " but the SEM image is " + m.width() + "x" + m.height());
        }
      }
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("fuse classify: " + CliSupport.oneLine(e));
      return CliSupport.BAD_INPUT;
    }
    RegistrationResult reg;
    FeatureStack fs;
    try {
      reg = SemEdsRegistration.register(m, si, SemEdsRegistration.Options.defaults());
      ElementMaps maps = ElementMaps.of(si, elements);
      fs = FeatureStack.build(m, maps, reg.semToEds(), FeatureStack.Modality.FUSED, context,
          regions);
    } catch (IllegalArgumentException e) {
      System.err.println("fuse classify: " + CliSupport.oneLine(e));
      return CliSupport.BAD_INPUT;
    }
    int n = m.width() * m.height();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    int[] pred;
    List<String> names = new ArrayList<>();
    Map<String, Object> unetInfo = new LinkedHashMap<>();
    SplittableRandom rng = new SplittableRandom(seed);
    if (meth.equals("kmeans")) {
      int[] sample = rng.ints(Math.min(n, 20000), 0, n).toArray();
      int[] ef = new int[elements.size()];
      for (int e = 0; e < ef.length; e++) {
        ef[e] = fs.names().indexOf("eds_" + elements.get(e));
      }
      PhaseDiscovery.Result r = PhaseDiscovery.discover(fs.rows(sample), fs.count(), k, ef,
          elements, PhaseCompositions.of(system), 0.8, seed);
      pred = r.assign(fs.values(), fs.count());
      names.addAll(r.names());
    } else if (meth.equals("unet")) {
      try (FusionUNet net = FusionUNet.load(unetDir)) {
        StackedChannels in = net.card().channels().equals(List.of("bse"))
            ? StackedChannels.bse(m)
            : StackedChannels.fused(m, ElementMaps.of(si, elements), reg.semToEds());
        pred = net.predict(in);
        names.addAll(net.card().classNames());
        unetInfo.put("model", unetDir.toString());
        unetInfo.put("parameterSha256", net.card().parameterSha256());
        unetInfo.put("channels", net.card().channels());
        if (mask != null) {
          Scores sc = Scores.of(mask.labels(), pred,
              Math.max(names.size(), mask.maxLabel() + 1));
          unetInfo.put("macroF1AgainstLabels", sc.macroF1OverTruth());
          unetInfo.put("microF1AgainstLabels", sc.microF1());
        }
      } catch (IllegalArgumentException | IOException e) {
        System.err.println("fuse classify: " + CliSupport.oneLine(e));
        return CliSupport.BAD_INPUT;
      }
    } else {
      int classes = mask.maxLabel() + 1;
      List<Integer> train = new ArrayList<>();
      for (int c = 0; c < classes; c++) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (mask.labels()[i] == c) {
            idx.add(i);
          }
        }
        java.util.Collections.shuffle(idx, new java.util.Random(seed + c));
        train.addAll(idx.subList(0, Math.min(2000, idx.size())));
        names.add("class-" + c);
      }
      int[] tp = train.stream().mapToInt(Integer::intValue).toArray();
      int[] y = new int[tp.length];
      for (int i = 0; i < tp.length; i++) {
        y[i] = mask.labels()[tp[i]];
      }
      PixelClassifier clf = switch (meth) {
        case "xgb" -> TreeClassifiers.xgboost(80, 6, seed);
        case "knn" -> new NearestNeighbours(7);
        case "lr" -> LinearClassifiers.logistic(1e-4, 300);
        case "svm" -> LinearClassifiers.linearSvm(1e-4, 10, seed);
        case "mlp" -> MlpPixelClassifier.defaults(seed);
        default -> TreeClassifiers.randomForest(30, 12, seed);
      };
      clf.fit(fs.rows(tp), fs.count(), y, classes);
      pred = clf.predict(fs.values(), fs.count());
    }
    Files.createDirectories(out);
    LabelMap result = new LabelMap(m.width(), m.height(), pred, names, m.pixelSizeM());
    LabelMapIO.writePng(result, out.resolve("phases.png"));
    LabelMapIO.writeColorPng(result, out.resolve("phases-color.png"));
    int[] sample = rng.ints(Math.min(n, 5000), 0, n).distinct().toArray();
    Files.write(out.resolve("features.arrow"), ArrowIO.toArrow(fs.toTable(sample)));
    double[] frac = new double[names.size()];
    for (int p : pred) {
      frac[p] += 1.0 / n;
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("method", meth);
    j.put("classes", names);
    Map<String, Double> fr = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      fr.merge(names.get(c), frac[c], Double::sum);
    }
    j.put("areaFractions", fr);
    j.put("features", fs.names());
    j.put("registration", reg.toJson());
    if (!unetInfo.isEmpty()) {
      j.put("unet", unetInfo);
    }
    CliSupport.JSON.writeValue(out.resolve("phases.json").toFile(), j);
    System.out.printf("classified %d pixels into %s by %s (registration reliable=%s); output in"
        + " %s%n", n, Arrays.toString(fr.keySet().toArray()), meth, reg.reliable(), out);
    return 0;
  }

  /** A U-Net model folder, or the folder of a shipped model of that name. */
  static Path resolveUNet(String ref) throws IOException {
    Path p = Path.of(ref);
    if (Files.isDirectory(p)) {
      return p;
    }
    if (ref.contains("/") || ref.contains("\\")) {
      throw new IllegalArgumentException("U-Net model folder not found: " + ref);
    }
    try {
      return ShippedModels.installed().resolve(ref, UNET_TASK).file();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--model " + ref + " is neither a model folder nor a"
          + " shipped U-Net: " + e.getMessage());
    }
  }
}
