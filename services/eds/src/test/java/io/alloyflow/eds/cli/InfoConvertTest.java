package io.alloyflow.eds.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.io.bruker.BcfFile;
import io.alloyflow.core.io.bruker.BcfReader;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.TestData;
import io.alloyflow.eds.io.EmsaReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info} and {@code convert} on a real Bruker hypermap (skipped without the data). */
class InfoConvertTest {
  @Test
  void bcfIsDescribedAndConvertedLosslessly(@TempDir Path tmp) throws Exception {
    Path dir = TestData.folder("eds/vendor-formats/bruker");
    Assumptions.assumeTrue(dir != null, "Bruker BCF files absent");
    Path bcf = dir.resolve("P45_the_default_job.bcf");
    var info = InfoCommand.describe(bcf);
    assertEquals("spectrum image", info.get("kind").asText());
    assertEquals("[75,100,2048]", info.get("shape").toString());
    assertEquals("Energy", info.get("axes").get(2).get("name").asText());
    assertEquals(10.001, info.get("axes").get(2).get("scale").asDouble(), 1e-9);
    assertEquals(20, info.get("beamEnergyKeV").asDouble(), 1e-9);
    assertEquals("BSE", info.get("images").get(0).get("title").asText());

    BcfFile f = BcfReader.read(bcf);
    ConvertCommand.convert(bcf, tmp.resolve("p45.rpl"), 0);
    SpectrumImage back = RplIO.read(tmp.resolve("p45.rpl"));
    assertArrayEquals(f.spectrumImage().data(), back.data(), "cube through RPL/RAW");
    assertEquals(f.spectrumImage().axis().gainEvPerChannel(), back.axis().gainEvPerChannel(),
        1e-9);
    ConvertCommand.convert(bcf, tmp.resolve("sum.msa"), 0);
    double[] sum = EmsaReader.read(tmp.resolve("sum.msa")).counts();
    long[] ref = f.sumSpectrum();
    for (int i = 0; i < ref.length; i++) {
      assertEquals(ref[i], sum[i], 0.0, "sum spectrum channel " + i);
    }
    ConvertCommand.convert(bcf, tmp.resolve("se.tif"), 1);
    var se = MicrographIO.read(tmp.resolve("se.tif"));
    long s = 0;
    for (float v : se.pixels()) {
      s += (long) v;
    }
    assertEquals(f.images().get(1).sum(), s, "SE image through TIFF");
    ConvertCommand.convert(bcf, tmp.resolve("p45.hspy"), 0);
    SpectrumImage h = Denoising.readCube(tmp.resolve("p45.hspy"));
    assertArrayEquals(f.spectrumImage().data(), h.data(), "cube through HyperSpy .hspy");
    assertEquals("spectrum image", InfoCommand.describe(tmp.resolve("p45.hspy")).get("kind")
        .asText());
    var bad = assertThrows(IllegalArgumentException.class,
        () -> ConvertCommand.convert(bcf, tmp.resolve("x.xyz"), 0));
    assertTrue(bad.getMessage().contains(".hspy"), bad.getMessage());
    assertEquals(EdsCommand.BAD_INPUT, new picocli.CommandLine(new InfoCommand())
        .execute(dir.resolve("Nope.bcf").toString()));
  }
}
