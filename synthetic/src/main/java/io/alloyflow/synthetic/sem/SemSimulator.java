package io.alloyflow.synthetic.sem;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Phase;
import io.alloyflow.synthetic.random.PoissonSampler;
import io.alloyflow.synthetic.random.RandomFields;
import io.alloyflow.synthetic.raster.Raster;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * SEM image formation from a microstructure.
 *
 * <ol>
 *   <li>Yield map: per pixel the BSE coefficient eta of the phase ({@link BackscatterYield}),
 *       or, inside a phase resolved into constituents ({@link
 *       io.alloyflow.synthetic.micro.PhaseMixture}), the area-weighted eta of its matrix and
 *       particles in that pixel, times the microstructure's yield factor (channelling contrast,
 *       etched grain-boundary grooves). The SE/topographic yield is delta = 0.1
 *       (1 + 2.5 eta) sec(theta): SE1 plus SE2 released by backscattered electrons, delta = delta0
 *       (1 + beta eta) with beta ~ 2.5, and the secant law for the local tilt theta of the
 *       surface (L. Reimer, Scanning Electron Microscopy, 2nd ed., Springer 1998, sec. 4.3.2;
 *       H. Seiler, J. Appl. Phys. 54 (1983) R1). tan(theta) = |grad h| of the relief map
 *       (per-phase relief plus the microstructure's own height map), sec capped at 6 so that
 *       cliff edges saturate as in the edge effect. Signal yield Y = (1 - w) eta + w delta.
 *   <li>Probe blur: Gaussian of sigma {@code probeSigmaPx} applied to Y.
 *   <li>Scan distortions: each line is resampled at x + jitter_y + driftX t, y + driftY t with
 *       Gaussian per-line jitter and linear drift in scan time t in [0, 1).
 *   <li>Shot noise: detected electrons N ~ Poisson(dose Y).
 *   <li>Detector: grey = offset + gain N, rounded and clipped to 16 bit.
 * </ol>
 */
public final class SemSimulator {

  private SemSimulator() {}

  /** Simulated image with the truth of how it was made. */
  public record Result(Micrograph image, float[] expectedYield, double gain, double[] phaseEta) {}

  /** Renders the microstructure under the conditions; deterministic for a seed. */
  public static Result render(Microstructure m, SemConditions c, long seed) {
    int w = m.width();
    int h = m.height();
    int n = w * h;
    List<Phase> phases = m.phases();
    double[] eta = new double[phases.size()];
    double[] relief = new double[phases.size()];
    for (int k = 0; k < eta.length; k++) {
      eta[k] = BackscatterYield.of(phases.get(k).massFractions());
      relief[k] = phases.get(k).relief();
    }
    int[] lab = m.phaseMap().labels();
    float[] height = new float[n];
    for (int i = 0; i < n; i++) {
      height[i] = m.relief() != null ? m.relief()[i] : (float) relief[lab[i]];
    }
    if (m.relief() == null) {
      height = Raster.gaussianBlur(height, w, h, 0.7, 0.7);
    }
    // sub-label constituents: area-weighted eta of matrix and particles in each pixel (each
    // electron enters one constituent; mass-weighting applies only within a homogeneous phase)
    double[] mixEta = null;
    int mixLabel = -1;
    if (m.mixture() != null) {
      mixLabel = m.mixture().phaseLabel();
      double em = BackscatterYield.of(m.mixture().matrix().massFractions());
      double ep = BackscatterYield.of(m.mixture().particle().massFractions());
      float[] f = m.mixture().particleFraction();
      mixEta = new double[n];
      for (int i = 0; i < n; i++) {
        mixEta[i] = f[i] * ep + (1 - f[i]) * em;
      }
    }
    double wt = c.topographyWeight();
    float[] y = new float[n];
    double maxY = 0;
    for (int yy = 0; yy < h; yy++) {
      for (int x = 0; x < w; x++) {
        int i = yy * w + x;
        double e = (mixEta != null && lab[i] == mixLabel ? mixEta[i] : eta[lab[i]])
            * (m.yieldFactor() != null ? m.yieldFactor()[i] : 1);
        double gx = (height[yy * w + Math.min(x + 1, w - 1)] - height[yy * w + Math.max(x - 1, 0)])
            / 2.0;
        double gy = (height[Math.min(yy + 1, h - 1) * w + x] - height[Math.max(yy - 1, 0) * w + x])
            / 2.0;
        double sec = Math.min(6, Math.sqrt(1 + gx * gx + gy * gy));
        double delta = 0.1 * (1 + 2.5 * e) * sec;
        double v = (1 - wt) * e + wt * delta;
        y[i] = (float) v;
        maxY = Math.max(maxY, v);
      }
    }
    float[] blurred = Raster.gaussianBlur(y, w, h, c.probeSigmaPx(), c.probeSigmaPx());
    double gain = Double.isNaN(c.gain())
        ? Math.max(1e-6, (0.6 * 65535 - c.offset()) / (c.dosePerPixel() * maxY)) : c.gain();
    SplittableRandom jr = RandomFields.stream(seed, 101);
    double[] jitter = new double[h];
    for (int r = 0; r < h; r++) {
      jitter[r] = c.scanJitterPx() * RandomFields.gaussian(jr);
    }
    float[] out = new float[n];
    IntStream.range(0, h).parallel().forEach(row -> {
      SplittableRandom rng = RandomFields.stream(seed, 1000 + row);
      for (int x = 0; x < w; x++) {
        double t = (row * (double) w + x) / n;
        double sx = x + jitter[row] + c.driftXPx() * t;
        double sy = row + c.driftYPx() * t;
        double mean = c.dosePerPixel() * Raster.bilinear(blurred, w, h, sx, sy);
        long cnt = PoissonSampler.sample(rng, Math.max(0, mean));
        double g = Math.rint(c.offset() + gain * cnt);
        out[row * w + x] = (float) Math.min(65535, Math.max(0, g));
      }
    });
    Micrograph img = new Micrograph(w, h, out, 16, m.pixelSizeM(), c.signal());
    return new Result(img, blurred, gain, eta);
  }
}
