package io.alloyflow.segmentation.cli;

import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.segmentation.io.SegmentationInputException;
import io.alloyflow.segmentation.unet.UNetModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --model} arguments: a path to a trained model (pixel-classifier ZIP, U-Net folder or
 * ensemble folder) or
 * the name of a model shipped in the repository's {@code models/} folder ({@code --model
 * nasa-superalloy-pixel}); a path that exists wins over a name.
 */
final class ModelArgs {
  private ModelArgs() {}

  /** Task id of segmentation models in the zoo index. */
  static final String TASK = "semantic-segmentation";

  /** Task id of instance-segmentation models ({@code segment --instances}) in the zoo index. */
  static final String INSTANCE_TASK = "instance-segmentation";

  /** The model file or folder {@code ref} names. */
  static Path resolve(String ref) throws IOException {
    return resolve(ref, TASK);
  }

  /** The model file or folder {@code ref} names; a shipped name must be of {@code task}. */
  static Path resolve(String ref, String task) throws IOException {
    Path p = Path.of(ref);
    if (Files.exists(p)) {
      return p;
    }
    if (ref.contains("/") || ref.contains("\\") || ref.endsWith(".zip")) {
      throw new SegmentationInputException(p, "model not found");
    }
    try {
      return ShippedModels.installed().resolve(ref, task).file();
    } catch (IllegalArgumentException e) {
      throw new SegmentationInputException(p, "neither a model file or folder nor a shipped"
          + " model: " + e.getMessage());
    }
  }

  /**
   * The method that reads a model: an ensemble folder ({@code ensemble.json}), a U-Net folder
   * (with its sidecar) or a pixel-classifier ZIP.
   */
  static String methodOf(Path model) {
    if (io.alloyflow.segmentation.unet.EnsembleSegmenter.isEnsemble(model)) {
      return "ensemble";
    }
    return Files.isDirectory(model) && Files.isRegularFile(model.resolve(UNetModelCard.FILE_NAME))
        ? "unet" : "pixel-classifier";
  }
}
