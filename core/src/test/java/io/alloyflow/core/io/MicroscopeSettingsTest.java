package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microscope settings from hand-made TIFFs carrying the vendors' tags, values in the units and
 * sections HyperSpy's TIFF reader maps (FEI: V, m, s, A; Zeiss SmartSEM: value and unit after
 * '=' on the line following the parameter name).
 */
class MicroscopeSettingsTest {
  @TempDir Path tmp;

  private Path tiff(String name, TiffBuilder t) throws IOException {
    Path f = tmp.resolve(name);
    Files.write(f, t.build());
    return f;
  }

  private static TiffBuilder image(ByteOrder order) {
    return new TiffBuilder(order).tag(256, 3, 2).tag(257, 3, 1).tag(258, 3, 8).tag(262, 3, 1)
        .pixels(new byte[] {5, 6});
  }

  @Test
  void feiHeliosBlockInTag34682() throws IOException {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      TiffBuilder t = image(order).text(34682, 2, "[User]\r\nDate=11/14/2019\r\n"
          + "[System]\r\nSystemType=Helios G4 UX\r\n"
          + "[Beam]\r\nHV=15000\r\nSpot=3\r\n"
          + "[EBeam]\r\nHV=15000\r\nBeamCurrent=4e-010\r\nWD=0.00412\r\n"
          + "[Scan]\r\nPixelWidth=1.35e-008\r\nHorFieldsize=2.07e-005\r\nDwelltime=1e-005\r\n"
          + "[Stage]\r\nWorkingDistance=0.00412\r\n"
          + "[Detectors]\r\nNumber=1\r\nName=TLD\r\nMode=SE\r\n");
      MicroscopeSettings s = MicroscopeSettings.read(tiff("fei.tif", t));
      assertEquals(15.0, s.beamEnergyKeV(), 1e-12);
      assertEquals(4.12e-3, s.workingDistanceM(), 1e-15);
      assertEquals(1.35e-8, s.pixelSizeM(), 1e-20);
      assertEquals(2.07e-5, s.fieldWidthM(), 1e-17);
      assertEquals(1e-5, s.dwellTimeS(), 1e-17);
      assertEquals(4e-10, s.probeCurrentA(), 1e-22);
      assertEquals("TLD SE", s.detector());
      assertEquals("Helios G4 UX", s.instrument());
      assertEquals("fei", s.source());
      assertTrue(Double.isNaN(s.magnification()));
    }
  }

  @Test
  void zeissSmartSemBlockInTag34118() throws IOException {
    TiffBuilder t = image(ByteOrder.LITTLE_ENDIAN).text(34118, 1, "0\r\n0\r\n"
        + "AP_ACTUALKV\r\nEHT = 20.00 kV\r\n"
        + "AP_WD\r\nWD = 8.5 mm\r\n"
        + "AP_MAG\r\nMag = 5.00 K X\r\n"
        + "AP_PIXEL_SIZE\r\nPixel Size = 12.3 nm\r\n"
        + "AP_WIDTH\r\nWidth = 22.87 \u00b5m\r\n"
        + "DP_DWELL_TIME\r\nDwell Time = 200 ns\r\n"
        + "AP_IPROBE\r\nI Probe = 150 pA\r\n"
        + "DP_DETECTOR_TYPE\r\nDetector = SE2\r\n"
        + "SV_SERIAL_NUMBER\r\nSerial No. = EVO-01-23\r\n");
    MicroscopeSettings s = MicroscopeSettings.read(tiff("zeiss.tif", t));
    assertEquals(20.0, s.beamEnergyKeV(), 1e-12);
    assertEquals(8.5e-3, s.workingDistanceM(), 1e-15);
    assertEquals(5000, s.magnification(), 1e-9);
    assertEquals(12.3e-9, s.pixelSizeM(), 1e-20);
    assertEquals(22.87e-6, s.fieldWidthM(), 1e-17);
    assertEquals(200e-9, s.dwellTimeS(), 1e-20);
    assertEquals(150e-12, s.probeCurrentA(), 1e-23);
    assertEquals("SE2", s.detector());
    assertEquals("EVO-01-23", s.instrument());
    assertEquals("zeiss", s.source());
  }

  @Test
  void imageJDescriptionAndPlainResolutionTags() throws IOException {
    // ImageJ: ResolutionUnit none, unit=micron in the description, XResolution = pixels per micron
    TiffBuilder ij = image(ByteOrder.BIG_ENDIAN).text(270, 2, "ImageJ=1.53t\nunit=micron\n")
        .rational(282, 20, 1).tag(296, 3, 1);
    MicroscopeSettings s = MicroscopeSettings.read(tiff("ij.tif", ij));
    assertEquals(5e-8, s.pixelSizeM(), 1e-20);
    assertEquals("imagej", s.source());
    assertEquals(Map.of("pixelSizeM", 5e-8, "settingsSource", "imagej"), s.asMap());
    // plain TIFF: 100000 pixels per centimetre = 100 nm pixels
    TiffBuilder cm = image(ByteOrder.LITTLE_ENDIAN).rational(282, 100000, 1).tag(296, 3, 3);
    MicroscopeSettings c = MicroscopeSettings.read(tiff("cm.tif", cm));
    assertEquals(1e-7, c.pixelSizeM(), 1e-19);
    assertEquals("tiff-resolution", c.source());
    // a screen default (72 dpi) is not a measured pixel size: nothing is known
    TiffBuilder dpi = image(ByteOrder.LITTLE_ENDIAN).rational(282, 72, 1).tag(296, 3, 2);
    assertTrue(MicroscopeSettings.read(tiff("dpi.tif", dpi)).isEmpty());
  }

  @Test
  void vendorValuesWinOverResolutionTagsAndNonsenseIsUnknown() throws IOException {
    TiffBuilder t = image(ByteOrder.LITTLE_ENDIAN)
        .text(34682, 2, "[Beam]\r\nHV=-5\r\n[Scan]\r\nPixelWidth=2e-009\r\nDwelltime=abc\r\n")
        .rational(282, 100000, 1).tag(296, 3, 3);
    MicroscopeSettings s = MicroscopeSettings.read(tiff("mixed.tif", t));
    assertEquals(2e-9, s.pixelSizeM(), 1e-21, "the FEI pixel width, not the resolution tag");
    assertTrue(Double.isNaN(s.beamEnergyKeV()), "a negative voltage is not a setting");
    assertTrue(Double.isNaN(s.dwellTimeS()));
    assertEquals("fei", s.source());
  }

  @Test
  void pngHasNone() throws IOException {
    Path f = tmp.resolve("x.png");
    MicrographIO.writePng(new io.alloyflow.core.image.Micrograph(2, 2, new float[] {1, 2, 3, 4}, 8,
        Double.NaN, io.alloyflow.core.image.SignalType.OTHER), f);
    assertTrue(MicroscopeSettings.read(f).isEmpty());
  }
}
