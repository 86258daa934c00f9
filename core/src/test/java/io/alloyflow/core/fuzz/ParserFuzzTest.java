package io.alloyflow.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.ImageHeader;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RasterImage;
import io.alloyflow.core.io.ReadLimits;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer, libFuzzer's engine on the JVM) of every file parser in core:
 * each must return a valid value or throw its declared {@link FormatException} with a one-line
 * message; anything else (an unchecked exception, an out-of-memory error, a hang) is a finding.
 * The readers run under {@link ReadLimits#DEFAULT}: the limits together with the reader's
 * consistency checks (declared pixels against the bytes present, decompression ratios) must keep
 * memory bounded however large the sizes a small input declares.
 *
 * <p>In the default build these methods run the seed corpus in {@code
 * src/test/resources/io/alloyflow/core/fuzz/ParserFuzzTestInputs/<method>/} (regression mode);
 * {@code bench/fuzz/run_fuzz.sh} sets {@code JAZZER_FUZZ=1} to fuzz for real.
 */
class ParserFuzzTest {
  private static final ReadLimits LIMITS = ReadLimits.DEFAULT;
  private static final List<String> NAMES = List.of("background", "phase");
  private static Path dir;

  private static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("alloyflow-fuzz-");
        dir.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static void declared(FormatException e) {
    String m = e.getMessage();
    assertTrue(m != null && !m.isBlank(), "a FormatException needs a message");
    assertFalse(m.contains("\n") || m.contains("\r"), "one-line message expected: " + m);
  }

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "60m")
  void micrograph(byte[] data) {
    try {
      ImageHeader h = MicrographIO.probe(data, "fuzz.img", LIMITS);
      assertTrue(h.width() >= ReadLimits.MIN_IMAGE_SIDE && h.pixels() <= LIMITS.maxPixels());
    } catch (FormatException e) {
      declared(e);
    }
    try {
      RasterImage r = MicrographIO.decodeRaster(data, "fuzz.img", LIMITS);
      assertTrue((long) r.width() * r.height() <= LIMITS.maxPixels());
      assertTrue(Double.isNaN(r.pixelSizeM()) || r.pixelSizeM() > 0);
    } catch (FormatException e) {
      declared(e);
    }
  }

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "60m")
  void labelImage(byte[] data) {
    try {
      LabelMap m = LabelMapIO.decode(data, "fuzz.png", NAMES, LIMITS);
      assertTrue(m.labels().length == m.width() * m.height());
    } catch (FormatException e) {
      declared(e);
    }
  }

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "60m")
  void emsa(byte[] data) {
    try {
      Spectrum s = EmsaIO.read(new String(data, StandardCharsets.ISO_8859_1), "fuzz.msa", LIMITS);
      assertTrue(s.channels() >= ReadLimits.MIN_CHANNELS
          && s.channels() <= LIMITS.maxChannels());
    } catch (FormatException e) {
      declared(e);
    }
  }

  /**
   * Input layout (so seeds are plain files): byte 0 bit 0 = data gzipped; bytes 1..2 = header
   * length n (big-endian); then n header bytes; the rest is the data file.
   */
  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "60m")
  void rpl(byte[] in) throws IOException {
    if (in.length < 3) {
      return;
    }
    boolean gz = (in[0] & 1) != 0;
    int n = Math.min(((in[1] & 0xff) << 8) | (in[2] & 0xff), in.length - 3);
    String header = new String(in, 3, n, StandardCharsets.ISO_8859_1);
    byte[] raw = java.util.Arrays.copyOfRange(in, 3 + n, in.length);
    Path d = dir();
    Path rpl = d.resolve("f.rpl");
    Files.writeString(rpl, header, StandardCharsets.ISO_8859_1);
    Files.deleteIfExists(d.resolve(gz ? "f.raw" : "f.raw.gz"));
    Files.write(d.resolve(gz ? "f.raw.gz" : "f.raw"), raw);
    try {
      SpectrumImage si = RplIO.read(rpl, LIMITS);
      assertTrue(si.channels() >= ReadLimits.MIN_CHANNELS);
    } catch (FormatException e) {
      declared(e);
    }
  }

  /** Input layout: byte 0 mod 4 chooses the decoder; the rest is the Arrow IPC file. */
  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "60m")
  void arrow(byte[] in) throws IOException {
    if (in.length < 1) {
      return;
    }
    int kind = (in[0] & 0xff) % 4;
    byte[] data = java.util.Arrays.copyOfRange(in, 1, in.length);
    try {
      switch (kind) {
        case 0 -> ArrowIO.micrographFromArrow(data, LIMITS);
        case 1 -> ArrowIO.labelMapFromArrow(data, LIMITS);
        case 2 -> ArrowIO.spectrumImageFromArrow(data, LIMITS);
        default -> ArrowIO.featureTableFromArrow(data, LIMITS);
      }
    } catch (FormatException e) {
      declared(e);
    }
  }
}
