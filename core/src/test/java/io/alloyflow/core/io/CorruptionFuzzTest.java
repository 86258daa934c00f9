package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing: random byte flips, overwrites and truncations of valid files must
 * either still decode or fail with a one-line {@link FormatException}, never with an unchecked
 * exception (index out of bounds, negative array size, out of memory).
 */
class CorruptionFuzzTest {
  @TempDir Path tmp;

  interface Reader {
    void read(Path f) throws IOException;
  }

  private void fuzz(String name, byte[] good, Reader reader, int rounds, long seed)
      throws IOException {
    Random r = new Random(seed);
    Path f = tmp.resolve(name);
    for (int i = 0; i < rounds; i++) {
      byte[] b = good.clone();
      int kind = r.nextInt(4);
      if (kind == 0) {
        b = Arrays.copyOf(b, r.nextInt(b.length));
      } else {
        int edits = 1 + r.nextInt(kind == 1 ? 1 : 8);
        // bias edits to the header region, where structure lives
        int region = r.nextBoolean() ? Math.min(b.length, 512) : b.length;
        for (int e = 0; e < edits; e++) {
          int at = r.nextInt(region);
          b[at] = kind == 3 ? (byte) 0xff : (byte) r.nextInt(256);
        }
      }
      Files.write(f, b);
      try {
        reader.read(f);
      } catch (FormatException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
      } catch (IOException e) {
        fail(name + " round " + i + ": expected FormatException, got " + e, e);
      } catch (RuntimeException | OutOfMemoryError e) {
        fail(name + " round " + i + " (kind " + kind + "): unchecked " + e, e);
      }
    }
  }

  @Test
  void tiffAndPng() throws IOException {
    Random r = new Random(1);
    float[] px = new float[48 * 32];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextInt(65536);
    }
    Micrograph m = new Micrograph(48, 32, px, 16, 1e-8, SignalType.BSE);
    Path t = tmp.resolve("g.tif");
    MicrographIO.writeTiff(m, t);
    fuzz("f.tif", Files.readAllBytes(t), MicrographIO::read, 400, 11);
    Path p = tmp.resolve("g.png");
    MicrographIO.writePng(m, p);
    fuzz("f.png", Files.readAllBytes(p), MicrographIO::read, 300, 12);
  }

  @Test
  void emsa() throws IOException {
    double[] c = new double[64];
    Arrays.fill(c, 5);
    Spectrum s = new Spectrum(c, new EnergyAxis(0, 10), 1, 2, 15, 35, 1, "t",
        Map.of("##D2STDCMP", "X,(Fe:100.0),7.8"));
    byte[] good = EmsaIO.toText(s).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    fuzz("f.msa", good, EmsaIO::read, 400, 13);
  }

  @Test
  void rplHeaderAndData() throws IOException {
    float[] d = new float[3 * 2 * 16];
    for (int i = 0; i < d.length; i++) {
      d[i] = i * 300;
    }
    SpectrumImage si = new SpectrumImage(3, 2, 16, d, new EnergyAxis(0, 10), 1e-6, 20, 0.1);
    Path rpl = tmp.resolve("f.rpl");
    RplIO.writeGzip(si, rpl);
    byte[] header = Files.readAllBytes(rpl);
    byte[] gz = Files.readAllBytes(tmp.resolve("f.raw.gz"));
    fuzz("f.rpl", header, f -> RplIO.read(rpl), 300, 14);
    Files.write(rpl, header);
    Path data = tmp.resolve("f.raw.gz");
    Random r = new Random(15);
    for (int i = 0; i < 200; i++) {
      byte[] b = gz.clone();
      if (r.nextBoolean()) {
        b = Arrays.copyOf(b, r.nextInt(b.length));
      } else {
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      }
      Files.write(data, b);
      try {
        RplIO.read(rpl);
      } catch (FormatException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
      } catch (IOException | RuntimeException e) {
        fail("raw.gz round " + i + ": expected FormatException, got " + e, e);
      }
    }
  }

  @Test
  void arrow() throws IOException {
    Micrograph m = new Micrograph(8, 8, new float[64], 8, 1e-6, SignalType.SE);
    byte[] good = ArrowIO.toArrow(m);
    fuzz("f.arrow", good, f -> ArrowIO.micrographFromArrow(Files.readAllBytes(f)), 300, 16);
  }
}
