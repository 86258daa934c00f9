package io.alloyflow.workflows.campaign.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimisation mathematics without Temporal: a simulated closed loop with batches of 4
 * against random search with the same number of trials, on the synthetic world's hardness.
 */
class BatchProposerTest {
  static final int BATCH = 4;
  static final int BATCHES = 6;

  /** Best noise-free objective found by the loop (ask 4, measure, tell), trials = BATCH * BATCHES. */
  static double closedLoop(long seed, Acquisition acq) {
    MpeaExperiment exp = new MpeaExperiment(seed);
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    GpEnsemble.Model model = GpEnsemble.Model.prior();
    for (int b = 0; b < BATCHES; b++) {
      double[] ys = BatchProposer.unbox(y);
      model = GpEnsemble.train(x, ys);
      List<BatchProposer.Proposal> props =
          BatchProposer.propose(2, model, x, ys, List.of(), BATCH, acq, seed * 1000 + b);
      assertEquals(BATCH, props.size());
      for (BatchProposer.Proposal p : props) {
        Map<String, Double> params = MpeaExperiment.SPACE.fromUnit(p.unit());
        x.add(p.unit());
        y.add(exp.measure(params));
        best = Math.max(best, MpeaExperiment.truth(params));
      }
    }
    return best;
  }

  static double randomSearch(long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 7919 + 1);
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < BATCH * BATCHES; i++) {
      best = Math.max(best, MpeaExperiment.truth(MpeaExperiment.SPACE.fromUnit(BatchProposer.uniform(2, rng))));
    }
    return best;
  }

  @Test
  void batchesOfFourBeatRandomSearchInAtLeastEightOfTenSeeds() {
    int wins = 0;
    StringBuilder log = new StringBuilder();
    for (long seed = 1; seed <= 10; seed++) {
      double loop = closedLoop(seed, Acquisition.EI);
      double random = randomSearch(seed);
      if (loop > random) {
        wins++;
      }
      log.append(String.format("seed %d: loop %.2f HV off target, random %.2f%n", seed, -loop, -random));
    }
    System.out.print(log);
    assertTrue(wins >= 8, "closed loop won " + wins + "/10:\n" + log);
  }

  @Test
  void upperConfidenceBoundAlsoFindsTheTargetWithinTheMeasurementNoise() {
    int close = 0;
    for (long seed = 1; seed <= 5; seed++) {
      if (-closedLoop(seed, Acquisition.UCB) < 2 * MpeaExperiment.NOISE_HV) {
        close++;
      }
    }
    assertTrue(close >= 4, "UCB came within 10 HV of the target in " + close + "/5 seeds");
  }

  @Test
  void pendingTrialsPushTheNextProposalsAway() {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    MpeaExperiment exp = new MpeaExperiment(3);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 10; i++) {
      double[] u = BatchProposer.uniform(2, rng);
      x.add(u);
      y.add(exp.measure(MpeaExperiment.SPACE.fromUnit(u)));
    }
    double[] ys = BatchProposer.unbox(y);
    GpEnsemble.Model model = GpEnsemble.train(x, ys);
    double[] first = BatchProposer.propose(2, model, x, ys, List.of(), 1, Acquisition.EI, 5).get(0).unit();
    double[] again = BatchProposer.propose(2, model, x, ys, List.of(first), 1, Acquisition.EI, 5).get(0).unit();
    assertTrue(GpEnsemble.distance(first, again) > 0.01,
        "a pending point must not be proposed again: " + java.util.Arrays.toString(first) + " vs "
            + java.util.Arrays.toString(again));
  }

  @Test
  void theSurrogateInterpolatesASmoothFunctionWithHonestUncertainty() {
    List<double[]> x = new ArrayList<>();
    double[] y = new double[25];
    for (int i = 0; i < 25; i++) {
      double[] u = {(i % 5) / 4.0, (i / 5) / 4.0};
      x.add(u);
      y[i] = Math.sin(3 * u[0]) + u[1] * u[1];
    }
    GpEnsemble.Model model = GpEnsemble.train(x, y);
    GpEnsemble.Posterior post = GpEnsemble.posterior(model, x, y);
    double[] at = post.predict(new double[] {0.375, 0.625});
    double truth = Math.sin(3 * 0.375) + 0.625 * 0.625;
    assertEquals(truth, at[0], 0.05);
    double[] near = post.predict(x.get(7));
    double[] far = GpEnsemble.posterior(model, x.subList(0, 5), java.util.Arrays.copyOf(y, 5))
        .predict(new double[] {0.5, 1.0});
    assertTrue(far[1] > 5 * near[1], "uncertainty far from data " + far[1] + " vs at data " + near[1]);
  }

  @Test
  void expectedImprovementMatchesItsClosedForm() {
    // at mean = best the improvement is std * phi(0)
    assertEquals(0.3989422804 * 2, Acquisition.EI.value(1, 2, 1), 1e-7);
    assertEquals(0.8413447461, Acquisition.normalCdf(1), 2e-7);
    assertEquals(5 + 2 * 3, Acquisition.UCB.value(5, 3, 0), 1e-12);
  }

  @Test
  void badSpacesAndPointsAreRefusedWithTheirReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MpeaExperiment.SPACE.toUnit(Map.of("aluminium", 2.0, "grainInterceptUm", 10.0)));
    assertTrue(e.getMessage().contains("'aluminium' must be a number within [0.2, 1.0], found 2.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Parameter("x", 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Acquisition.parse("pi"));
  }
}
