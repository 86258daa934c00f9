package io.alloyflow.segmentation;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.segmentation.classical.AdaptiveThreshold;
import io.alloyflow.segmentation.classical.KMeans;
import io.alloyflow.segmentation.classical.MultiOtsu;
import io.alloyflow.segmentation.classical.Otsu;
import io.alloyflow.segmentation.filters.Filters;
import io.alloyflow.segmentation.measure.PhaseFractions;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.unet.EnsembleSegmenter;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phase segmentation facade used by the activity, the HTTP API and the CLI: picks the algorithm
 * named in {@link SegmentationOptions}, returns the label map, class names, phase fractions with
 * standard errors and the {@link AlgorithmInfo} of what ran. Classical methods name classes
 * {@code phase0} (darkest) upward.
 */
public final class Segmenter {
  private Segmenter() {}

  /** Loaded pixel classifiers keyed by path, size and modification time (a rewritten file reloads). */
  private static final Map<String, PixelClassifier> MODELS = new ConcurrentHashMap<>();

  /** Segments a micrograph. */
  public static PhaseSegmentation segment(Micrograph m, SegmentationOptions o) {
    int w = m.width();
    int h = m.height();
    float[] px = m.pixels();
    if (o.smoothingSigma() > 0 && !o.method().equals("pixel-classifier") && !o.method().equals("unet")
        && !o.method().equals("ensemble")) {
      px = Filters.gaussian(px, w, h, o.smoothingSigma());
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("method", o.method());
    params.put("smoothingSigma", Double.toString(o.smoothingSigma()));
    int[] labels;
    List<String> names;
    AlgorithmInfo info;
    switch (o.method()) {
      case "otsu" -> {
        double t = Otsu.threshold(px);
        labels = MultiOtsu.apply(px, new double[] {t});
        params.put("threshold", Double.toString(t));
        names = phaseNames(2);
        info = new AlgorithmInfo("otsu-threshold", "1.0",
            "Otsu N. 1979, IEEE Trans. SMC 9(1):62-66", params);
      }
      case "multiotsu" -> {
        double[] t = MultiOtsu.thresholds(px, o.classes());
        labels = MultiOtsu.apply(px, t);
        params.put("classes", Integer.toString(o.classes()));
        params.put("thresholds", java.util.Arrays.toString(t));
        names = phaseNames(o.classes());
        info = new AlgorithmInfo("multi-otsu-threshold", "1.0",
            "Liao P.-S., Chen T.-S. and Chung P.-C. 2001, J. Inf. Sci. Eng. 17:713-727", params);
      }
      case "kmeans" -> {
        KMeans.Result r = KMeans.segment(px, w, h, o.classes(), o.localFeatures(), o.seed());
        labels = r.labels();
        params.put("classes", Integer.toString(o.classes()));
        params.put("localFeatures", Boolean.toString(o.localFeatures()));
        params.put("seed", Long.toString(o.seed()));
        params.put("centres", java.util.Arrays.toString(r.centerIntensity()));
        names = phaseNames(o.classes());
        info = new AlgorithmInfo("kmeans-intensity", "1.0",
            "Lloyd S.P. 1982, IEEE Trans. Inf. Theory 28(2):129-137; Arthur D. and"
                + " Vassilvitskii S. 2007, SODA", params);
      }
      case "adaptive" -> {
        byte[] b = AdaptiveThreshold.segment(px, w, h, o.adaptiveBlockSize(), 0,
            AdaptiveThreshold.Kind.GAUSSIAN);
        labels = new int[b.length];
        for (int i = 0; i < b.length; i++) {
          labels[i] = b[i];
        }
        params.put("blockSize", Integer.toString(o.adaptiveBlockSize()));
        names = phaseNames(2);
        info = new AlgorithmInfo("adaptive-gaussian-threshold", "1.0",
            "Gonzalez R.C. and Woods R.E. 2008, Digital Image Processing, Sec. 10.3.7", params);
      }
      case "pixel-classifier" -> {
        PixelClassifier pc = pixelClassifier(o.model());
        labels = pc.predict(px, w, h);
        names = pc.classNames();
        Map<String, String> p2 = new LinkedHashMap<>(pc.algorithm().parameters());
        p2.put("model", o.model().getFileName().toString());
        info = new AlgorithmInfo(pc.algorithm().name(), pc.algorithm().version(),
            pc.algorithm().reference(), p2);
      }
      case "unet" -> {
        LabelMap lm = runUnet(m, o.model());
        labels = lm.labels();
        names = lm.classNames().isEmpty() ? phaseNames(lm.maxLabel() + 1) : lm.classNames();
        params.put("model", o.model().toString());
        info = new AlgorithmInfo("unet", "1.0",
            "Ronneberger O., Fischer P. and Brox T. 2015, U-Net, MICCAI", params);
      }
      case "ensemble" -> {
        try (EnsembleSegmenter en = EnsembleSegmenter.load(o.model())) {
          labels = en.segment(m).labels();
          names = en.classNames();
          params.put("model", o.model().toString());
          params.put("pixelWeight", java.util.Arrays.toString(en.descriptor().pixelWeight()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        info = new AlgorithmInfo("ensemble-pixel-classifier-unet", "1.0",
            "Kittler J. et al. 1998, On combining classifiers, IEEE TPAMI 20:226-239", params);
      }
      default -> throw new IllegalArgumentException("unknown method " + o.method());
    }
    LabelMap lm = new LabelMap(w, h, labels, names, m.pixelSizeM());
    return new PhaseSegmentation(
        lm, names, PhaseFractions.measure(labels, w, h, names, o.fractionTiles(), 1), info);
  }

  /** The pixel classifier saved in {@code model}, loaded once per file version. */
  public static PixelClassifier pixelClassifier(Path model) {
    Path mp = model.toAbsolutePath().normalize();
    String key;
    try {
      key = mp + "|" + java.nio.file.Files.size(mp) + "|"
          + java.nio.file.Files.getLastModifiedTime(mp).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException(mp + ": pixel-classifier model not readable: " + e.getMessage(), e));
    }
    return MODELS.computeIfAbsent(key, k -> {
      try {
        return PixelClassifier.load(mp);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Runs the U-Net of {@code io.alloyflow.segmentation.unet} saved in {@code model}. */
  static LabelMap runUnet(Micrograph m, Path model) {
    try (UNetSegmenter seg = UNetSegmenter.load(model)) {
      return seg.segment(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> phaseNames(int k) {
    List<String> n = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      n.add("phase" + i);
    }
    return n;
  }
}
