package io.alloyflow.fusion.cli;

import io.alloyflow.core.io.SpectrumImageFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.registration.RegistrationOverlay;
import io.alloyflow.fusion.registration.RegistrationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared readers and writers of the fusion commands. */
final class CliSupport {
  static final int BAD_INPUT = 2;
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CliSupport() {}

  static Micrograph readImage(Path p, double pixelSizeUm) throws IOException {
    Micrograph m = MicrographIO.read(p);
    if (pixelSizeUm > 0) {
      m = m.withPixelSizeM(pixelSizeUm * 1e-6);
    }
    return m;
  }

  static SpectrumImage readSpectrumImage(Path p, double pixelSizeUm) throws IOException {
    // .rpl (with its .raw), Bruker .bcf, HyperSpy .hspy or Arrow IPC, by the file's bytes
    SpectrumImage si = SpectrumImageFiles.read(p);
    if (pixelSizeUm > 0) {
      si = new SpectrumImage(si.width(), si.height(), si.channels(), si.data(), si.axis(),
          pixelSizeUm * 1e-6, si.beamEnergyKeV(), si.liveTimePerPixelS());
    }
    return si;
  }

  /** Writes the registration overlay PNG ({@link RegistrationOverlay}). */
  static void writeOverlay(Micrograph sem, RegistrationResult r, Path file) throws IOException {
    Files.write(file, RegistrationOverlay.png(sem, r));
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ');
  }
}
