package io.alloyflow.synthetic.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Polycrystal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthTest {

  @Test
  void interceptOfStripesIsTheStripeWidth() {
    int w = 64;
    int h = 32;
    int[] lab = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        lab[y * w + x] = x / 8;
      }
    }
    LinealIntercept.Result r = LinealIntercept.measure(lab, w, h);
    // 7 boundaries on a row of 63 pixel steps
    assertEquals(63.0 / 7, r.horizontalPx(), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, r.verticalPx());
    assertEquals((32.0 * 63 + 64.0 * 31) / (7 * 32), r.meanInterceptPx(), 1e-12);
    // ASTM E112: G = 0 at 0.32 mm, each +1 in G divides the intercept by sqrt(2)
    assertEquals(0.0, LinealIntercept.astmGrainSizeNumber(0.3203e-3), 0.01);
    assertEquals(1.0, LinealIntercept.astmGrainSizeNumber(0.3203e-3 / Math.sqrt(2)), 0.01);
  }

  @Test
  void laguerreDispersionWidensTheSizeDistribution() {
    Microstructure pv = Polycrystal.generate2d(
        new Polycrystal.Params2d(384, 384, 1e-6, 12e-6, 0.0, "ferrite", Materials.IRON), 2L);
    Microstructure lg = Polycrystal.generate2d(
        new Polycrystal.Params2d(384, 384, 1e-6, 12e-6, 1.5, "ferrite", Materials.IRON), 2L);
    double cvPv = (double) pv.statistics().get("grainAreaCv");
    double cvLg = (double) lg.statistics().get("grainAreaCv");
    assertTrue(cvLg > cvPv * 1.1, "Laguerre CV " + cvLg + " vs Poisson-Voronoi " + cvPv);
    // Poisson-Voronoi cell-area CV is about 0.53 (Kiang 1966; edge cells truncated lower it)
    assertEquals(0.5, cvPv, 0.12);
  }

  @Test
  void truthJsonIsDeterministicAndReadable(@TempDir Path tmp) throws Exception {
    Microstructure m = Polycrystal.generate2d(
        Polycrystal.Params2d.defaults(96, 1e-6, 8e-6), 3L);
    Map<String, Object> doc = Truth.microstructure(m, Map.of("phaseMap", "phases.png"));
    TruthWriter.write(doc, tmp.resolve("a.json"));
    TruthWriter.write(Truth.microstructure(Polycrystal.generate2d(
        Polycrystal.Params2d.defaults(96, 1e-6, 8e-6), 3L), Map.of("phaseMap", "phases.png")),
        tmp.resolve("b.json"));
    assertEquals(Files.readString(tmp.resolve("a.json")), Files.readString(tmp.resolve("b.json")));
    Map<String, Object> back = TruthWriter.read(tmp.resolve("a.json"));
    assertEquals("grains2d", back.get("kind"));
    assertEquals(m.instances().size(), ((List<?>) back.get("instances")).size());
    assertEquals(m.instances().size(), ((Number) back.get("instanceCount")).intValue());
  }
}
