package io.alloyflow.prediction.micromech;

import java.util.Arrays;

/**
 * Plane-strain uniaxial tension of a periodic ferrite-martensite map to fracture.
 *
 * <p>The macroscopic strain xx rises in equal increments (strain control), the macroscopic
 * stresses yy and xy are held at zero (stress control) and the strain zz is zero (plane strain).
 * Every pixel is a small-strain J2 material with isotropic hardening ({@link J2Return},
 * {@link FlowCurve}); each load step is equilibrated by the basic FFT scheme
 * ({@link PlaneStrainFft}) with an elastic reference medium.
 *
 * <p>Ductile damage is the Rice-Tracey void growth integral (J. R. Rice and D. M. Tracey, "On the
 * ductile enlargement of voids in triaxial stress fields", J. Mech. Phys. Solids 17 (1969)
 * 201-217): d ln(R/R0) = 0.283 exp(1.5 eta) dp with the stress triaxiality eta = sigma_m /
 * sigma_eq, counted only for eta &gt; -1/3, below which voids do not grow (Bao and Wierzbicki,
 * Int. J. Mech. Sci. 46 (2004) 81-98). Failure is non-local to avoid a grid-dependent single-pixel
 * criterion: the ratio ln(R/R0) / ln(R/R0)_c of each pixel's phase is averaged over a periodic
 * (2r+1)^2 window (r = {@code Settings#regularisationRadius}), and the fracture strain is the
 * macroscopic strain xx at which the largest windowed ratio first reaches 1 (linear
 * interpolation within the step). A map that does not fail by {@code maxStrain} is reported as
 * censored at maxStrain.
 */
public final class DpTension {

  /** Solver version recorded in dataset provenance; change it when labels would change. */
  public static final String VERSION = "dp-tension-1.1";

  /**
   * Loading and numerical settings.
   *
   * @param strainStep macroscopic strain increment (&gt; 0)
   * @param maxStrain strain at which a non-failing map is censored
   * @param tolerance FFT equilibrium tolerance
   * @param maxIterations iteration limit per step
   * @param regularisationRadius half width r of the damage averaging window (pixels, &gt;= 0)
   */
  public record Settings(
      double strainStep, double maxStrain, double tolerance, int maxIterations,
      int regularisationRadius) {

    public Settings {
      if (!(strainStep > 0) || !(maxStrain > strainStep)) {
        throw new IllegalArgumentException(
            "need 0 < strain step < max strain, found " + strainStep + " and " + maxStrain);
      }
      if (!(tolerance > 0 && tolerance < 0.1) || maxIterations < 1 || regularisationRadius < 0) {
        throw new IllegalArgumentException(
            "tolerance must be in (0, 0.1), iterations >= 1 and radius >= 0; found " + tolerance
                + ", " + maxIterations + ", " + regularisationRadius);
      }
    }

    /** The settings the dataset labels use. */
    public static Settings defaults() {
      return new Settings(0.01, 0.50, 1e-4, 3000, 2);
    }
  }

  /**
   * Outcome.
   *
   * @param fractureStrain macroscopic strain xx at failure (or maxStrain when censored)
   * @param censored true when no failure occurred by maxStrain
   * @param failureX x of the failure window centre (-1 when censored)
   * @param failureY y of the failure window centre (-1 when censored)
   * @param failurePhase phase index at the failure site (-1 when censored)
   * @param strain macroscopic strain xx after each step
   * @param stress macroscopic stress xx after each step (Pa)
   * @param iterations FFT iterations over all steps
   * @param plasticStrain accumulated plastic strain per pixel at the end
   * @param damageRatio ln(R/R0) / ln(R/R0)_c per pixel at the end
   */
  public record Result(
      double fractureStrain, boolean censored, int failureX, int failureY, int failurePhase,
      double[] strain, double[] stress, int iterations, double[] plasticStrain,
      double[] damageRatio) {}

  private DpTension() {}

  /** Runs the tension test on {@code grid} whose phase indices refer to {@code phases}. */
  public static Result run(PhaseGrid grid, DpPhase[] phases, Settings s) {
    if (phases.length != grid.phaseCount()) {
      throw new IllegalArgumentException(
          "the map has " + grid.phaseCount() + " phases but " + phases.length + " were given");
    }
    int n = grid.n();
    int size = n * n;
    int[] ph = grid.phase();
    double lmin = Double.POSITIVE_INFINITY;
    double lmax = Double.NEGATIVE_INFINITY;
    double mmin = Double.POSITIVE_INFINITY;
    double mmax = Double.NEGATIVE_INFINITY;
    double[] lamP = new double[phases.length];
    double[] muP = new double[phases.length];
    for (int k = 0; k < phases.length; k++) {
      lamP[k] = phases[k].elastic().lambda();
      muP[k] = phases[k].elastic().mu();
      lmin = Math.min(lmin, lamP[k]);
      lmax = Math.max(lmax, lamP[k]);
      mmin = Math.min(mmin, muP[k]);
      mmax = Math.max(mmax, muP[k]);
    }
    // committed plastic state
    double[] epxx = new double[size];
    double[] epyy = new double[size];
    double[] epzz = new double[size];
    double[] epxy = new double[size];
    double[] p = new double[size];
    // trial state of the current iterate
    double[] txx = new double[size];
    double[] tyy = new double[size];
    double[] tzz = new double[size];
    double[] txy = new double[size];
    double[] tp = new double[size];
    double[] szz = new double[size];
    double[] damage = new double[size];
    double[] exx = new double[size];
    double[] eyy = new double[size];
    double[] exy = new double[size];
    PlaneStrainFft fft = new PlaneStrainFft(n);
    PlaneStrainFft.Constitutive law =
        (ex, ey, eg, sx, sy, sg) -> {
          double[] out = new double[9];
          for (int i = 0; i < size; i++) {
            int k = ph[i];
            J2Return.update(
                lamP[k], muP[k], phases[k].flow(), ex[i], ey[i], eg[i], epxx[i], epyy[i], epzz[i],
                epxy[i], p[i], out);
            sx[i] = out[0];
            sy[i] = out[1];
            szz[i] = out[2];
            sg[i] = out[3];
            txx[i] = out[4];
            tyy[i] = out[5];
            tzz[i] = out[6];
            txy[i] = out[7];
            tp[i] = out[8];
          }
        };
    double lam0 = 0.5 * (lmin + lmax);
    double mu0 = 0.5 * (mmin + mmax);
    boolean[] ctrl = {false, true, true};
    double[] target = new double[3];
    double[] macro = new double[3];
    int steps = (int) Math.ceil(s.maxStrain() / s.strainStep() - 1e-9);
    double[] strainCurve = new double[steps];
    double[] stressCurve = new double[steps];
    double[] crit = new double[phases.length];
    for (int k = 0; k < phases.length; k++) {
      crit[k] = phases[k].criticalVoidGrowth();
    }
    double[] ratio = new double[size];
    double prevMax = 0;
    double prevStrain = 0;
    int iterations = 0;
    double[] prevMacro = new double[3];
    for (int step = 0; step < steps; step++) {
      double target11 = Math.min(s.maxStrain(), (step + 1) * s.strainStep());
      double inc = target11 - prevStrain;
      // extrapolate the strain field by the previous step's increment (a good first iterate)
      double[] dm = {target11 - macro[0], macro[1] - prevMacro[1], macro[2] - prevMacro[2]};
      prevMacro = macro.clone();
      double scale = step == 0 ? 0 : inc / s.strainStep();
      macro[0] = target11;
      macro[1] += dm[1] * scale;
      macro[2] += dm[2] * scale;
      for (int i = 0; i < size; i++) {
        exx[i] += dm[0];
        eyy[i] += dm[1] * scale;
        exy[i] += dm[2] * scale;
      }
      iterations +=
          fft.equilibrate(
              law, lam0, mu0, exx, eyy, exy, macro, ctrl, target, s.tolerance(),
              s.maxIterations());
      // damage over the step, then commit
      for (int i = 0; i < size; i++) {
        double dp = tp[i] - p[i];
        if (dp > 0) {
          double sm = (fft.sxx[i] + fft.syy[i] + szz[i]) / 3;
          double dxx = fft.sxx[i] - sm;
          double dyy = fft.syy[i] - sm;
          double dzz = szz[i] - sm;
          double q =
              Math.sqrt(1.5 * (dxx * dxx + dyy * dyy + dzz * dzz + 2 * fft.sxy[i] * fft.sxy[i]));
          double eta = q > 0 ? sm / q : 0;
          if (eta > -1.0 / 3) {
            damage[i] += 0.283 * Math.exp(1.5 * eta) * dp;
          }
        }
        epxx[i] = txx[i];
        epyy[i] = tyy[i];
        epzz[i] = tzz[i];
        epxy[i] = txy[i];
        p[i] = tp[i];
        ratio[i] = damage[i] / crit[ph[i]];
      }
      strainCurve[step] = target11;
      stressCurve[step] = PlaneStrainFft.mean(fft.sxx);
      double[] avg = boxMean(ratio, n, s.regularisationRadius());
      int arg = 0;
      for (int i = 1; i < size; i++) {
        if (avg[i] > avg[arg]) {
          arg = i;
        }
      }
      double mx = avg[arg];
      if (mx >= 1) {
        double f = (1 - prevMax) / (mx - prevMax);
        double ef = prevStrain + f * (target11 - prevStrain);
        return new Result(
            ef, false, arg % n, arg / n, ph[arg], Arrays.copyOf(strainCurve, step + 1),
            Arrays.copyOf(stressCurve, step + 1), iterations, p.clone(), ratio.clone());
      }
      prevMax = mx;
      prevStrain = target11;
    }
    return new Result(
        s.maxStrain(), true, -1, -1, -1, strainCurve, stressCurve, iterations, p.clone(),
        ratio.clone());
  }

  /** Periodic (2r+1)^2 box mean, separable. */
  static double[] boxMean(double[] a, int n, int r) {
    if (r == 0) {
      return a.clone();
    }
    double[] t = new double[a.length];
    double w = 2 * r + 1;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double s = 0;
        for (int d = -r; d <= r; d++) {
          s += a[y * n + Math.floorMod(x + d, n)];
        }
        t[y * n + x] = s / w;
      }
    }
    double[] o = new double[a.length];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double s = 0;
        for (int d = -r; d <= r; d++) {
          s += t[Math.floorMod(y + d, n) * n + x];
        }
        o[y * n + x] = s / w;
      }
    }
    return o;
  }
}
