package io.alloyflow.fusion.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.fusion.api.ClassifiedParticle;
import io.alloyflow.fusion.api.InclusionClassifyRequest;
import io.alloyflow.fusion.api.InclusionFieldResult;
import io.alloyflow.fusion.api.InclusionScreenRequest;
import io.alloyflow.fusion.api.InclusionScreenResult;
import io.alloyflow.fusion.api.ScreenedParticle;
import io.alloyflow.fusion.inclusions.Particle;
import io.alloyflow.synthetic.fusion.InclusionField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BSE-first screening and classification of synthetic steel fields whose truth is known: only the
 * uncertain particles are classified from EDS, the final classes agree with the truth, and a field
 * that is not the screened one is refused.
 */
class InclusionScanTest {
  /** A small model: 4 training and 2 calibration fields, 60 trees. */
  static final InclusionScreeningModel.Config SMALL =
      new InclusionScreeningModel.Config(4, 2, 60, 4, 11);

  static InclusionScreeningModel model;

  @BeforeAll
  static void train() {
    model = InclusionScreeningModel.shared(SMALL, () -> { });
  }

  @Test
  void onlyUncertainParticlesUseEdsAndClassesMatchTheTruth(@TempDir Path dir) throws Exception {
    FileSystemArtifactStore store = new FileSystemArtifactStore(dir);
    InclusionField f = InclusionField.generate(InclusionField.Params.defaults(), 3001);
    ArtifactRef bse = store.put(ArrowIO.toArrow(f.bse()), ArrowIO.MEDIA_TYPE);
    // one spot spectrum per true inclusion, at a pixel of the detected particle covering it
    List<Map.Entry<Particle, String>> truth = InclusionScreeningModel.labelled(f);
    assertTrue(truth.size() > 20, "field has " + truth.size() + " labelled particles");
    Map<Integer, String> trueClass = new HashMap<>();
    Map<Integer, double[]> spectrumOf = new HashMap<>();
    List<InclusionScreenRequest.SpotPosition> spots = new ArrayList<>();
    List<Integer> spotParticle = new ArrayList<>();
    for (Map.Entry<Particle, String> e : truth) {
      Particle p = e.getKey();
      trueClass.put(p.id(), e.getValue());
      int px = p.pixels()[p.pixels().length / 2];
      spots.add(new InclusionScreenRequest.SpotPosition(px % f.bse().width() + 0.5,
          px / f.bse().width() + 0.5));
      spotParticle.add(p.id());
      int inst = f.microstructure().instanceMap().labels()[px];
      spectrumOf.put(p.id(), f.spectra().get(Math.max(1, inst) - 1));
    }
    InclusionScreenResult s = InclusionScan.screen(store,
        new InclusionScreenRequest("f1", bse, spots, 0.9), model, "wf", "run", 1);
    int uncertain = 0;
    List<InclusionClassifyRequest.ParticleSpectrum> acquired = new ArrayList<>();
    for (ScreenedParticle sp : s.particles()) {
      if (trueClass.containsKey(sp.id())) {
        assertEquals(spotParticle.indexOf(sp.id()), sp.spot(), "spot of particle " + sp.id());
      }
      assertEquals(sp.confidence() < 0.9, sp.uncertain());
      if (sp.uncertain()) {
        uncertain++;
        if (sp.spot() >= 0) {
          Spectrum spec = new Spectrum(spectrumOf.get(sp.id()), f.axis(), f.liveTimeS(),
              f.liveTimeS(), f.beamKeV(), 35, 1, "particle " + sp.id(), Map.of());
          acquired.add(new InclusionClassifyRequest.ParticleSpectrum(sp.id(), store.put(
              EmsaIO.toText(spec).getBytes(StandardCharsets.UTF_8), "application/x-emsa")));
        }
      }
    }
    assertTrue(uncertain > 0 && uncertain < s.particles().size(),
        uncertain + " of " + s.particles().size() + " uncertain");
    InclusionFieldResult r = InclusionScan.classify(store,
        new InclusionClassifyRequest("f1", bse, s.particles(), acquired), "wf", "run", 1);
    assertEquals(acquired.size(), r.edsClassified());
    int right = 0;
    for (ClassifiedParticle c : r.particles()) {
      ScreenedParticle sp = s.particles().get(c.id() - 1);
      assertEquals(sp.uncertain() && sp.spot() >= 0 ? "EDS" : "BSE", c.source(),
          "particle " + c.id());
      if (trueClass.containsKey(c.id())) {
        right += c.className().equals(trueClass.get(c.id())) ? 1 : 0;
      }
    }
    double acc = right / (double) trueClass.size();
    System.out.printf("screening model %s trained in %d ms on %d particles; field: %d particles,"
        + " %d uncertain, %d EDS, accuracy %.3f%n", model.id(), model.trainingMs(),
        model.trainingParticles(), s.particles().size(), uncertain, acquired.size(), acc);
    assertTrue(acc >= 0.9, "accuracy " + acc);
    assertEquals(s.particles().size(),
        r.countsPerClass().values().stream().mapToInt(Integer::intValue).sum());
    // another image than the screened one
    InclusionField g = InclusionField.generate(InclusionField.Params.defaults(), 3002);
    ArtifactRef other = store.put(ArrowIO.toArrow(g.bse()), ArrowIO.MEDIA_TYPE);
    assertThrows(IllegalArgumentException.class, () -> InclusionScan.classify(store,
        new InclusionClassifyRequest("f1", other, s.particles(), List.of()), "wf", "run", 1));
  }
}
