package io.alloyflow.segmentation.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sidecar ({@value #FILE_NAME}) of an instance model folder, next to the U-Net's own sidecar: the
 * resolution the network was trained at and the watershed settings chosen for it, so that {@code
 * segment --instances --model DIR} reproduces the recorded accuracy without flags. A folder without
 * it is a full-resolution model with the decoder defaults.
 *
 * @param format sidecar format id
 * @param object name of the instance kind (e.g. "particle")
 * @param scale integer downsampling factor the network was trained at (1 = full resolution)
 * @param boundaryPx boundary width of the training targets, in pixels of the network's grid
 * @param touchingOnly the training targets marked boundary only along contacts between objects
 *     ({@link ThreeClassTargets#of(int[], int, int, int, boolean)})
 * @param seedThreshold inside probability that makes a watershed marker
 * @param minSeedArea smallest marker, in full-resolution pixels
 * @param minArea smallest instance kept, in full-resolution pixels
 */
public record InstanceSettings(
    String format,
    String object,
    int scale,
    int boundaryPx,
    boolean touchingOnly,
    double seedThreshold,
    int minSeedArea,
    int minArea) {

  /** Sidecar file name. */
  public static final String FILE_NAME = "instance-model.json";

  /** Sidecar format id. */
  public static final String FORMAT = "alloyflow-instance/1";

  /** Decoder settings used when neither the model nor the user gives any. */
  public static final double DEFAULT_SEED_THRESHOLD = 0.5;

  /** Smallest instance kept by default, in full-resolution pixels. */
  public static final int DEFAULT_MIN_AREA = 12;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public InstanceSettings {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "instance settings format must be '" + FORMAT + "', found '" + format + "'");
    }
    if (object == null || object.isBlank()) {
      throw new IllegalArgumentException("instance settings need an object name, found none");
    }
    if (scale < 1 || scale > 16) {
      throw new IllegalArgumentException("instance scale must be in 1..16, found " + scale);
    }
    if (boundaryPx < 1) {
      throw new IllegalArgumentException("boundary width must be >= 1 px, found " + boundaryPx);
    }
    new InstanceDecoder(seedThreshold, minSeedArea, minArea); // validates the decoder values
  }

  /** Settings of a model trained at {@code scale} with the given decoder values. */
  public static InstanceSettings of(String object, int scale, int boundaryPx,
      boolean touchingOnly, double seedThreshold, int minArea) {
    return new InstanceSettings(FORMAT, object, scale, boundaryPx, touchingOnly, seedThreshold,
        Math.max(1, minArea / 3), Math.max(1, minArea));
  }

  /** Full-resolution model with the default decoder (folders without a sidecar). */
  public static InstanceSettings defaults() {
    return of("particle", 1, ThreeClassTargets.BOUNDARY_PX, false, DEFAULT_SEED_THRESHOLD,
        DEFAULT_MIN_AREA);
  }

  /** The decoder these settings describe. */
  public InstanceDecoder decoder() {
    return new InstanceDecoder(seedThreshold, minSeedArea, minArea);
  }

  /** The same settings with another decoder (user overrides). */
  public InstanceSettings withDecoder(double threshold, int area) {
    return of(object, scale, boundaryPx, touchingOnly, threshold, area);
  }

  /** Writes the sidecar into a model folder (atomically). */
  public void write(Path modelDir) throws IOException {
    Files.createDirectories(modelDir);
    io.alloyflow.core.io.AtomicFiles.write(modelDir.resolve(FILE_NAME),
        MAPPER.writeValueAsBytes(this));
  }

  /** The sidecar of a model folder, or {@link #defaults()} when it has none. */
  public static InstanceSettings read(Path modelDir) throws IOException {
    Path f = modelDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      return defaults();
    }
    try {
      return MAPPER.readValue(f.toFile(), InstanceSettings.class);
    } catch (IOException e) {
      throw new IOException("malformed instance-model sidecar " + f + ": " + e.getMessage()
          + " (expected format " + FORMAT + " with object, scale, boundaryPx, touchingOnly,"
          + " seedThreshold,"
          + " minSeedArea, minArea)", e);
    }
  }
}
