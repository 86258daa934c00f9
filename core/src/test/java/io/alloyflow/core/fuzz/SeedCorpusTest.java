package io.alloyflow.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.ReadLimits;
import io.alloyflow.core.io.RplIO;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed files of {@link ParserFuzzTest} are valid inputs that every parser must accept (the
 * fuzz tests alone accept a {@code FormatException} for any input, so a parser that rejected
 * everything would pass them). Files named {@code finding-*} are inputs the fuzzer found; they
 * only need to be rejected cleanly, which the fuzz tests check.
 */
class SeedCorpusTest {
  @TempDir Path tmp;

  private static List<Path> seeds(String method) throws IOException, URISyntaxException {
    Path dir = Path.of(SeedCorpusTest.class.getResource("ParserFuzzTestInputs/" + method).toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("finding-")
          && !p.getFileName().toString().startsWith("crash-")).sorted().toList();
    }
  }

  @Test
  void everySeedDecodes() throws Exception {
    int n = 0;
    for (Path p : seeds("micrograph")) {
      byte[] b = Files.readAllBytes(p);
      assertTrue(MicrographIO.probe(b).width() >= ReadLimits.MIN_IMAGE_SIDE, p.toString());
      MicrographIO.decodeRaster(b, p.toString(), ReadLimits.DEFAULT);
      n++;
    }
    for (Path p : seeds("labelImage")) {
      LabelMapIO.decode(Files.readAllBytes(p), p.toString(), List.of("a", "b"), ReadLimits.DEFAULT);
      n++;
    }
    for (Path p : seeds("emsa")) {
      EmsaIO.read(Files.readString(p, StandardCharsets.ISO_8859_1), p.toString());
      n++;
    }
    for (Path p : seeds("rpl")) {
      byte[] in = Files.readAllBytes(p);
      boolean gz = (in[0] & 1) != 0;
      int len = ((in[1] & 0xff) << 8) | (in[2] & 0xff);
      Path rpl = tmp.resolve("s" + n + ".rpl");
      Files.write(rpl, Arrays.copyOfRange(in, 3, 3 + len));
      Files.write(tmp.resolve("s" + n + (gz ? ".raw.gz" : ".raw")),
          Arrays.copyOfRange(in, 3 + len, in.length));
      assertEquals(8, RplIO.read(rpl).channels(), p.toString());
      n++;
    }
    for (Path p : seeds("arrow")) {
      byte[] in = Files.readAllBytes(p);
      byte[] a = Arrays.copyOfRange(in, 1, in.length);
      switch (in[0] % 4) {
        case 0 -> ArrowIO.micrographFromArrow(a);
        case 1 -> ArrowIO.labelMapFromArrow(a);
        case 2 -> ArrowIO.spectrumImageFromArrow(a);
        default -> ArrowIO.featureTableFromArrow(a);
      }
      n++;
    }
    assertEquals(17, n, "seed files found");
  }
}
