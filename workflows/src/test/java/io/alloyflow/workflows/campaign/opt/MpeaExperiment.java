package io.alloyflow.workflows.campaign.opt;

import io.alloyflow.synthetic.mpea.MpeaHardness;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated experiment of closed-loop tests: designing Al(x)CoCrFeNi with a grain size that
 * hits a target hardness. The truth is the synthetic world's {@link MpeaHardness}; a measurement
 * adds Gaussian noise of 5 HV (a typical Vickers scatter). The objective to maximise is the
 * negative distance of the hardness from the target.
 */
public final class MpeaExperiment {
  public static final double TARGET_HV = 300;
  public static final double NOISE_HV = 5;
  public static final SearchSpace SPACE = new SearchSpace(List.of(
      new Parameter("aluminium", 0.2, 1.0), new Parameter("grainInterceptUm", 5, 100)));

  private final SplittableRandom rng;

  public MpeaExperiment(long seed) {
    this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** Noise-free objective. */
  public static double truth(Map<String, Double> p) {
    return -Math.abs(MpeaHardness.hardnessHv(p.get("aluminium"), p.get("grainInterceptUm")) - TARGET_HV);
  }

  /** A noisy measurement of the objective. */
  public double measure(Map<String, Double> p) {
    double hv = MpeaHardness.hardnessHv(p.get("aluminium"), p.get("grainInterceptUm"))
        + NOISE_HV * BatchProposer.gaussian(rng);
    return -Math.abs(hv - TARGET_HV);
  }
}
