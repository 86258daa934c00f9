package io.alloyflow.eds.cli;

import io.alloyflow.core.io.SpectrumImageFiles;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.io.bruker.BcfFile;
import io.alloyflow.core.io.bruker.BcfImage;
import io.alloyflow.core.io.bruker.BcfReader;
import io.alloyflow.core.io.hspy.HspyIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.io.EmsaReader;
import io.alloyflow.eds.spectrumimage.SpectrumImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convert IN --out OUT}: a spectrum image, spectrum or image into another format, chosen
 * by the output's extension: {@code .rpl} (+ {@code .raw}), {@code .arrow} or {@code .hspy}
 * (HyperSpy) for a spectrum image, {@code .msa} for a spectrum (a spectrum image's sum spectrum), {@code .tif} or {@code
 * .png} for an image (a BCF's SEM image, or a spectrum image's total-count map).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a spectrum image, spectrum or image by the output's extension: .rpl"
        + " (+.raw), .arrow or .hspy (spectrum image), .msa (spectrum or sum spectrum), .tif or"
        + " .png (SEM image of a .bcf, or a spectrum image's count map).")
public final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN",
      description = "input: .bcf, .hspy, .rpl, .arrow, .msa, .tif or .png")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "output file")
  Path out;

  @Option(names = "--image", defaultValue = "0", paramLabel = "N",
      description = "which SEM image of a .bcf to write as .tif/.png (default 0)")
  int image;

  @Override
  public Integer call() {
    try {
      convert(in, out, image);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("convert: " + EdsCommand.oneLine(e));
      return EdsCommand.BAD_INPUT;
    }
    System.out.println("wrote " + out);
    return 0;
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n;
  }

  private static SignalType signal(String title) {
    try {
      return SignalType.parse(title);
    } catch (IllegalArgumentException other) {
      return SignalType.OTHER;
    }
  }

  /** Converts a file (see the class description). */
  public static void convert(Path in, Path out, int imageIndex) throws IOException {
    String src = in.getFileName().toString().toLowerCase(Locale.ROOT);
    String dst = out.getFileName().toString().toLowerCase(Locale.ROOT);
    String ext = dst.contains(".") ? dst.substring(dst.lastIndexOf('.')) : "";
    if (!java.util.Set.of(".rpl", ".arrow", ".msa", ".tif", ".tiff", ".png", ".hspy")
        .contains(ext)) {
      throw new IllegalArgumentException("output " + out.getFileName() + ": extension must be"
          + " .rpl, .arrow, .hspy, .msa, .tif or .png");
    }
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    if (src.endsWith(".msa") || src.endsWith(".emsa")) {
      Spectrum sp = EmsaReader.read(in);
      switch (ext) {
        case ".msa" -> EmsaIO.write(sp, out);
        case ".hspy" -> HspyIO.write(HspyIO.of(sp), out);
        default -> throw new IllegalArgumentException("a spectrum converts to .msa or .hspy, not "
            + ext);
      }
      return;
    }
    if (src.endsWith(".tif") || src.endsWith(".tiff") || src.endsWith(".png")) {
      Micrograph m = MicrographIO.read(in);
      switch (ext) {
        case ".tif", ".tiff" -> MicrographIO.writeTiff(m, out);
        case ".png" -> MicrographIO.writePng(m, out);
        case ".arrow" -> Files.write(out, ArrowIO.toArrow(m));
        case ".hspy" -> HspyIO.write(HspyIO.image(m.pixels(), m.width(), m.height(),
            m.pixelSizeM(), in.getFileName().toString()), out);
        default -> throw new IllegalArgumentException("an image converts to .tif, .png, .arrow"
            + " or .hspy, not " + ext);
      }
      return;
    }
    // by the file's bytes, not its name (SpectrumImageFiles)
    BcfFile bcf = SpectrumImageFiles.detect(in) == SpectrumImageFiles.Format.BCF
        ? BcfReader.read(in) : null;
    SpectrumImage si = bcf != null ? bcf.spectrumImage() : Denoising.readCube(in);
    switch (ext) {
      case ".rpl" -> RplIO.write(si, out);
      case ".arrow" -> Files.write(out, ArrowIO.toArrow(si));
      case ".hspy" -> HspyIO.write(HspyIO.of(si, stem(in)), out);
      case ".msa" -> {
        double[] sum = SpectrumImages.sumSpectrum(si, "sum").counts();
        double lt = Double.isFinite(si.liveTimePerPixelS())
            ? si.liveTimePerPixelS() * si.width() * si.height() : Double.NaN;
        EmsaIO.write(new Spectrum(sum, si.axis(), lt, Double.NaN, si.beamEnergyKeV(),
            bcf != null ? bcf.elevationAngleDeg() : Double.NaN, Double.NaN,
            "sum spectrum of " + in.getFileName(), Map.of()), out);
      }
      default -> {
        Micrograph m;
        if (bcf != null && !bcf.images().isEmpty()) {
          if (imageIndex < 0 || imageIndex >= bcf.images().size()) {
            throw new IllegalArgumentException("--image " + imageIndex + ": the file has "
                + bcf.images().size() + " SEM image(s), numbered from 0");
          }
          BcfImage im = bcf.images().get(imageIndex);
          float[] px = new float[im.data().length];
          for (int i = 0; i < px.length; i++) {
            px[i] = im.data()[i];
          }
          m = new Micrograph(im.width(), im.height(), px, 16, si.pixelSizeM(),
              signal(im.title()));
        } else {
          float[] px = new float[si.width() * si.height()];
          float max = 0;
          for (int i = 0; i < px.length; i++) {
            float s = 0;
            for (int c = 0; c < si.channels(); c++) {
              s += si.data()[i * si.channels() + c];
            }
            px[i] = s;
            max = Math.max(max, s);
          }
          // a 16-bit image of the total counts, scaled only if they exceed 16 bits
          if (max > 65535) {
            for (int i = 0; i < px.length; i++) {
              px[i] = Math.round(px[i] * 65535 / max);
            }
          }
          m = new Micrograph(si.width(), si.height(), px, 16, si.pixelSizeM(), SignalType.OTHER);
        }
        if (ext.equals(".png")) {
          MicrographIO.writePng(m, out);
        } else {
          MicrographIO.writeTiff(m, out);
        }
      }
    }
  }
}
