package io.alloyflow.segmentation.unet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.nn.UNetArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * JSON sidecar ({@value #FILE_NAME}) written next to the DJL parameter file of a trained U-Net:
 * everything needed to rebuild the network and to trace how it was trained (data hashes,
 * augmentation, epochs, seed, validation metrics), following the model-card idea of Mitchell et
 * al. (2019, FAT* "Model Cards for Model Reporting").
 *
 * @param format sidecar format id
 * @param architecture network shape
 * @param classNames class names (index = label value)
 * @param normalization how input intensities are scaled
 * @param parameterFile DJL parameter file name in the same folder
 * @param parameterCount trainable scalars
 * @param tileSize default inference tile side
 * @param tileOverlap default inference tile overlap
 * @param training training settings
 * @param classWeights loss weight per class
 * @param data SHA-256 hashes of the training and validation inputs
 * @param epochsRun epochs actually run
 * @param bestEpoch epoch whose weights were kept (1-based)
 * @param validation validation metrics of the kept weights (on the training images when no
 *     validation set was given; see validationSource)
 * @param validationSource "validation" or "training"
 * @param history per-epoch log
 * @param engine DJL engine name and version
 * @param trainingSeconds wall-clock training time
 * @param createdUtc ISO-8601 creation time
 */
public record UNetModelCard(
    String format,
    UNetArchitecture architecture,
    List<String> classNames,
    String normalization,
    String parameterFile,
    long parameterCount,
    int tileSize,
    int tileOverlap,
    TrainingConfig training,
    double[] classWeights,
    List<DataHash> data,
    int epochsRun,
    int bestEpoch,
    Map<String, Object> validation,
    String validationSource,
    List<EpochLog> history,
    String engine,
    double trainingSeconds,
    String createdUtc) {

  /** Sidecar file name. */
  public static final String FILE_NAME = "unet-model.json";

  /** Sidecar format id. */
  public static final String FORMAT = "alloyflow-unet/1";

  /** Hash of one training or validation input. */
  public record DataHash(String role, int index, int width, int height, String imageSha256,
      String maskSha256) {}

  /** One epoch of the training log. */
  public record EpochLog(int epoch, double meanLoss, double validationMIoU, double seconds) {}

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the sidecar into a model folder (atomically: temporary sibling, then a rename). */
  public void write(Path modelDir) throws IOException {
    Files.createDirectories(modelDir);
    io.alloyflow.core.io.AtomicFiles.write(modelDir.resolve(FILE_NAME), MAPPER.writeValueAsBytes(this));
  }

  /** Reads the sidecar of a model folder, with a clear error when it is missing or malformed. */
  public static UNetModelCard read(Path modelDir) throws IOException {
    Path f = modelDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      throw new IOException(
          "not a U-Net model folder: " + modelDir + " has no " + FILE_NAME
              + " (expected the JSON sidecar written by UNetTrainer)");
    }
    UNetModelCard card;
    try {
      card = MAPPER.readValue(f.toFile(), UNetModelCard.class);
    } catch (IOException e) {
      throw new IOException("malformed U-Net model sidecar " + f + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(card.format())) {
      throw new IOException(
          "U-Net model sidecar " + f + " has format '" + card.format() + "', expected '" + FORMAT
              + "'");
    }
    return card;
  }
}
