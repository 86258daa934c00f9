package io.alloyflow.core.io;

import io.alloyflow.core.io.bruker.BcfReader;
import io.alloyflow.core.io.hspy.HspyIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The one dispatch on file type for spectrum images, used by every command and API that takes
 * one: Arrow IPC ({@link ArrowIO}, magic {@code ARROW1}), Bruker Esprit {@code .bcf} hypermaps
 * ({@link BcfReader}, magic {@code AAMVHFSS}), HyperSpy {@code .hspy} (HDF5, {@link HspyIO},
 * signature {@code \211HDF\r\n\032\n} at byte 0, 512, 1024 or 2048) and Lispix {@code .rpl}
 * headers with their {@code .raw} data ({@link RplIO}, a text header with a {@code width} line).
 * The type is decided by the file's first bytes, not its name, so a renamed file still reads and a
 * file that is none of these is refused with one line naming what was expected. Uploads (bytes
 * rather than files) are decoded the same way, with a voxel limit checked before the cube is
 * allocated and error messages that name the request parts, never a server path.
 */
public final class SpectrumImageFiles {
  private SpectrumImageFiles() {}

  /** Spectrum-image file types. */
  public enum Format {
    /** Arrow IPC file of {@link ArrowIO#toArrow(SpectrumImage)}. */
    ARROW,
    /** Bruker Esprit hypermap. */
    BCF,
    /** HyperSpy HDF5. */
    HSPY,
    /** Lispix RPL header (with RAW data beside it). */
    RPL
  }

  /** Largest RPL header accepted in an upload (real ones are a few hundred bytes). */
  public static final int MAX_UPLOAD_RPL_BYTES = 64 * 1024;

  private static final String EXPECTED = "a spectrum image: Arrow IPC (ARROW1), Bruker .bcf"
      + " (AAMVHFSS), HyperSpy .hspy (HDF5) or a Lispix .rpl header";

  /** The type of a file from its first bytes, or null when it is none of the four. */
  public static Format detect(byte[] head) {
    if (head == null) {
      return null;
    }
    if (startsWith(head, 0, "ARROW1")) {
      return Format.ARROW;
    }
    if (startsWith(head, 0, "AAMVHFSS")) {
      return Format.BCF;
    }
    for (int off : new int[] {0, 512, 1024, 2048}) {
      if (head.length >= off + 8 && (head[off] & 0xFF) == 0x89 && startsWith(head, off + 1, "HDF")
          && head[off + 4] == '\r' && head[off + 5] == '\n' && head[off + 6] == 0x1A
          && head[off + 7] == '\n') {
        return Format.HSPY;
      }
    }
    if (looksLikeRpl(head)) {
      return Format.RPL;
    }
    return null;
  }

  /** The type of a file from its first 4 KiB. */
  public static Format detect(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FormatException(file, "path", "a regular file", "no such file or not a file");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4096);
    }
    return detect(head);
  }

  /** Reads a spectrum image of any of the four types under the default limits. */
  public static SpectrumImage read(Path file) throws IOException {
    return read(file, ReadLimits.DEFAULT);
  }

  /**
   * Reads a spectrum image of any of the four types; sizes are checked against the limits before
   * the cube is allocated.
   *
   * @throws FormatException when the file is none of them (one line: what was expected, what
   *     was found) or is damaged
   */
  public static SpectrumImage read(Path file, ReadLimits limits) throws IOException {
    Format f = detect(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (f == null && name.endsWith(".bcf")) {
      f = Format.BCF; // not one: the BCF reader says so in its own words (AAMVHFSS expected)
    } else if (f == null && (name.endsWith(".hspy") || name.endsWith(".h5"))) {
      f = Format.HSPY; // likewise the HDF5 reader
    }
    if (f == null) {
      throw new FormatException(file, "byte offset 0", EXPECTED, foundWhat(file));
    }
    return switch (f) {
      case ARROW -> {
        long size = Files.size(file);
        if (size > limits.maxBytes() + (1 << 20)) {
          throw new FormatException(file, "file size", "at most " + limits.maxBytes()
              + " bytes of cube (read limit)", size + " bytes");
        }
        yield ArrowIO.spectrumImageFromArrow(Files.readAllBytes(file), limits);
      }
      case BCF -> BcfReader.read(file, limits).spectrumImage();
      case HSPY -> {
        try {
          yield HspyIO.toSpectrumImage(HspyIO.read(file, limits));
        } catch (IllegalArgumentException e) {
          throw new FormatException(file, "/Experiments", "a spectrum image (3 axes: y, x, energy)",
              String.valueOf(e.getMessage()));
        }
      }
      case RPL -> RplIO.read(file, limits);
    };
  }

  /**
   * Decodes a spectrum image sent as one body or part (Arrow IPC, .bcf or .hspy, by its bytes).
   *
   * @param body the bytes
   * @param part how the request names them ("request body", "part 'si'"), for messages
   * @param maxVoxels the endpoint's limit on width x height x channels
   * @throws IllegalArgumentException one line naming the part, what was expected and what was
   *     found
   */
  public static SpectrumImage decode(byte[] body, String part, long maxVoxels)
      throws IOException {
    if (body == null || body.length == 0) {
      throw new IllegalArgumentException(part + " is empty: expected " + EXPECTED
          + " (an RPL header comes with its RAW data as parts 'rpl' and 'raw')");
    }
    if (body.length > 4L * maxVoxels + (1 << 20)) {
      throw new IllegalArgumentException(part + " of " + body.length
          + " bytes is over the limit for a cube of " + maxVoxels + " float32 voxels");
    }
    Format f = detect(body);
    if (f == null) {
      throw new IllegalArgumentException(part + ": expected " + EXPECTED + ", found "
          + foundWhat(body));
    }
    ReadLimits limits = limits(maxVoxels);
    SpectrumImage si;
    switch (f) {
      case ARROW -> {
        try {
          si = ArrowIO.spectrumImageFromArrow(body, limits);
        } catch (IOException e) {
          throw new IllegalArgumentException(part + ": " + e.getMessage()
              + " (expected an Arrow IPC spectrum image)", e);
        }
      }
      case RPL -> throw new IllegalArgumentException(part + " is an RPL header: send it with its"
          + " RAW data as multipart parts 'rpl' and 'raw'");
      default -> {
        Path dir = Files.createTempDirectory("alloyflow-upload-");
        Path p = dir.resolve(f == Format.BCF ? "upload.bcf" : "upload.hspy");
        try {
          Files.write(p, body);
          si = read(p, limits);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              String.valueOf(e.getMessage()).replace(p.toString(), part)
                  .replace(dir.toString(), "upload"), e);
        } finally {
          deleteTree(dir);
        }
      }
    }
    checkVoxels(si.width(), si.height(), si.channels(), maxVoxels, part);
    return si;
  }

  /**
   * Decodes a Lispix RPL header and its RAW data (plain or gzipped) sent as parts 'rpl' and
   * 'raw'; the header's width x height x depth is checked against maxVoxels before the data are
   * read.
   */
  public static SpectrumImage decodeRpl(byte[] rpl, byte[] raw, long maxVoxels)
      throws IOException {
    if (rpl == null || rpl.length == 0) {
      throw new IllegalArgumentException(
          "part 'rpl' is missing or empty: expected the Lispix RPL header text");
    }
    if (rpl.length > MAX_UPLOAD_RPL_BYTES) {
      throw new IllegalArgumentException("part 'rpl' has " + rpl.length
          + " bytes: an RPL header is expected to be a few hundred bytes (at most 64 KiB)");
    }
    if (raw == null || raw.length == 0) {
      throw new IllegalArgumentException(
          "part 'raw' is missing or empty: expected the binary data the RPL header describes");
    }
    String header = new String(rpl, StandardCharsets.ISO_8859_1);
    long w = headerLong(header, "width");
    long h = headerLong(header, "height");
    long d = headerLong(header, "depth");
    if (w > 0 && h > 0 && d > 0) {
      checkVoxels(w, h, d, maxVoxels, "part 'rpl'");
    }
    Path dir = Files.createTempDirectory("alloyflow-upload-");
    Path p = dir.resolve("upload.rpl");
    // a gzipped RAW (magic 1f 8b) is stored as upload.raw.gz, which RplIO inflates
    boolean gz = raw.length > 2 && raw[0] == (byte) 0x1f && raw[1] == (byte) 0x8b;
    Path rawFile = dir.resolve(gz ? "upload.raw.gz" : "upload.raw");
    try {
      Files.write(p, rpl);
      Files.write(rawFile, raw);
      SpectrumImage si;
      try {
        si = RplIO.read(p, limits(maxVoxels));
      } catch (IOException e) {
        // name the parts, not this server's temporary files
        throw new IllegalArgumentException(String.valueOf(e.getMessage())
            .replace(p.toString(), "part 'rpl'").replace(rawFile.toString(), "part 'raw'")
            .replace(dir.toString(), "upload"), e);
      }
      checkVoxels(si.width(), si.height(), si.channels(), maxVoxels, "part 'rpl'");
      return si;
    } finally {
      deleteTree(dir);
    }
  }

  /** Refuses a cube of more than maxVoxels values, naming where it came from. */
  public static void checkVoxels(long w, long h, long d, long maxVoxels, String where) {
    long v = w * h * d;
    if (v > maxVoxels || v < 0) {
      throw new IllegalArgumentException(where + ": a " + w + "x" + h + "x" + d + " cube has " + v
          + " voxels, over this endpoint's limit of " + maxVoxels
          + " (bin it first, or run the CLI/workflow on large cubes)");
    }
  }

  /** Read limits that hold a float32 cube of maxVoxels values. */
  static ReadLimits limits(long maxVoxels) {
    return ReadLimits.DEFAULT.withMaxBytes(Math.min(ReadLimits.DEFAULT.maxBytes(),
        Math.max(4L * maxVoxels, 1 << 20)));
  }

  private static boolean startsWith(byte[] b, int off, String ascii) {
    if (b.length < off + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (b[off + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Text (no NUL in the first 4 KiB) with a line "width N" (case-insensitive). */
  private static boolean looksLikeRpl(byte[] head) {
    int n = Math.min(head.length, 4096);
    for (int i = 0; i < n; i++) {
      if (head[i] == 0) {
        return false;
      }
    }
    String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\\R")) {
      String[] kv = line.strip().split("[\\s]+", 2);
      if (kv.length == 2 && kv[0].equalsIgnoreCase("width") && kv[1].strip().matches("\\d+")) {
        return true;
      }
    }
    return false;
  }

  private static String foundWhat(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return foundWhat(in.readNBytes(16));
    }
  }

  /** Describes an unknown file by its type where recognisable, never by its content. */
  private static String foundWhat(byte[] b) {
    if (b.length >= 4 && (b[0] & 0xFF) == 0x89 && startsWith(b, 1, "PNG")) {
      return "a PNG image (a micrograph, not a spectrum image)";
    }
    if (b.length >= 4 && ((startsWith(b, 0, "II") && b[2] == 42) || (startsWith(b, 0, "MM")
        && b[3] == 42))) {
      return "a TIFF image (a micrograph, not a spectrum image)";
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
      return "a JPEG image (a micrograph, not a spectrum image)";
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b) {
      return "a gzip stream (a gzipped RAW is read through its .rpl header)";
    }
    if (startsWith(b, 0, "#FORMAT") || startsWith(b, 0, "#format")) {
      return "an EMSA spectrum (a single spectrum, not a spectrum image)";
    }
    return "another file type";
  }

  /** A positive integer header value, or -1 when absent or not a number (RplIO then reports it). */
  private static long headerLong(String header, String key) {
    for (String line : header.split("\\R")) {
      String[] kv = line.strip().split("[\\s]+", 2);
      if (kv.length == 2 && kv[0].toLowerCase(Locale.ROOT).equals(key)) {
        try {
          return Long.parseLong(kv[1].strip());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
