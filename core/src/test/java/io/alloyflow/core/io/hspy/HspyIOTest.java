package io.alloyflow.core.io.hspy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HyperSpy {@code .hspy}: a spectrum image and a spectrum written by alloyflow read back
 * identically; where HyperSpy is installed (Debian python3-hyperspy), it opens alloyflow's file
 * with the same axes and sum, and alloyflow reads a file HyperSpy wrote (with {@code
 * -Dalloyflow.hyperspy=true}).
 */
class HspyIOTest {
  static SpectrumImage cube() {
    SplittableRandom r = new SplittableRandom(5);
    int w = 7;
    int h = 5;
    int c = 64;
    float[] d = new float[w * h * c];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(50);
    }
    return new SpectrumImage(w, h, c, d, new EnergyAxis(-20, 10), 0.25e-6, 15, 0.01);
  }

  @Test
  void spectrumImageAndSpectrumRoundTrip(@TempDir Path tmp) throws Exception {
    SpectrumImage si = cube();
    Path f = tmp.resolve("cube.hspy");
    HspyIO.write(HspyIO.of(si, "cube"), f);
    HspySignal back = HspyIO.read(f);
    assertEquals("spectrum image", back.kind());
    assertEquals("EDS_SEM", back.signalType());
    assertEquals("cube", back.title());
    SpectrumImage s2 = HspyIO.toSpectrumImage(back);
    assertArrayEquals(si.data(), s2.data());
    assertEquals(si.width(), s2.width());
    assertEquals(si.height(), s2.height());
    assertEquals(si.axis().offsetEv(), s2.axis().offsetEv(), 1e-9);
    assertEquals(si.axis().gainEvPerChannel(), s2.axis().gainEvPerChannel(), 1e-12);
    assertEquals(si.pixelSizeM(), s2.pixelSizeM(), 1e-15);
    assertEquals(15, s2.beamEnergyKeV(), 1e-12);
    assertEquals(0.01, s2.liveTimePerPixelS(), 1e-12);

    Spectrum sp = new Spectrum(new double[] {1, 5, 9, 2}, new EnergyAxis(0, 10), 60, 70, 20, 35,
        1, "one", Map.of());
    Path g = tmp.resolve("one.hspy");
    HspyIO.write(HspyIO.of(sp), g);
    HspySignal b = HspyIO.read(g);
    assertEquals("spectrum", b.kind());
    assertArrayEquals(new float[] {1, 5, 9, 2}, b.data());
    assertEquals(35.0, ((Number) b.metadata()
        .get("Acquisition_instrument.SEM.Detector.EDS.elevation_angle")).doubleValue(), 1e-12);
  }

  @Test
  void notHdf5IsAFormatError(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("x.hspy");
    Files.writeString(f, "not an HDF5 file at all");
    assertThrows(FormatException.class, () -> HspyIO.read(f));
  }

  /**
   * The HyperSpy interoperability check starts Python with HyperSpy (30-60 s of imports on a
   * loaded 2-core machine), so it runs only with {@code -Dalloyflow.hyperspy=true} and where
   * HyperSpy is installed; it skips otherwise.
   */
  static boolean hyperspyWanted() {
    return Boolean.getBoolean("alloyflow.hyperspy")
        && Files.isExecutable(Path.of("/usr/bin/python3"));
  }

  @Test
  void hyperspyOpensOurFileAndWeReadItsFile(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(hyperspyWanted(), "HyperSpy check not asked for"
        + " (-Dalloyflow.hyperspy=true) or no /usr/bin/python3");
    SpectrumImage si = cube();
    Path f = tmp.resolve("ours.hspy");
    HspyIO.write(HspyIO.of(si, "ours"), f);
    double sum = 0;
    for (float v : si.data()) {
      sum += v;
    }
    Path theirs = tmp.resolve("theirs.hspy");
    // one Python process: exit 3 when HyperSpy is missing (skip), else open ours, write theirs
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sys\n"
        + "try:\n    import numpy as np, hyperspy.api as hs\n"
        + "except ImportError:\n    sys.exit(3)\n"
        + "s = hs.load('" + f + "')\n"
        + "a = s.axes_manager\n"
        + "print(type(s).__name__, s.data.shape, float(s.data.sum()),"
        + " a.signal_axes[0].scale, a.signal_axes[0].offset, a.navigation_axes[0].units,"
        + " s.metadata.Acquisition_instrument.SEM.beam_energy)\n"
        + "t = hs.signals.Signal1D(np.arange(24, dtype='uint16').reshape(2, 3, 4))\n"
        + "t.axes_manager[-1].scale = 0.02\n"
        + "t.axes_manager[-1].offset = -0.1\n"
        + "t.axes_manager[-1].units = 'keV'\n"
        + "t.metadata.General.title = 'theirs'\n"
        + "t.save('" + theirs + "')\n").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "python finished");
    Assumptions.assumeTrue(p.exitValue() != 3, "HyperSpy not installed (python3-hyperspy)");
    assertEquals(0, p.exitValue(), out);
    String last = out.strip().lines().filter(l -> l.startsWith("EDSSEMSpectrum")).findFirst()
        .orElse(out);
    assertTrue(last.startsWith("EDSSEMSpectrum (5, 7, 64) " + sum + " 0.01 -0.02 µm 15.0"), out);
    HspySignal h = HspyIO.read(theirs);
    assertEquals("spectrum image", h.kind());
    assertEquals("theirs", h.title());
    assertEquals(24, h.data().length);
    assertEquals(23f, h.data()[23]);
    SpectrumImage t = HspyIO.toSpectrumImage(h);
    assertEquals(-100, t.axis().offsetEv(), 1e-9);
    assertEquals(20, t.axis().gainEvPerChannel(), 1e-9);
  }
}
