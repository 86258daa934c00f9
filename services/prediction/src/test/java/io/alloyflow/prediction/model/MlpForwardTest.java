package io.alloyflow.prediction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.TestTables;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bench's pure-Java forward pass computes what the engine computes with the same weights. */
class MlpForwardTest {
  @Test
  void pureJavaForwardMatchesTheTorchEngineOnTheTrainedWeights() throws Exception {
    MlpEnsemble e = ModelIO.load(TestTables.model(), "hardness").model().ensemble();
    int d = e.inputs();
    int n = 300; // several blocks and a ragged last one, so the threaded path runs too
    SplittableRandom r = new SplittableRandom(5);
    double[] rows = new double[n * d];
    for (int i = 0; i < rows.length; i++) {
      int j = i % d;
      rows[i] = e.scaler().mean()[j] + e.scaler().scale()[j] * r.nextDouble(-2.5, 2.5);
    }
    double[][] java = new double[e.members().size()][n];
    new MlpForward(e).predict(rows, n, java);
    double[][] torch = e.predictMembersFlat(rows, n, d);
    for (int m = 0; m < e.members().size(); m++) {
      for (int i = 0; i < n; i++) {
        assertEquals(torch[m][i], java[m][i], 2e-5 * Math.abs(torch[m][i]), "member " + m + " row " + i);
      }
    }
  }
}
