package io.alloyflow.segmentation.instance;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.unet.UNetModelCard;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Instance segmentation of touching objects (powder particles, satellites) with a three-class
 * model ({@link ThreeClassTargets}: a U-Net, or the XGBoost pixel classifier saved as {@value
 * #PIXEL_CLASSIFIER_FILE} in the model folder) followed by the marker-controlled watershed of
 * {@link InstanceDecoder}. U-Net probabilities are computed with tiled inference, so large tiles
 * are fine. A model trained at reduced resolution ({@link InstanceSettings#scale()} &gt; 1) sees the image
 * box-averaged by that factor; its probabilities are upsampled bilinearly ({@link Resampling}) and
 * the instances are decoded on the full-resolution grid, so areas, diameters and instance maps are
 * always in the input's pixels.
 */
public final class InstanceSegmenter implements AutoCloseable {

  /** File name of a three-class pixel classifier inside an instance model folder. */
  public static final String PIXEL_CLASSIFIER_FILE = "pixel-classifier.zip";

  private final Function<Micrograph, float[][]> model;
  private final AutoCloseable closer;
  private final InstanceDecoder decoder;
  private final String instanceName;
  private final int scale;

  /** Instances and the three-class arg-max map, both on the input's grid. */
  public record Result(InstanceDecoder.Instances instances, int[] classes) {}

  /**
   * @param unet a U-Net trained on {@link ThreeClassTargets} labels
   * @param decoder probability-to-instance settings
   * @param instanceName name of the instance kind (e.g. "particle")
   */
  public InstanceSegmenter(UNetSegmenter unet, InstanceDecoder decoder, String instanceName) {
    this(unet, decoder, instanceName, 1);
  }

  /**
   * @param unet a U-Net trained on {@link ThreeClassTargets} labels
   * @param decoder probability-to-instance settings (areas in full-resolution pixels)
   * @param instanceName name of the instance kind (e.g. "particle")
   * @param scale downsampling factor the U-Net was trained at (1 = full resolution)
   */
  public InstanceSegmenter(UNetSegmenter unet, InstanceDecoder decoder, String instanceName,
      int scale) {
    this(threeClass(unet), unet, decoder, instanceName, scale);
  }

  /**
   * @param pc a pixel classifier trained on {@link ThreeClassTargets} labels
   * @param decoder probability-to-instance settings (areas in full-resolution pixels)
   * @param instanceName name of the instance kind (e.g. "particle")
   * @param scale downsampling factor the classifier was trained at (1 = full resolution)
   */
  public InstanceSegmenter(PixelClassifier pc, InstanceDecoder decoder, String instanceName,
      int scale) {
    this(threeClass(pc), () -> {}, decoder, instanceName, scale);
  }

  private static Function<Micrograph, float[][]> threeClass(UNetSegmenter unet) {
    if (unet.card().architecture().numClasses() != 3) {
      throw new IllegalArgumentException(
          "instance segmentation needs a 3-class (background/inside/boundary) U-Net, found "
              + unet.card().architecture().numClasses() + " classes " + unet.card().classNames());
    }
    return m -> unet.predict(m, true).probabilities();
  }

  private static Function<Micrograph, float[][]> threeClass(PixelClassifier pc) {
    if (pc.classNames().size() != 3) {
      throw new IllegalArgumentException(
          "instance segmentation needs a 3-class (background/inside/boundary) pixel classifier,"
              + " found " + pc.classNames().size() + " classes " + pc.classNames());
    }
    return m -> pc.probabilities(m.pixels(), m.width(), m.height());
  }

  private InstanceSegmenter(Function<Micrograph, float[][]> model, AutoCloseable closer,
      InstanceDecoder decoder, String instanceName, int scale) {
    if (scale < 1 || scale > 16) {
      throw new IllegalArgumentException("instance scale must be in 1..16, found " + scale);
    }
    this.model = model;
    this.closer = closer;
    this.decoder = decoder;
    this.instanceName = instanceName;
    this.scale = scale;
  }

  /** Loads a three-class model folder written by the U-Net trainer. */
  public static InstanceSegmenter load(Path modelDir, InstanceDecoder decoder, String name)
      throws IOException {
    return load(modelDir, InstanceSettings.read(modelDir).withDecoder(decoder.seedThreshold(),
        decoder.minArea()), name, decoder);
  }

  /**
   * Loads a model folder with its {@link InstanceSettings} sidecar (scale and decoder; defaults
   * when the folder has none).
   */
  public static InstanceSegmenter load(Path modelDir, InstanceSettings settings)
      throws IOException {
    return load(modelDir, settings, settings.object(), settings.decoder());
  }

  private static InstanceSegmenter load(Path modelDir, InstanceSettings s, String name,
      InstanceDecoder decoder) throws IOException {
    if (!Files.isRegularFile(modelDir.resolve(UNetModelCard.FILE_NAME))
        && Files.isRegularFile(modelDir.resolve(PIXEL_CLASSIFIER_FILE))) {
      return new InstanceSegmenter(PixelClassifier.load(modelDir.resolve(PIXEL_CLASSIFIER_FILE)),
          decoder, name, s.scale());
    }
    UNetSegmenter u = UNetSegmenter.load(modelDir);
    try {
      return new InstanceSegmenter(u, decoder, name, s.scale());
    } catch (IllegalArgumentException e) {
      u.close();
      throw e;
    }
  }

  /** Downsampling factor of the network's input. */
  public int scale() {
    return scale;
  }

  /** Decoder settings in use. */
  public InstanceDecoder decoder() {
    return decoder;
  }

  /** Three-class probabilities {@code [class][pixel]} on the input's grid. */
  public float[][] probabilities(Micrograph m) {
    if (scale == 1) {
      return model.apply(m);
    }
    Micrograph small = Resampling.downsample(m, scale);
    float[][] p = model.apply(small);
    return Resampling.upsample(p, small.width(), small.height(), m.width(), m.height());
  }

  /** Instances with scores. */
  public InstanceDecoder.Instances detect(Micrograph m) {
    return run(m).instances();
  }

  /** Instances and the three-class map of one image. */
  public Result run(Micrograph m) {
    float[][] p = probabilities(m);
    return new Result(decoder.decode(p, m.width(), m.height()), PixelClassifier.argMax(p));
  }

  /** Instance map: 0 = background, 1..n = instances. */
  public LabelMap segment(Micrograph m) {
    InstanceDecoder.Instances in = detect(m);
    return new LabelMap(m.width(), m.height(), in.labels(), List.of("background", instanceName),
        m.pixelSizeM());
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the instance model failed: " + e.getMessage(), e);
    }
  }
}
