package io.alloyflow.eds.http;

import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Decodes an uploaded spectrum image, an Arrow IPC cube ({@link ArrowIO}) or a Lispix RPL header
 * with its RAW data, plain or gzipped ({@link RplIO}), refusing cubes over a voxel limit before
 * they are decoded (the Arrow body's size, the RPL header's width x height x depth).
 */
final class CubeUpload {
  private CubeUpload() {}

  /** Arrow IPC bytes of a cube. */
  static SpectrumImage fromArrow(byte[] body, long maxVoxels, String where) throws IOException {
    if (body == null || body.length == 0) {
      throw new IllegalArgumentException(
          where + " is empty: expected an Arrow IPC spectrum image (" + ArrowIO.MEDIA_TYPE
              + ") or a multipart upload with parts 'rpl' and 'raw'");
    }
    if (body.length > 4L * maxVoxels + (1 << 20)) {
      throw new IllegalArgumentException(where + " of " + body.length
          + " bytes is over the limit for a cube of " + maxVoxels + " float32 voxels");
    }
    SpectrumImage si = ArrowIO.spectrumImageFromArrow(body);
    checkVoxels(si.width(), si.height(), si.channels(), maxVoxels, where);
    return si;
  }

  /** RPL header text and RAW bytes of a cube. */
  static SpectrumImage fromRpl(byte[] rpl, byte[] raw, long maxVoxels) throws IOException {
    if (rpl == null || rpl.length == 0) {
      throw new IllegalArgumentException(
          "part 'rpl' is missing or empty: expected the Lispix RPL header text");
    }
    if (rpl.length > 64 * 1024) {
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
    Path dir = Files.createTempDirectory("eds-upload-");
    try {
      Path p = dir.resolve("upload.rpl");
      Files.write(p, rpl);
      // a gzipped RAW (magic 1f 8b) is stored as upload.raw.gz, which RplIO inflates
      boolean gz = raw.length > 2 && raw[0] == (byte) 0x1f && raw[1] == (byte) 0x8b;
      Files.write(dir.resolve(gz ? "upload.raw.gz" : "upload.raw"), raw);
      SpectrumImage si;
      try {
        si = RplIO.read(p);
      } catch (IOException e) {
        // name the parts, not this server's temporary files
        String m = String.valueOf(e.getMessage())
            .replace(p.toString(), "part 'rpl'")
            .replace(dir.resolve("upload.raw.gz").toString(), "part 'raw'")
            .replace(dir.resolve("upload.raw").toString(), "part 'raw'")
            .replace(dir.toString(), "upload");
        throw new IllegalArgumentException(m, e);
      }
      checkVoxels(si.width(), si.height(), si.channels(), maxVoxels, "part 'rpl'");
      return si;
    } finally {
      deleteTree(dir);
    }
  }

  static void checkVoxels(long w, long h, long d, long maxVoxels, String where) {
    long v = w * h * d;
    if (v > maxVoxels || v < 0) {
      throw new IllegalArgumentException(where + ": a " + w + "x" + h + "x" + d + " cube has " + v
          + " voxels, over this endpoint's limit of " + maxVoxels
          + " (bin it first, or run the CLI/workflow on large cubes)");
    }
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

  static void deleteTree(Path dir) throws IOException {
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
