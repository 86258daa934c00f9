package io.alloyflow.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.fusion.activity.SpectrumImageFusion;
import io.alloyflow.fusion.api.FusedPhase;
import io.alloyflow.fusion.api.FusedPhaseRequest;
import io.alloyflow.fusion.api.FusedPhaseResult;
import io.alloyflow.synthetic.fusion.SemEdsPair;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrumImageFusionTest {

  @Test
  void registersDiscoversPhasesAndRecordsProvenance(@TempDir Path dir) throws Exception {
    SemEdsPair.Params r = SemEdsPair.Params.registration();
    SemEdsPair p = SemEdsPair.aluminium(new SemEdsPair.Params(32, 32, 2e-6, 6, 6, 2, 0.1, 0.01,
        0.02, 1.0, 2000, 1024, r.margin()), 51);
    FileSystemArtifactStore store = new FileSystemArtifactStore(dir);
    var mic = store.put(ArrowIO.toArrow(p.sem()), ArrowIO.MEDIA_TYPE);
    var si = store.put(ArrowIO.toArrow(p.spectrumImage()), ArrowIO.MEDIA_TYPE);
    FusedPhaseResult res = SpectrumImageFusion.run(store,
        new FusedPhaseRequest(mic, si, "al-alloy", List.of(), 3), "wf", "run", 1);
    assertTrue(res.reliable(), res.reason());
    assertEquals(p.semToEds()[0][0], res.semToEds().get(0).get(0), 0.01);
    assertEquals(3, res.phases().size());
    FusedPhase matrix = res.phases().stream()
        .max(java.util.Comparator.comparingDouble(FusedPhase::areaFraction)).orElseThrow();
    assertEquals("alpha-Al", matrix.name());
    assertTrue(matrix.apparentComposition().get("Al") > 0.8, matrix.toString());
    assertTrue(matrix.compositionSe().get("Al") < 0.05, matrix.toString());
    LabelMap map = ArrowIO.labelMapFromArrow(store.get(res.phaseMap()));
    assertEquals(p.sem().width(), map.width());
    assertEquals(2, res.provenance().used().size());
    assertEquals("wf", res.provenance().workflowId());
  }
}
