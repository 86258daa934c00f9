package io.alloyflow.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.measure.MeasureOptions;
import io.alloyflow.segmentation.measure.Measurements;
import io.alloyflow.segmentation.measure.MicrostructureMeasurements;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixel classifier trained on one synthetic dual-phase steel and applied through the facade to a
 * held-out seed (the fast CI subset of bench/segmentation/run_synthetic_eval.sh).
 */
class SyntheticWorldSegmentationTest {
  @TempDir Path tmp;

  @Test
  void pixelClassifierGeneralisesToAHeldOutSeed() throws Exception {
    int size = 256;
    double px = 2.5e-7;
    SyntheticSample train = SyntheticWorld.dualPhaseSteel(1, size, px);
    List<String> names = train.phases().classNames();
    PixelClassifier pc =
        PixelClassifier.train(
            List.of(new TrainingImage(train.bse().pixels(), size, size, train.phases().labels(),
                false, "dualPhaseSteel(1)")),
            names,
            FeatureBank.ilastik(),
            new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST, 40, 6, 3000, 42, 2));
    Path model = tmp.resolve("dp.zip");
    pc.save(model);
    SyntheticSample test = SyntheticWorld.dualPhaseSteel(1001, size, px);
    PhaseSegmentation seg =
        Segmenter.segment(test.bse(), SegmentationOptions.withModel("pixel-classifier", model));
    double miou =
        SemanticMetrics.compute(seg.labels().labels(), test.phases().labels(), names.size())
            .meanIoU();
    assertTrue(miou > 0.8, "held-out mIoU " + miou);
    assertEquals(names, seg.classNames());
    assertEquals("pixel-classifier", seg.algorithm().name());
    double truthMartensite = test.phases().fractions()[1];
    assertEquals(truthMartensite, seg.fractions().get(1).fraction(), 0.06);
    assertTrue(seg.fractions().get(1).standardError() > 0);
    MicrostructureMeasurements m = Measurements.measure(seg.labels(), test.bse(), MeasureOptions.defaults());
    assertEquals(px, m.pixelSizeM(), 0);
    assertEquals(1, m.particles().size());
    assertEquals("um", m.particles().get(0).unit());
  }
}
