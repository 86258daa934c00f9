package io.alloyflow.fusion.cli;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.registration.RegistrationResult;
import io.alloyflow.fusion.registration.SemEdsRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fuse register --sem IMG --eds SI [--sem-pixel-size-um X --eds-pixel-size-um Y] --out
 * DIR}: writes {@code transform.json} (matrix mapping SEM pixel (x, y) to EDS pixel (x, y),
 * rmsResidualPx, quality, reliable, reason) and {@code overlay.png}.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Register a SEM image to an EDS spectrum image; writes transform.json and"
        + " overlay.png. Exit code 0 also when the result is flagged unreliable (see"
        + " 'reliable' and 'reason').")
public final class RegisterCommand implements Callable<Integer> {
  @Option(names = "--sem", required = true, paramLabel = "IMG") Path sem;
  @Option(names = "--eds", required = true, paramLabel = "SI",
      description = "spectrum image: .rpl (with .raw), .bcf, .hspy or .arrow") Path eds;
  @Option(names = "--sem-pixel-size-um", defaultValue = "0", paramLabel = "X",
      description = "SEM pixel size (overrides the file's metadata)") double semPx;
  @Option(names = "--eds-pixel-size-um", defaultValue = "0", paramLabel = "Y",
      description = "EDS pixel size (overrides the file's metadata)") double edsPx;
  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Override
  public Integer call() throws IOException {
    Micrograph m;
    SpectrumImage si;
    RegistrationResult r;
    try {
      m = CliSupport.readImage(sem, semPx);
      si = CliSupport.readSpectrumImage(eds, edsPx);
      r = SemEdsRegistration.register(m, si, SemEdsRegistration.Options.defaults());
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("fuse register: " + CliSupport.oneLine(e));
      return CliSupport.BAD_INPUT;
    }
    Files.createDirectories(out);
    CliSupport.JSON.writeValue(out.resolve("transform.json").toFile(), r.toJson());
    CliSupport.writeOverlay(m, r, out.resolve("overlay.png"));
    System.out.printf(java.util.Locale.ROOT,
        "registered: reliable=%s, estimated RMS error %.3f EDS px, R2 %.3f (%s); output in %s%n",
        r.reliable(), r.rmsResidualPx(), r.quality().get("adjustedR2"), r.reason(), out);
    return 0;
  }
}
