package io.alloyflow.segmentation.unet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A pixel classifier and a U-Net combined by a weighted average of their class probabilities
 * (soft voting; Kittler J., Hatef M., Duin R.P.W. and Matas J., 1998, "On combining classifiers",
 * IEEE TPAMI 20:226-239, the sum rule). The two members err differently: the filter-bank trees
 * are strong on small precipitates whose grey level and blob filters identify them, the U-Net
 * on the shapes of large ones. One weight per class ({@code pixelWeight[c]}, the U-Net gets
 * {@code 1 - pixelWeight[c]}) is chosen on validation images ({@link #fitWeights}), never on
 * test images.
 *
 * <p>A model folder holds {@value #FILE_NAME} (format, class names, weights, the validation
 * score that chose them), the pixel classifier as {@value #PIXEL_FILE} and the U-Net folder
 * {@value #UNET_DIR}. Not thread-safe (the U-Net member is not); close it to free native memory.
 */
public final class EnsembleSegmenter implements AutoCloseable {
  /** Descriptor file of an ensemble model folder. */
  public static final String FILE_NAME = "ensemble.json";

  /** Format tag written in the descriptor. */
  public static final String FORMAT = "alloyflow-ensemble/1";

  /** The pixel-classifier member inside the folder. */
  public static final String PIXEL_FILE = "pixel-classifier.zip";

  /** The U-Net member folder inside the folder. */
  public static final String UNET_DIR = "unet";

  /**
   * The descriptor.
   *
   * @param format {@value #FORMAT}
   * @param classNames class names, in label order (both members must have them)
   * @param pixelWeight weight of the pixel classifier's probability per class (0..1; the U-Net
   *     gets the rest)
   * @param validationMIoU mIoU on the validation images with these weights (NaN if none)
   * @param validation what the weights were chosen on
   */
  public record Descriptor(String format, List<String> classNames, double[] pixelWeight,
      double validationMIoU, String validation) {
    public Descriptor {
      if (!FORMAT.equals(format)) {
        throw new IllegalArgumentException(
            "ensemble format '" + format + "' is not supported: expected " + FORMAT);
      }
      if (classNames == null || classNames.size() < 2 || pixelWeight == null
          || pixelWeight.length != classNames.size()) {
        throw new IllegalArgumentException("ensemble needs >= 2 class names and one pixel weight"
            + " per class, found " + classNames + " and "
            + (pixelWeight == null ? "none" : Arrays.toString(pixelWeight)));
      }
      for (double w : pixelWeight) {
        if (!(w >= 0 && w <= 1)) {
          throw new IllegalArgumentException(
              "ensemble pixel weights must be in [0, 1], found " + Arrays.toString(pixelWeight));
        }
      }
      classNames = List.copyOf(classNames);
      pixelWeight = pixelWeight.clone();
    }
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Descriptor descriptor;
  private final PixelClassifier pixel;
  private final UNetSegmenter unet;

  private EnsembleSegmenter(Descriptor d, PixelClassifier pixel, UNetSegmenter unet) {
    this.descriptor = d;
    this.pixel = pixel;
    this.unet = unet;
  }

  /** Whether {@code dir} is an ensemble model folder. */
  public static boolean isEnsemble(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(FILE_NAME));
  }

  /** Loads an ensemble model folder. */
  public static EnsembleSegmenter load(Path dir) throws IOException {
    if (!isEnsemble(dir)) {
      throw new IOException("not an ensemble model folder: " + dir + " has no " + FILE_NAME);
    }
    Descriptor d;
    try {
      d = MAPPER.readValue(dir.resolve(FILE_NAME).toFile(), Descriptor.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException(dir.resolve(FILE_NAME) + ": malformed ensemble descriptor: "
          + e.getMessage(), e);
    }
    PixelClassifier pc = PixelClassifier.load(dir.resolve(PIXEL_FILE));
    UNetSegmenter un = UNetSegmenter.load(dir.resolve(UNET_DIR));
    checkClasses(d.classNames(), pc.classNames(), un.card().classNames(), dir);
    return new EnsembleSegmenter(d, pc, un);
  }

  private static void checkClasses(List<String> names, List<String> pc, List<String> un,
      Path where) throws IOException {
    if (!names.equals(pc) || !names.equals(un)) {
      throw new IOException("ensemble " + where + ": members disagree on the classes: descriptor "
          + names + ", pixel classifier " + pc + ", U-Net " + un);
    }
  }

  /**
   * Writes an ensemble folder from trained members: copies the pixel-classifier file and the
   * U-Net folder into {@code dir} (they may already be there) and writes the descriptor.
   */
  public static void write(Path dir, Path pixelModel, Path unetDir, Descriptor d)
      throws IOException {
    Files.createDirectories(dir);
    Path pcTarget = dir.resolve(PIXEL_FILE);
    if (!Files.exists(pcTarget) || !Files.isSameFile(pixelModel, pcTarget)) {
      Files.copy(pixelModel, pcTarget, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path unTarget = dir.resolve(UNET_DIR);
    if (!Files.exists(unTarget) || !Files.isSameFile(unetDir, unTarget)) {
      Files.createDirectories(unTarget);
      try (var s = Files.list(unetDir)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) {
          Files.copy(f, unTarget.resolve(f.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    io.alloyflow.core.io.AtomicFiles.write(dir.resolve(FILE_NAME), MAPPER.writeValueAsBytes(d));
  }

  public Descriptor descriptor() {
    return descriptor;
  }

  /** Class names in label order. */
  public List<String> classNames() {
    return descriptor.classNames();
  }

  /** The members' probabilities {@code [member 0 = pixel classifier, 1 = U-Net][class][pixel]}. */
  public float[][][] memberProbabilities(Micrograph m) {
    float[][] p = pixel.probabilities(m.pixels(), m.width(), m.height());
    float[][] u = unet.predict(m, true).probabilities();
    return new float[][][] {p, u};
  }

  /** Class per pixel: arg-max of the weighted probabilities. */
  public LabelMap segment(Micrograph m) {
    int[] labels = combine(memberProbabilities(m), descriptor.pixelWeight());
    return new LabelMap(m.width(), m.height(), labels, classNames(), m.pixelSizeM());
  }

  /** Training-intensity warnings of the pixel-classifier member (see {@link PixelClassifier}). */
  public List<String> inputWarnings(Micrograph m) {
    return pixel.inputWarnings(m.pixels(), m.width(), m.height());
  }

  /** Arg-max over classes of {@code w[c] p0[c] + (1 - w[c]) p1[c]}. */
  static int[] combine(float[][][] members, double[] pixelWeight) {
    float[][] p = members[0];
    float[][] u = members[1];
    int k = p.length;
    int n = p[0].length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestV = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double v = pixelWeight[c] * p[c][i] + (1 - pixelWeight[c]) * u[c][i];
        if (v > bestV) {
          bestV = v;
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * Chooses the pixel-classifier weight on validation images: first one weight shared by all
   * classes from {0, 0.1, ..., 1}, then each class's weight in turn (same grid, two sweeps), each
   * change kept only when the validation mIoU rises by more than {@code 1e-4}.
   *
   * @param members per validation image, {@link #memberProbabilities}
   * @param truth per validation image, true class per pixel (negative = ignore)
   * @return the weights and their validation mIoU
   */
  public static Fit fitWeights(List<float[][][]> members, List<int[]> truth) {
    if (members.isEmpty() || members.size() != truth.size()) {
      throw new IllegalArgumentException("need validation images with truth to fit ensemble"
          + " weights, found " + members.size() + " probability sets and " + truth.size()
          + " masks");
    }
    int k = members.get(0)[0].length;
    double[] w = new double[k];
    double best = Double.NEGATIVE_INFINITY;
    double[] bestW = null;
    for (int g = 0; g <= 10; g++) {
      Arrays.fill(w, g / 10.0);
      double s = score(members, truth, w);
      if (s > best + 1e-4 || bestW == null) {
        best = s;
        bestW = w.clone();
      }
    }
    double[] shared = bestW.clone();
    double sharedScore = best;
    for (int sweep = 0; sweep < 2; sweep++) {
      for (int c = 0; c < k; c++) {
        for (int g = 0; g <= 10; g++) {
          w = bestW.clone();
          w[c] = g / 10.0;
          double s = score(members, truth, w);
          if (s > best + 1e-4) {
            best = s;
            bestW = w;
          }
        }
      }
    }
    return new Fit(bestW, best, shared, sharedScore);
  }

  /**
   * Fitted weights.
   *
   * @param pixelWeight per-class pixel-classifier weights
   * @param mIoU validation mIoU with them
   * @param sharedWeight the best single weight for all classes (the first step)
   * @param sharedMIoU validation mIoU with the shared weight
   */
  public record Fit(double[] pixelWeight, double mIoU, double[] sharedWeight, double sharedMIoU) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "pixel weights %s (validation mIoU %.4f; shared %s: %.4f)",
          Arrays.toString(pixelWeight), mIoU, Arrays.toString(sharedWeight), sharedMIoU);
    }
  }

  /** Pooled mIoU of the weighted ensemble over the images. */
  static double score(List<float[][][]> members, List<int[]> truth, double[] w) {
    int k = members.get(0)[0].length;
    long[][] cm = new long[k][k];
    for (int i = 0; i < members.size(); i++) {
      PixelScores.accumulate(cm, combine(members.get(i), w), truth.get(i));
    }
    return PixelScores.fromConfusion(cm).meanIoU();
  }

  /** Validation probabilities of a pixel classifier and a U-Net, computed once per image. */
  public static List<float[][][]> memberProbabilities(PixelClassifier pc, UNetSegmenter un,
      List<Micrograph> images) {
    List<float[][][]> out = new ArrayList<>();
    for (Micrograph m : images) {
      out.add(new float[][][] {pc.probabilities(m.pixels(), m.width(), m.height()),
          un.predict(m, true).probabilities()});
    }
    return out;
  }

  @Override
  public void close() {
    unet.close();
  }
}
