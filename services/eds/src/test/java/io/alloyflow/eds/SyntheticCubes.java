package io.alloyflow.eds;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.util.Map;
import java.util.SplittableRandom;

/** Spectrum images of a few phases (disc, band, matrix) with Poisson noise, with the truth. */
public final class SyntheticCubes {
  private SyntheticCubes() {}

  /** A cube and its noise-free expectation. */
  public record Cube(SpectrumImage noisy, float[] expected, int[] phase) {}

  /** Phases: matrix Fe-Cr, disc of Ni-rich, band of Si-Mn oxide-like. */
  public static Cube make(int w, int h, int channels, double countsPerPixel, long seed) {
    EnergyAxis axis = new EnergyAxis(0, 20000.0 / channels * 0.5);
    double beam = 20000;
    java.util.List<Map<String, Double>> phases = java.util.List.of(
        Map.of("Fe", 0.7, "Cr", 0.25, "Mn", 0.05),
        Map.of("Ni", 0.6, "Fe", 0.3, "Cr", 0.1),
        Map.of("Si", 0.5, "O", 0.3, "Mn", 0.2));
    double[][] spectra = new double[phases.size()][];
    for (int p = 0; p < phases.size(); p++) {
      Map<String, Double> fam = new java.util.HashMap<>();
      phases.get(p).forEach((k, v) -> fam.put(k, v * 0.8 * countsPerPixel));
      double[] mu = SyntheticSpectra.expected(fam, axis, channels, 130, beam, 1);
      double sum = 0;
      for (double v : mu) {
        sum += v;
      }
      for (int i = 0; i < mu.length; i++) {
        mu[i] *= countsPerPixel / sum;
      }
      spectra[p] = mu;
    }
    float[] exp = new float[w * h * channels];
    int[] phase = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int ph = 0;
        double dx = x - 0.3 * w;
        double dy = y - 0.4 * h;
        if (dx * dx + dy * dy < Math.pow(0.2 * Math.min(w, h), 2)) {
          ph = 1;
        } else if (Math.abs(x + y - 1.3 * w) < 0.08 * w) {
          ph = 2;
        }
        phase[y * w + x] = ph;
        int base = (y * w + x) * channels;
        for (int c = 0; c < channels; c++) {
          exp[base + c] = (float) spectra[ph][c];
        }
      }
    }
    SplittableRandom r = new SplittableRandom(seed);
    float[] noisy = new float[exp.length];
    for (int i = 0; i < exp.length; i++) {
      noisy[i] = (float) SyntheticSpectra.poisson(exp[i], r);
    }
    return new Cube(new SpectrumImage(w, h, channels, noisy, axis, 1e-7, 20, 0.01), exp, phase);
  }
}
