package io.alloyflow.prediction.micromech;

/**
 * Linear-elastic plane-strain homogenisation of a periodic multi-phase map by the FFT basic
 * scheme ({@link PlaneStrainFft}); the reference medium takes the mean of the extreme Lame
 * constants of the phases (Moulinec and Suquet 1998).
 */
public final class PlaneStrainElastic {

  /**
   * Converged fields and means.
   *
   * @param exx strain xx per pixel
   * @param eyy strain yy per pixel
   * @param exy tensor shear strain per pixel
   * @param sxx stress xx per pixel (Pa)
   * @param syy stress yy per pixel (Pa)
   * @param sxy shear stress per pixel (Pa)
   * @param macroStrain mean strain (xx, yy, xy)
   * @param macroStress mean stress (xx, yy, xy) (Pa)
   * @param iterations iterations used
   */
  public record Result(
      double[] exx, double[] eyy, double[] exy, double[] sxx, double[] syy, double[] sxy,
      double[] macroStrain, double[] macroStress, int iterations) {}

  private PlaneStrainElastic() {}

  /**
   * Solves under mixed control.
   *
   * @param macroStrain prescribed macroscopic strain (xx, yy, xy); stress-controlled entries are
   *     the starting guess
   * @param stressControlled which components are stress-controlled (null: none)
   * @param targetStress mean stress targets (Pa) of the stress-controlled components
   */
  public static Result solve(
      PhaseGrid grid, Isotropic[] phases, double[] macroStrain, boolean[] stressControlled,
      double[] targetStress, double tol) {
    if (phases.length != grid.phaseCount()) {
      throw new IllegalArgumentException(
          "the map has " + grid.phaseCount() + " phases but " + phases.length + " materials were given");
    }
    int size = grid.n() * grid.n();
    double[] lam = new double[size];
    double[] mu = new double[size];
    double lmin = Double.POSITIVE_INFINITY;
    double lmax = Double.NEGATIVE_INFINITY;
    double mmin = Double.POSITIVE_INFINITY;
    double mmax = Double.NEGATIVE_INFINITY;
    for (Isotropic p : phases) {
      lmin = Math.min(lmin, p.lambda());
      lmax = Math.max(lmax, p.lambda());
      mmin = Math.min(mmin, p.mu());
      mmax = Math.max(mmax, p.mu());
    }
    for (int i = 0; i < size; i++) {
      lam[i] = phases[grid.phase()[i]].lambda();
      mu[i] = phases[grid.phase()[i]].mu();
    }
    PlaneStrainFft fft = new PlaneStrainFft(grid.n());
    double[] exx = new double[size];
    double[] eyy = new double[size];
    double[] exy = new double[size];
    double[] macro = macroStrain.clone();
    java.util.Arrays.fill(exx, macro[0]);
    java.util.Arrays.fill(eyy, macro[1]);
    java.util.Arrays.fill(exy, macro[2]);
    boolean[] ctrl = stressControlled == null ? new boolean[3] : stressControlled;
    double[] target = targetStress == null ? new double[3] : targetStress;
    PlaneStrainFft.Constitutive law =
        (ex, ey, eg, sx, sy, sg) -> {
          for (int i = 0; i < size; i++) {
            double tr = ex[i] + ey[i];
            sx[i] = lam[i] * tr + 2 * mu[i] * ex[i];
            sy[i] = lam[i] * tr + 2 * mu[i] * ey[i];
            sg[i] = 2 * mu[i] * eg[i];
          }
        };
    int it =
        fft.equilibrate(
            law, 0.5 * (lmin + lmax), 0.5 * (mmin + mmax), exx, eyy, exy, macro, ctrl, target, tol,
            10_000);
    return new Result(
        exx, eyy, exy, fft.sxx.clone(), fft.syy.clone(), fft.sxy.clone(), macro,
        new double[] {PlaneStrainFft.mean(fft.sxx), PlaneStrainFft.mean(fft.syy),
            PlaneStrainFft.mean(fft.sxy)},
        it);
  }
}
