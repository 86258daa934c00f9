package io.alloyflow.workflows.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.bruker.BcfReader;
import io.alloyflow.core.io.hspy.HspyIO;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis inputs take every spectrum-image file type the core dispatch reads: a HyperSpy
 * .hspy cube written here and the shared Bruker .bcf files (skipped when ../shared/data is absent)
 * are decoded, stored as Arrow and recorded with their format; a file named .bcf that is not one
 * is refused by the gateway's header check in one line.
 */
class IngestSpectrumImageTest {
  @TempDir Path tmp;

  Path micrograph() throws Exception {
    float[] px = new float[32 * 32];
    for (int i = 0; i < px.length; i++) {
      px[i] = (i * 37) % 251;
    }
    Path p = tmp.resolve("m.tif");
    MicrographIO.writeTiff(new Micrograph(32, 32, px, 8, 0.1e-6, SignalType.BSE), p);
    return p;
  }

  static Path bruker(String name) {
    for (String root : new String[] {"../shared/data", "../../shared/data", "../../../shared/data"}) {
      Path p = Path.of(root, "eds/vendor-formats/bruker", name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void hspyCubeIsIngestedAsASpectrumImage() throws Exception {
    float[] d = new float[6 * 4 * 128];
    for (int i = 0; i < d.length; i++) {
      d[i] = i % 17;
    }
    SpectrumImage si = new SpectrumImage(6, 4, 128, d, new EnergyAxis(0, 10), 0.5e-6, 20, 0.01);
    Path hspy = tmp.resolve("cube.hspy");
    HspyIO.write(HspyIO.of(si, "cube"), hspy);
    Ingest.validate(micrograph(), Double.NaN, hspy);
    FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
    AnalysisInputs in = Ingest.ingest(store, "a1", micrograph(), Double.NaN, hspy);
    assertEquals("spectrumImage", in.edsKind());
    assertArrayEquals(d, ArrowIO.spectrumImageFromArrow(store.get(in.eds())).data());
    assertTrue(in.ingest().stream().anyMatch(r -> r.algorithm().name().equals("hspy-decode")),
        "the ingest record names the format");
    Ingest.checkEdsHeader("eds", hspy, "cube.hspy");
  }

  @Test
  void sharedBrukerFileIsIngestedAndAFakeBcfIsRefused() throws Exception {
    Path bcf = bruker("16x16_12bit_packed_8bit.bcf");
    Assumptions.assumeTrue(bcf != null, "Bruker BCF files absent (../shared/data/eds/vendor-formats)");
    FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
    AnalysisInputs in = Ingest.ingest(store, "a2", micrograph(), Double.NaN, bcf);
    assertEquals("spectrumImage", in.edsKind());
    SpectrumImage got = ArrowIO.spectrumImageFromArrow(store.get(in.eds()));
    assertArrayEquals(BcfReader.read(bcf).spectrumImage().data(), got.data());
    assertTrue(in.ingest().stream().anyMatch(r -> r.algorithm().name().equals("bcf-decode")));
    Ingest.checkEdsHeader("eds", bcf, "x.bcf");
    InputRejectedException e = assertThrows(InputRejectedException.class,
        () -> Ingest.checkEdsHeader("eds", bruker("Nope.bcf"), "Nope.bcf"));
    assertEquals("not a Bruker .bcf file (no AAMVHFSS container signature)", e.reason());
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
        () -> Ingest.validate(micrograph(), Double.NaN, bruker("Nope.bcf")));
    assertTrue(u.getMessage().contains("unknown EDS file type"), u.getMessage());
  }
}
