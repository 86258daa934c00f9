package io.alloyflow.prediction.micromech;

/**
 * A square periodic phase map: phase index per pixel, row-major (index = y * n + x).
 *
 * @param n side length in pixels (4..4096)
 * @param phase phase index per pixel, each in 0..phaseCount-1
 * @param phaseCount number of phases
 */
public record PhaseGrid(int n, int[] phase, int phaseCount) {

  public PhaseGrid {
    if (n < 4 || n > 4096) {
      throw new IllegalArgumentException("phase map side must be 4..4096 pixels, found " + n);
    }
    if (phase == null || phase.length != n * n) {
      throw new IllegalArgumentException(
          "phase map of side " + n + " needs " + n * n + " pixels, found "
              + (phase == null ? "none" : phase.length));
    }
    if (phaseCount < 1) {
      throw new IllegalArgumentException("at least one phase is needed, found " + phaseCount);
    }
    for (int i = 0; i < phase.length; i++) {
      if (phase[i] < 0 || phase[i] >= phaseCount) {
        throw new IllegalArgumentException(
            "pixel (" + i % n + ", " + i / n + ") has phase " + phase[i] + ", expected 0.."
                + (phaseCount - 1));
      }
    }
  }

  /** Area fraction of each phase. */
  public double[] fractions() {
    double[] f = new double[phaseCount];
    for (int p : phase) {
      f[p] += 1.0 / phase.length;
    }
    return f;
  }
}
