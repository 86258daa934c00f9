package io.alloyflow.eds.cli;

import io.alloyflow.core.io.SpectrumImageFiles;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.denoise.DenoisePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one denoising path shared by {@code eds denoise} and {@code POST /v1/eds/denoise}: parse
 * and validate the options, then run {@link DenoisePipeline#run} into an output folder. The CLI
 * keeps the folder; the HTTP endpoint runs into a temporary folder and returns what it wrote.
 */
public final class Denoising {
  private Denoising() {}

  /** Largest component count accepted (the pipeline computes at most 32 components). */
  public static final int MAX_COMPONENTS = 32;

  /**
   * Parses a method name.
   *
   * @param name pca, ica or nmf (any case)
   * @param where name of the option or field, for the error message
   */
  public static DenoisePipeline.Method method(String name, String where) {
    String m = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return switch (m) {
      case "pca" -> DenoisePipeline.Method.PCA;
      case "ica" -> DenoisePipeline.Method.ICA;
      case "nmf" -> DenoisePipeline.Method.NMF;
      default -> throw new IllegalArgumentException(
          where + " must be pca, ica or nmf, found '" + name + "'");
    };
  }

  /**
   * Validates a component count: 0 = automatic (noise edge of the scree plot), else 1..32 and less
   * than the number of pixels and channels.
   */
  public static int components(int k, SpectrumImage si, String where) {
    if (k < 0 || k > MAX_COMPONENTS) {
      throw new IllegalArgumentException(
          where + " must be 0 (automatic) or 1.." + MAX_COMPONENTS + ", found " + k);
    }
    long pixels = (long) si.width() * si.height();
    if (k > 0 && (k >= pixels || k >= si.channels())) {
      throw new IllegalArgumentException(where + " = " + k + " is not below the cube's " + pixels
          + " pixels and " + si.channels() + " channels");
    }
    return k;
  }

  /**
   * Checks that a cube can be decomposed (at least 2 x 2 pixels, 16 channels, some counts).
   *
   * @param si the cube
   * @param where where it came from, for the error message
   */
  public static void checkCube(SpectrumImage si, String where) {
    if ((long) si.width() * si.height() < 4 || si.width() < 2 || si.channels() < 16) {
      throw new IllegalArgumentException(where + ": a " + si.width() + "x" + si.height() + "x"
          + si.channels() + " cube is too small to denoise: expected at least 2x2 pixels and 16"
          + " channels");
    }
    double total = 0;
    for (float v : si.data()) {
      if (!(v >= 0) || Float.isInfinite(v)) {
        throw new IllegalArgumentException(where + ": counts must be finite and >= 0, found " + v);
      }
      total += v;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException(where + ": the cube holds no counts");
    }
  }

  /**
   * Runs the denoising pipeline (validated inputs) into {@code out}: {@code denoised.rpl/.raw},
   * {@code scree.png}, {@code maps/EL-before.png}, {@code maps/EL-after.png}, {@code
   * components/*.png}, {@code snr.json}.
   */
  public static DenoisePipeline.Report run(
      SpectrumImage si, DenoisePipeline.Method method, int components, Path out, long seed)
      throws IOException {
    checkCube(si, "spectrum image");
    components(components, si, "components");
    return DenoisePipeline.run(si, method, components, out, seed);
  }

  /**
   * Reads a spectrum image file: a Lispix {@code .rpl} (with its RAW), an Arrow IPC cube, a
   * Bruker {@code .bcf} hypermap or a HyperSpy {@code .hspy} spectrum image.
   */
  public static SpectrumImage readCube(Path file) throws IOException {
    return SpectrumImageFiles.read(file);
  }
}
