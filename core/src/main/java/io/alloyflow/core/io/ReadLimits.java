package io.alloyflow.core.io;

import java.nio.file.Path;

/**
 * Bounds every file reader in this package checks against the sizes a file <em>declares</em>
 * (image header, {@code #NPOINTS}, RPL width*height*depth, Arrow schema metadata and buffer
 * lengths) before it allocates anything for them, and against the file's actual size before it
 * reads it. A violation is a {@link FormatException} naming what was declared and the limit, so a
 * small hostile file cannot make a reader allocate gigabytes.
 *
 * <p>{@link #DEFAULT}: 2^28 pixels (16384 x 16384, the largest frame of current SEM stage
 * montages and the limit the segmentation service already used; a 1 GiB float buffer for a gray
 * image); 2^16 channels per spectrum (EDS detectors record 1024 to 4096 channels, hyperspectral
 * WDS/EELS exports up to ~16384; 65536 leaves a 16x margin); 4 GiB per file and per decoded sample
 * buffer (a 512 x 512 x 4096 float32 spectrum cube, the largest typical SEM-EDS map). Servers that
 * share a JVM with workers pass tighter limits matched to their heap.
 *
 * @param maxPixels most pixels (width * height) of an image or spectrum image, >= 1
 * @param maxChannels most channels (energy bins) of one spectrum, >= 2
 * @param maxBytes most bytes of one input file and of one decoded sample buffer (4 bytes per
 *     float sample), >= 1
 */
public record ReadLimits(long maxPixels, long maxChannels, long maxBytes) {

  /** Default limits (see the class comment for the reasons). */
  public static final ReadLimits DEFAULT = new ReadLimits(1L << 28, 1L << 16, 4L << 30);

  /**
   * Smallest width and height of a micrograph: below 8 x 8 pixels no microstructure measure
   * (grain intercepts, phase fractions, texture filters with 3x3 support and their borders) is
   * meaningful, and such files are in practice thumbnails or corrupt headers.
   */
  public static final int MIN_IMAGE_SIDE = 8;

  /** Fewest channels of a spectrum: a 1-channel "spectrum" has no energy axis to speak of. */
  public static final int MIN_CHANNELS = 2;

  /** Largest in-memory array Java can allocate (elements). */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  public ReadLimits {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be >= 1, found " + maxPixels);
    }
    if (maxChannels < MIN_CHANNELS) {
      throw new IllegalArgumentException(
          "maxChannels must be >= " + MIN_CHANNELS + ", found " + maxChannels);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1, found " + maxBytes);
    }
  }

  /** These limits with another pixel bound. */
  public ReadLimits withMaxPixels(long pixels) {
    return new ReadLimits(pixels, maxChannels, maxBytes);
  }

  /** These limits with another channel bound. */
  public ReadLimits withMaxChannels(long channels) {
    return new ReadLimits(maxPixels, channels, maxBytes);
  }

  /** These limits with another byte bound. */
  public ReadLimits withMaxBytes(long bytes) {
    return new ReadLimits(maxPixels, maxChannels, bytes);
  }

  /** A path naming in-memory content in error messages ({@code fallback} when not a valid path). */
  static Path sourceName(String name, String fallback) {
    if (name == null || name.isBlank()) {
      return Path.of(fallback);
    }
    try {
      return Path.of(name);
    } catch (java.nio.file.InvalidPathException e) {
      return Path.of(fallback);
    }
  }

  /** Checks the size of a file about to be read whole into memory. */
  void checkFileSize(Path file, long size) throws FormatException {
    long cap = Math.min(maxBytes, MAX_ARRAY);
    if (size > cap) {
      throw new FormatException(file, "file size", "at most " + cap + " bytes (read limit)",
          size + " bytes");
    }
  }

  /**
   * Checks declared image dimensions before any pixel buffer exists: width, height and channels
   * positive, width*height within {@link #maxPixels}, width*height*channels float samples within
   * {@link #maxBytes} and a Java array.
   */
  void checkImage(Path file, String location, long width, long height, long channels)
      throws FormatException {
    if (width <= 0 || height <= 0 || channels <= 0) {
      throw new FormatException(file, location, "a positive image size",
          width + "x" + height + "x" + channels);
    }
    long pixels = width * height; // both < 2^32: no overflow
    if (pixels > maxPixels) {
      throw new FormatException(file, location, "at most " + maxPixels + " pixels (read limit)",
          width + "x" + height + " = " + pixels + " pixels declared");
    }
    checkSamples(file, location, pixels, channels);
  }

  /** Checks a declared micrograph size against {@link #MIN_IMAGE_SIDE}. */
  static void checkMinimumSide(Path file, String location, long width, long height)
      throws FormatException {
    if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
      throw new FormatException(file, location,
          "a micrograph of at least " + MIN_IMAGE_SIDE + "x" + MIN_IMAGE_SIDE + " pixels",
          width + "x" + height);
    }
  }

  /** Checks a declared spectrum length: {@link #MIN_CHANNELS}..{@link #maxChannels}. */
  void checkChannels(Path file, String location, long channels) throws FormatException {
    if (channels < MIN_CHANNELS || channels > maxChannels) {
      throw new FormatException(file, location,
          MIN_CHANNELS + ".." + maxChannels + " channels per spectrum"
              + (channels > maxChannels ? " (read limit)" : ""),
          channels + " channels declared");
    }
  }

  /** Checks a declared spectrum image: pixels, channels and float cube bytes. */
  void checkCube(Path file, String location, long width, long height, long channels)
      throws FormatException {
    if (width <= 0 || height <= 0) {
      throw new FormatException(file, location, "a positive map size", width + "x" + height);
    }
    checkChannels(file, location, channels);
    long pixels = width * height;
    if (width > MAX_ARRAY || height > MAX_ARRAY || pixels > maxPixels) {
      throw new FormatException(file, location, "at most " + maxPixels + " pixels (read limit)",
          width + "x" + height + " pixels declared");
    }
    checkSamples(file, location, pixels, channels);
  }

  private void checkSamples(Path file, String location, long pixels, long channels)
      throws FormatException {
    long values = Math.multiplyHigh(pixels, channels) != 0 ? Long.MAX_VALUE : pixels * channels;
    long bytes = values > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : values * 4;
    if (values > MAX_ARRAY || bytes > maxBytes) {
      throw new FormatException(file, location,
          "at most " + Math.min(MAX_ARRAY, maxBytes / 4) + " samples (" + maxBytes
              + " bytes of float samples, read limit)",
          pixels + " pixels x " + channels + " channels declared");
    }
  }
}
