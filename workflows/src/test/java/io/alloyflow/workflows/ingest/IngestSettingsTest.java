package io.alloyflow.workflows.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest records the microscope settings a file carries as {@code instrument.*} parameters. */
class IngestSettingsTest {
  @TempDir Path tmp;

  /** A 16x16 8-bit grey TIFF with an FEI/Thermo text block in tag 34682 (TIFF 6.0 baseline). */
  static byte[] feiTiff(String fei) {
    int w = 16;
    int h = 16;
    byte[] text = (fei + "\0").getBytes(StandardCharsets.US_ASCII);
    int entries = 10;
    int ifdEnd = 8 + 2 + 12 * entries + 4;
    int textOff = ifdEnd;
    int pixOff = textOff + text.length + (text.length & 1);
    ByteBuffer b = ByteBuffer.allocate(pixOff + w * h).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
    int[][] tags = {
      {256, 3, 1, w}, {257, 3, 1, h}, {258, 3, 1, 8}, {259, 3, 1, 1}, {262, 3, 1, 1},
      {273, 4, 1, pixOff}, {277, 3, 1, 1}, {278, 3, 1, h}, {279, 4, 1, w * h},
      {34682, 2, text.length, textOff},
    };
    for (int[] t : tags) {
      b.putShort((short) t[0]).putShort((short) t[1]).putInt(t[2]);
      if (t[1] == 3) {
        b.putShort((short) t[3]).putShort((short) 0);
      } else {
        b.putInt(t[3]);
      }
    }
    b.putInt(0).put(text);
    b.position(pixOff);
    for (int i = 0; i < w * h; i++) {
      b.put((byte) (i * 7));
    }
    return b.array();
  }

  @Test
  void feiTagsAndEmsaHeaderBecomeInstrumentParameters() throws IOException {
    Path tif = tmp.resolve("helios.tif");
    Files.write(tif, feiTiff("[System]\r\nSystemType=Helios G4 UX\r\n[Beam]\r\nHV=15000\r\n"
        + "[EBeam]\r\nBeamCurrent=4e-010\r\n[Scan]\r\nPixelWidth=2.5e-008\r\nHorFieldsize=4e-007\r\n"
        + "Dwelltime=3e-006\r\n[Stage]\r\nWorkingDistance=0.0052\r\n[Detectors]\r\nName=CBS\r\nMode=A+B\r\n"));
    Path msa = tmp.resolve("spot.msa");
    StringBuilder emsa = new StringBuilder("#FORMAT      : EMSA/MAS Spectral Data File\n#VERSION     : 1.0\n"
        + "#TITLE       : spot\n#NPOINTS     : 64\n#NCOLUMNS    : 1\n#XUNITS      : eV\n#YUNITS      : counts\n"
        + "#DATATYPE    : Y\n#XPERCHAN    : 10.0\n#OFFSET     : 0.0\n#BEAMKV      : 20.0\n#ELEVANGLE   : 35.0\n"
        + "#PROBECUR    : 1.5\n#LIVETIME    : 60.0\n#SPECTRUM    :\n");
    for (int i = 0; i < 64; i++) {
      emsa.append(i % 7).append('\n');
    }
    emsa.append("#ENDOFDATA   :\n");
    Files.writeString(msa, emsa.toString());
    AnalysisInputs in = Ingest.ingest(new FileSystemArtifactStore(tmp.resolve("store")), "an-s", tif, Double.NaN, msa);
    Map<String, String> image = record(in, "ingest-micrograph").algorithm().parameters();
    assertEquals("15.0", image.get("instrument.beamEnergyKeV"));
    assertEquals("0.0052", image.get("instrument.workingDistanceM"));
    assertEquals("3.0E-6", image.get("instrument.dwellTimeS"));
    assertEquals("4.0E-10", image.get("instrument.probeCurrentA"));
    assertEquals("2.5E-8", image.get("instrument.pixelSizeM"));
    assertEquals("4.0E-7", image.get("instrument.fieldWidthM"));
    assertEquals("CBS A+B", image.get("instrument.detector"));
    assertEquals("Helios G4 UX", image.get("instrument.instrument"));
    assertEquals("fei", image.get("instrument.settingsSource"));
    Map<String, String> eds = record(in, "ingest-eds").algorithm().parameters();
    assertEquals("20.0", eds.get("instrument.beamEnergyKeV"));
    assertEquals("35.0", eds.get("instrument.takeoffAngleDeg"));
    assertEquals(1.5e-9, Double.parseDouble(eds.get("instrument.probeCurrentA")), 1e-21);
    assertEquals("60.0", eds.get("instrument.liveTimeS"));
  }

  @Test
  void aFileWithoutSettingsRecordsNone() throws IOException {
    Path tif = tmp.resolve("plain.tif");
    Files.write(tif, feiTiff("no vendor block here"));
    AnalysisInputs in = Ingest.ingest(new FileSystemArtifactStore(tmp.resolve("store")), "an-p", tif, 0.1, null);
    assertFalse(record(in, "ingest-micrograph").algorithm().parameters().keySet().stream()
        .anyMatch(k -> k.startsWith(Ingest.INSTRUMENT)));
  }

  private static ActivityRecord record(AnalysisInputs in, String step) {
    return in.ingest().stream().filter(r -> r.step().equals(step)).findFirst().orElseThrow();
  }
}
