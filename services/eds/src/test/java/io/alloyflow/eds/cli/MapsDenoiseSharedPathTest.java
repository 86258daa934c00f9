package io.alloyflow.eds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.table.FeatureTable;
import io.alloyflow.eds.SyntheticCubes;
import io.alloyflow.eds.http.EdsController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eds denoise} / {@code eds maps} on an Arrow cube give the same numbers as the HTTP
 * endpoints on the same bytes (one code path), and refuse bad input with one line and exit 2.
 */
class MapsDenoiseSharedPathTest {
  @Test
  void cliAndHttpAgree(@TempDir Path tmp) throws Exception {
    SyntheticCubes.Cube c = SyntheticCubes.make(20, 20, 512, 300, 5L);
    byte[] arrow = ArrowIO.toArrow(c.noisy());
    Path cube = tmp.resolve("cube.arrow");
    Files.write(cube, arrow);

    Path out = tmp.resolve("den");
    EdsCommandTest.Run r = EdsCommandTest.run("denoise", cube.toString(), "--method", "pca",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(out.resolve("denoised.raw")) && Files.exists(out.resolve("scree.png")));
    JsonNode cli = new ObjectMapper().readTree(out.resolve("snr.json").toFile());
    Map<String, Object> http = new EdsController().denoise(arrow, "pca", null, 1L, "none");
    assertEquals(cli.get("components").asInt(), http.get("components"));
    double[] sv = (double[]) http.get("singularValues");
    for (int i = 0; i < sv.length; i++) {
      assertEquals(cli.get("singularValues").get(i).asDouble(), sv[i], 1e-9 * sv[0]);
    }
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> els = (Map<String, Map<String, Object>>) http.get("elements");
    cli.get("snrAfter").fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(),
        (Double) els.get(e.getKey()).get("snrAfter"), 1e-9, e.getKey()));

    Path mo = tmp.resolve("maps");
    r = EdsCommandTest.run("maps", cube.toString(), "--elements", "Fe,Ni,Si", "--out",
        mo.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(mo.resolve("maps/Ni.png")));
    FeatureTable t = ArrowIO.featureTableFromArrow(Files.readAllBytes(mo.resolve("maps.arrow")));
    Map<String, Object> hm = new EdsController().maps(arrow, "Fe,Ni,Si", "arrow", null);
    FeatureTable th = ArrowIO.featureTableFromArrow(
        java.util.Base64.getDecoder().decode((String) hm.get("arrowBase64")));
    for (int j = 0; j < 3; j++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(th.columns().get(j), t.columns().get(j));
    }
    // the Ni map is bright in the Ni-rich disc (phase 1) and dark elsewhere
    double in = 0;
    double outside = 0;
    int nIn = 0;
    for (int i = 0; i < 400; i++) {
      if (c.phase()[i] == 1) {
        in += t.columns().get(1)[i];
        nIn++;
      } else {
        outside += t.columns().get(1)[i];
      }
    }
    assertTrue(in / nIn > 5 * outside / (400 - nIn), "Ni in disc " + in / nIn + " vs outside "
        + outside / (400 - nIn));
    JsonNode mj = new ObjectMapper().readTree(mo.resolve("maps.json").toFile());
    assertEquals("K", mj.get("elements").get("Ni").get("family").asText());
  }

  @Test
  void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
    Path cube = tmp.resolve("cube.arrow");
    Files.write(cube, ArrowIO.toArrow(SyntheticCubes.make(8, 8, 256, 100, 1L).noisy()));
    String[][] cases = {
        {"maps", cube.toString(), "--elements", "Fe,Qq", "--out", tmp.resolve("a").toString()},
        {"denoise", cube.toString(), "--method", "svd", "--out", tmp.resolve("b").toString()},
        {"denoise", cube.toString(), "--components", "40", "--out", tmp.resolve("c").toString()},
        {"maps", tmp.resolve("missing.rpl").toString(), "--elements", "Fe", "--out",
            tmp.resolve("d").toString()},
    };
    String[] expected = {"--elements: 'Qq' is not an element symbol", "--method must be pca",
        "--components must be 0", "missing.rpl"};
    for (int i = 0; i < cases.length; i++) {
      EdsCommandTest.Run r = EdsCommandTest.run(cases[i]);
      assertEquals(EdsCommand.BAD_INPUT, r.code(), String.join(" ", cases[i]) + ": " + r.err());
      assertTrue(r.err().contains(expected[i]), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }
}
