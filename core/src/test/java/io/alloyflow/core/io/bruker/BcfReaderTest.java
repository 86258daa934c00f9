package io.alloyflow.core.io.bruker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The six Bruker BCF files of the shared data against what HyperSpy 1.7.3's reader gets from them
 * ({@code reference/NAME.bcf.json}): shape, value width, energy axis, beam and detector angles,
 * every channel of the sum spectrum and every pixel of the count map exactly, and the SEM images'
 * shapes and sums; {@code Nope.bcf} is rejected in one line. Skipped when the data is absent.
 */
class BcfReaderTest {
  static Path dir() {
    for (String p : new String[] {System.getProperty("alloyflow.sharedData", ""),
        "../shared/data", "../../shared/data", "../../../shared/data"}) {
      if (!p.isEmpty()) {
        Path d = Path.of(p).resolve("eds/vendor-formats/bruker");
        if (Files.isDirectory(d)) {
          return d;
        }
      }
    }
    return null;
  }

  static Stream<Arguments> files() {
    return Stream.of("16x16_12bit_packed_8bit.bcf",
        "30x30_instructively_packed_16bit_compressed.bcf", "P45_the_default_job.bcf",
        "bcf-edx-ebsd.bcf", "over16bit.bcf").map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("files")
  void matchesTheReferenceReaderExactly(String name) throws Exception {
    Path d = dir();
    Assumptions.assumeTrue(d != null, "Bruker BCF files absent (../shared/data/eds/vendor-formats)");
    JsonNode ref = new ObjectMapper().readTree(d.resolve("reference/" + name + ".json").toFile());
    JsonNode r = ref.get("spectrumImages").get(0);
    BcfFile f = BcfReader.read(d.resolve(name));
    SpectrumImage si = f.spectrumImage();
    assertEquals(r.get("shape").get(0).asInt(), si.height(), "rows");
    assertEquals(r.get("shape").get(1).asInt(), si.width(), "columns");
    assertEquals(r.get("shape").get(2).asInt(), si.channels(), "channels");
    assertEquals(r.get("dtype").asText(), "uint" + f.bitsPerValue(), "value width");
    assertEquals(r.get("energyOffsetKeV").asDouble(), si.axis().offsetEv() / 1000, 1e-9);
    assertEquals(r.get("energyScaleKeV").asDouble(), si.axis().gainEvPerChannel() / 1000, 1e-12);
    assertEquals(r.get("beamEnergyKeV").asDouble(), si.beamEnergyKeV(), 1e-9);
    assertEquals(r.get("elevationAngleDeg").asDouble(), f.elevationAngleDeg(), 1e-9);
    assertEquals(r.get("azimuthAngleDeg").asDouble(), f.azimuthAngleDeg(), 1e-9);
    // the reference gives one scale for both axes (its y scale); DX may differ from DY by < 1 %
    double px = r.get("navigationAxes").get(0).get(2).asDouble();
    assertEquals(px, si.pixelSizeM() * 1e6, 0.01 * px, "pixel size in um");
    long[] sum = new long[r.get("sumSpectrum").size()];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = r.get("sumSpectrum").get(i).asLong();
    }
    assertArrayEquals(sum, f.sumSpectrum(), "sum spectrum");
    long[] map = f.countMap();
    int k = 0;
    long total = 0;
    for (JsonNode row : r.get("countMap")) {
      for (JsonNode v : row) {
        assertEquals(v.asLong(), map[k], "count map pixel " + k);
        total += map[k++];
      }
    }
    assertEquals(map.length, k);
    assertEquals(r.get("totalCounts").asLong(), total, "total counts");
    JsonNode imgs = ref.get("images");
    assertEquals(imgs.size(), f.images().size(), "SEM images");
    for (int i = 0; i < imgs.size(); i++) {
      BcfImage im = f.images().get(i);
      assertEquals(imgs.get(i).get("title").asText(), im.title());
      assertEquals(imgs.get(i).get("shape").get(0).asInt(), im.height());
      assertEquals(imgs.get(i).get("shape").get(1).asInt(), im.width());
      assertEquals(imgs.get(i).get("sum").asDouble(), im.sum(), 0.0, "image sum");
    }
  }

  @Test
  void notABcfIsRejectedInOneLine() throws Exception {
    Path d = dir();
    Assumptions.assumeTrue(d != null, "Bruker BCF files absent");
    FormatException e = assertThrows(FormatException.class,
        () -> BcfReader.read(d.resolve("Nope.bcf")));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains("not") || e.getMessage().contains("another file type"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Bruker BCF"), e.getMessage());
  }

  @Test
  void truncatedAndTinyFilesAreFormatErrors(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path tiny = tmp.resolve("tiny.bcf");
    Files.write(tiny, "AAMVHFSS".getBytes());
    assertThrows(FormatException.class, () -> BcfReader.read(tiny));
    Path d = dir();
    Assumptions.assumeTrue(d != null, "Bruker BCF files absent");
    byte[] full = Files.readAllBytes(d.resolve("over16bit.bcf"));
    Path cut = tmp.resolve("cut.bcf");
    Files.write(cut, java.util.Arrays.copyOf(full, full.length / 2));
    assertThrows(FormatException.class, () -> BcfReader.read(cut));
  }
}
