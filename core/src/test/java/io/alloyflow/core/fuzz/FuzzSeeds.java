package io.alloyflow.core.fuzz;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.table.FeatureTable;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes the seed corpus of {@link ParserFuzzTest} (small valid files of every kind, made by the
 * project's own writers and by {@code javax.imageio}). Run once from the repository root:
 * {@code java -cp core/target/test-classes:core/target/classes:<deps> io.alloyflow.core.fuzz.FuzzSeeds
 * core/src/test/resources/io/alloyflow/core/fuzz/ParserFuzzTestInputs}; {@code
 * bench/fuzz/run_fuzz.sh --seeds} does that.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0]
        : "core/src/test/resources/io/alloyflow/core/fuzz/ParserFuzzTestInputs");
    Path work = Files.createTempDirectory("seeds-");
    Random r = new Random(7);

    Path mic = out.resolve("micrograph");
    Files.createDirectories(mic);
    float[] p8 = new float[8 * 8];
    for (int i = 0; i < p8.length; i++) {
      p8[i] = r.nextInt(256);
    }
    float[] p16 = new float[16 * 8];
    for (int i = 0; i < p16.length; i++) {
      p16[i] = r.nextInt(65536);
    }
    write(mic.resolve("tiff8"), tiff(work, new Micrograph(8, 8, p8, 8, 2e-8, SignalType.BSE)));
    write(mic.resolve("tiff16"), tiff(work, new Micrograph(16, 8, p16, 16, Double.NaN,
        SignalType.SE)));
    write(mic.resolve("tiff32"), tiff(work, new Micrograph(8, 8, p8, 32, 1e-6,
        SignalType.OTHER)));
    write(mic.resolve("png8"), png(work, new Micrograph(8, 8, p8, 8, 5e-9, SignalType.BSE)));
    write(mic.resolve("png16"), png(work, new Micrograph(16, 8, p16, 16, Double.NaN,
        SignalType.OTHER)));
    BufferedImage rgb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    BufferedImage pal = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        rgb.setRGB(x, y, r.nextInt(1 << 24));
        pal.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    write(mic.resolve("png-rgb"), imageio(rgb));
    write(mic.resolve("png-palette"), imageio(pal));

    Path lab = out.resolve("labelImage");
    Files.createDirectories(lab);
    int[] l8 = new int[8 * 8];
    int[] l16 = new int[8 * 8];
    for (int i = 0; i < l8.length; i++) {
      l8[i] = r.nextInt(3);
      l16[i] = r.nextInt(1000);
    }
    write(lab.resolve("labels8"), labels(work, new LabelMap(8, 8, l8, List.of("a", "b", "c"),
        1e-7)));
    write(lab.resolve("labels16"), labels(work, new LabelMap(8, 8, l16, List.of("bg", "grain"),
        Double.NaN)));

    Path emsa = out.resolve("emsa");
    Files.createDirectories(emsa);
    double[] counts = new double[16];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = r.nextInt(1000);
    }
    Spectrum s = new Spectrum(counts, new EnergyAxis(-20, 10), 60, 62, 20, 35, 1.2, "seed",
        Map.of("#OWNER", "alloyflow", "##D2STDCMP", "K412,(O:42.758),(Mg:11.6567),3.5"));
    write(emsa.resolve("y"), EmsaIO.toText(s).getBytes(StandardCharsets.UTF_8));
    write(emsa.resolve("xy"), ("#FORMAT      : EMSA/MAS Spectral Data File\r\n"
        + "#VERSION     : 1.0\r\n#NPOINTS     : 4\r\n#NCOLUMNS    : 2\r\n#XUNITS      : keV\r\n"
        + "#DATATYPE    : XY\r\n#XPERCHAN    : 0.01\r\n#OFFSET      : 0\r\n"
        + "#SPECTRUM    :\r\n0.00, 1\r\n0.01, 2\r\n0.02, 3\r\n0.03, 4\r\n#ENDOFDATA   :\r\n")
        .getBytes(StandardCharsets.UTF_8));

    Path rpl = out.resolve("rpl");
    Files.createDirectories(rpl);
    float[] cube = new float[3 * 2 * 8];
    for (int i = 0; i < cube.length; i++) {
      cube[i] = r.nextInt(300);
    }
    SpectrumImage si = new SpectrumImage(3, 2, 8, cube, new EnergyAxis(0, 10), 1e-7, 15, 0.01);
    for (boolean gz : new boolean[] {false, true}) {
      Path h = work.resolve("c" + gz + ".rpl");
      RplIO.write(si, h, gz);
      byte[] header = Files.readAllBytes(h);
      byte[] raw = Files.readAllBytes(work.resolve("c" + gz + (gz ? ".raw.gz" : ".raw")));
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(gz ? 1 : 0);
      b.write(header.length >> 8);
      b.write(header.length & 0xff);
      b.writeBytes(header);
      b.writeBytes(raw);
      write(rpl.resolve(gz ? "gzip" : "raw"), b.toByteArray());
    }

    Path arrow = out.resolve("arrow");
    Files.createDirectories(arrow);
    write(arrow.resolve("micrograph"), kind(0, ArrowIO.toArrow(new Micrograph(8, 8, p8, 8, 2e-8,
        SignalType.BSE))));
    write(arrow.resolve("labelMap"), kind(1, ArrowIO.toArrow(new LabelMap(8, 8, l8,
        List.of("a", "b", "c"), 1e-7))));
    write(arrow.resolve("spectrumImage"), kind(2, ArrowIO.toArrow(si)));
    write(arrow.resolve("featureTable"), kind(3, ArrowIO.toArrow(new FeatureTable(
        List.of("s1", "s2"), List.of("grainSizeUm", "phaseFraction"),
        List.of(new double[] {12.5, 8.1}, new double[] {0.3, 0.45})))));
  }

  private static byte[] kind(int k, byte[] b) {
    byte[] out = new byte[b.length + 1];
    out[0] = (byte) k;
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  private static void write(Path p, byte[] b) throws IOException {
    Files.write(p, b);
  }

  private static byte[] tiff(Path work, Micrograph m) throws IOException {
    Path f = work.resolve("m.tif");
    MicrographIO.writeTiff(m, f);
    return Files.readAllBytes(f);
  }

  private static byte[] png(Path work, Micrograph m) throws IOException {
    Path f = work.resolve("m.png");
    MicrographIO.writePng(m, f);
    return Files.readAllBytes(f);
  }

  private static byte[] labels(Path work, LabelMap m) throws IOException {
    Path f = work.resolve("l.png");
    LabelMapIO.writePng(m, f);
    return Files.readAllBytes(f);
  }

  private static byte[] imageio(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
