package io.alloyflow.segmentation.instance;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.unet.TiledPredictor;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Instance segmentation of touching objects (powder particles, satellites) with a three-class
 * U-Net ({@link ThreeClassTargets}) followed by the marker-controlled watershed of {@link
 * InstanceDecoder}. The probabilities are computed with tiled inference, so large tiles are fine.
 */
public final class InstanceSegmenter implements AutoCloseable {

  private final UNetSegmenter unet;
  private final InstanceDecoder decoder;
  private final String instanceName;

  /**
   * @param unet a U-Net trained on {@link ThreeClassTargets} labels
   * @param decoder probability-to-instance settings
   * @param instanceName name of the instance kind (e.g. "particle")
   */
  public InstanceSegmenter(UNetSegmenter unet, InstanceDecoder decoder, String instanceName) {
    if (unet.card().architecture().numClasses() != 3) {
      throw new IllegalArgumentException(
          "instance segmentation needs a 3-class (background/inside/boundary) U-Net, found "
              + unet.card().architecture().numClasses() + " classes " + unet.card().classNames());
    }
    this.unet = unet;
    this.decoder = decoder;
    this.instanceName = instanceName;
  }

  /** Loads a three-class model folder written by the U-Net trainer. */
  public static InstanceSegmenter load(Path modelDir, InstanceDecoder decoder, String name)
      throws IOException {
    UNetSegmenter u = UNetSegmenter.load(modelDir);
    try {
      return new InstanceSegmenter(u, decoder, name);
    } catch (IllegalArgumentException e) {
      u.close();
      throw e;
    }
  }

  /** Instances with scores. */
  public InstanceDecoder.Instances detect(Micrograph m) {
    TiledPredictor.Result r = unet.predict(m, true);
    return decoder.decode(r.probabilities(), m.width(), m.height());
  }

  /** Instance map: 0 = background, 1..n = instances. */
  public LabelMap segment(Micrograph m) {
    InstanceDecoder.Instances in = detect(m);
    return new LabelMap(m.width(), m.height(), in.labels(), List.of("background", instanceName),
        m.pixelSizeM());
  }

  @Override
  public void close() {
    unet.close();
  }
}
