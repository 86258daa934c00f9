package io.alloyflow.fusion.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real P45 dacite hypermap (Bruker, 100 x 75 EDS pixels of 8.74 um) registered to its own BSE
 * image: both were acquired on the same region of interest, so the transform must map the SEM
 * field onto the EDS field (scale = EDS width / SEM width, no shift beyond a pixel) and the result
 * must be reliable. Skips when ../shared/data is absent.
 */
class P45RealDataRegistrationTest {

  static Path dir() {
    String root = System.getProperty("alloyflow.sharedData", "../shared/data");
    return Path.of(root, "eds", "spectrum-images", "P45-dacite");
  }

  @Test
  void registersTheDaciteImageToItsSpectrumImage() throws Exception {
    Path d = dir();
    assumeTrue(Files.isDirectory(d), "shared data absent (" + d + "): real-data check skipped");
    SpectrumImage si = RplIO.read(d.resolve("P45_12bit_packed_8bit_SI.rpl"));
    Micrograph sem = MicrographIO.read(d.resolve("P45_12bit_packed_8bit_image0.tif"));
    if (!sem.hasPixelSize()) {
      // same region of interest: the SEM pixel size follows from the field width
      sem = sem.withPixelSizeM(si.pixelSizeM() * si.width() / sem.width());
    }
    RegistrationResult r = SemEdsRegistration.register(sem, si,
        SemEdsRegistration.Options.defaults());
    System.out.println("P45 dacite: SEM " + sem.width() + "x" + sem.height() + " px of "
        + sem.pixelSizeUm() + " um, EDS " + si.width() + "x" + si.height() + " px of "
        + si.pixelSizeM() * 1e6 + " um; " + r.toJson());
    double expectedScale = si.pixelSizeM() / sem.pixelSizeM();
    assertEquals(1 / expectedScale, r.semToEds().scale(), 0.05 / expectedScale);
    double[] centre = r.semToEds().apply(sem.width() / 2.0, sem.height() / 2.0);
    assertEquals(si.width() / 2.0, centre[0], 1.5, "field centre x");
    assertEquals(si.height() / 2.0, centre[1], 1.5, "field centre y");
    assertTrue(r.reliable(), r.reason());
  }
}
