package io.alloyflow.segmentation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.Fixtures;
import io.alloyflow.segmentation.io.ViaAnnotations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Satellite counts per powder particle on the AMPIS ground-truth annotations (real data). */
class AmpisSatellitesTest {
  @Test
  void satellitesSitOnAnnotatedParticles() throws Exception {
    Path shared = Fixtures.sharedData();
    Assumptions.assumeTrue(shared != null, "shared data folder absent: skipping AMPIS check");
    Path dir = shared.resolve("segmentation/ampis-powder");
    Assumptions.assumeTrue(Files.isDirectory(dir), "AMPIS data absent");
    Map<String, List<ViaAnnotations.Region>> parts =
        ViaAnnotations.read(dir.resolve("via_powder_particle_masks_training.json"));
    Map<String, List<ViaAnnotations.Region>> sats =
        ViaAnnotations.read(dir.resolve("via_powder_satellite_masks_training.json"));
    int w = 1536;
    int h = 1024;
    int images = 0;
    for (var e : parts.entrySet()) {
      List<ViaAnnotations.Region> s = sats.get(e.getKey());
      if (s == null) {
        continue;
      }
      images++;
      int[] p = ViaAnnotations.rasterise(e.getValue(), w, h);
      int[] sm = ViaAnnotations.rasterise(s, w, h);
      Satellites.Result r = Satellites.count(p, sm, w, h, 3);
      System.out.printf(
          "AMPIS %s: %d particles, %d satellites, %d unassigned, %.3f satellites/particle, %.3f"
              + " of particles carry satellites%n",
          e.getKey(), r.particles(), r.satellites(), r.unassigned(), r.meanPerParticle(),
          r.fractionWithSatellites());
      assertEquals(e.getValue().size(), r.particles(), "every particle polygon is rasterised");
      assertTrue(r.unassigned() < 0.2 * r.satellites(), "satellites touch particles");
      assertTrue(r.meanPerParticle() > 0);
    }
    assertEquals(4, images);
  }
}
