package io.alloyflow.fusion.classify.unet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.nn.UNetArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JSON card ({@value #FILE_NAME}) beside the DJL parameter file of a trained stacked-channel
 * U-Net: what is needed to rebuild and apply it (shape, channel names and their standardisation,
 * class weights and the prior correction chosen on validation data) and how it was trained.
 *
 * @param format card format id
 * @param shape network shape
 * @param classNames class names, index = label
 * @param channels input channel names, in order
 * @param channelMean per-channel mean of the training planes (subtracted)
 * @param channelSd per-channel standard deviation of the training planes (divided by)
 * @param classWeights loss weights per class
 * @param priorPower inference divides class probabilities by {@code classWeights^priorPower} and
 *     renormalises (undoes the weighting's shift of the posteriors; Saerens, Latinne and
 *     Decaestecker, Neural Comput. 14 (2002) 21); chosen on the validation images
 * @param config training settings
 * @param trainingData free-text description of the training and validation data
 * @param epochsRun epochs trained
 * @param bestEpoch epoch whose weights were kept
 * @param validationMacroF1 macro-F1 over the validation pixels at the best epoch
 * @param history per epoch: epoch, mean loss, validation macro-F1, seconds
 * @param parameterFile DJL parameter file name
 * @param parameterSha256 SHA-256 of the parameter file
 * @param parameters trainable scalars
 * @param engine engine and version
 * @param trainSeconds wall-clock training time
 */
public record FusionUNetCard(String format, UNetArchitecture shape, List<String> classNames,
    List<String> channels, double[] channelMean, double[] channelSd, double[] classWeights,
    double priorPower, FusionUNetConfig config, String trainingData, int epochsRun,
    int bestEpoch, double validationMacroF1, List<double[]> history, String parameterFile,
    String parameterSha256, long parameters, String engine, double trainSeconds) {

  /** Card file name inside a model folder. */
  public static final String FILE_NAME = "fusion-unet.json";

  /** Format id. */
  public static final String FORMAT = "alloyflow-fusion-unet/1";

  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public FusionUNetCard {
    channels = List.copyOf(channels);
    classNames = List.copyOf(classNames);
    if (channels.size() != shape.inChannels() || channelMean.length != channels.size()
        || channelSd.length != channels.size()) {
      throw new IllegalArgumentException("U-Net card: " + channels.size() + " channel names, "
          + channelMean.length + " means and " + channelSd.length + " deviations for a network"
          + " of " + shape.inChannels() + " input channels");
    }
    if (classNames.size() != shape.numClasses() || classWeights.length != shape.numClasses()) {
      throw new IllegalArgumentException("U-Net card: " + classNames.size() + " class names and "
          + classWeights.length + " weights for a network of " + shape.numClasses()
          + " classes");
    }
  }

  void write(Path dir) throws IOException {
    JSON.writeValue(dir.resolve(FILE_NAME).toFile(), this);
  }

  /** Reads the card of a model folder. */
  public static FusionUNetCard read(Path dir) throws IOException {
    Path f = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      throw new IOException("not a fusion U-Net model folder (no " + FILE_NAME + "): " + dir);
    }
    FusionUNetCard c;
    try {
      c = JSON.readValue(f.toFile(), FusionUNetCard.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("malformed U-Net card " + f + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(c.format())) {
      throw new IOException("U-Net card " + f + " has format '" + c.format() + "', expected '"
          + FORMAT + "'");
    }
    return c;
  }
}
