package io.alloyflow.synthetic.xray;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Single-scattering Monte Carlo of the depth distribution of inner-shell ionisation phi(rho z) in a
 * bulk target at normal beam incidence, an independent reference for the analytical depth
 * distributions (PAP, XPP, PDH, Gaussian) where they disagree, e.g. for soft lines absorbed to
 * f(chi) ~ 0.3 (Si Ka in aluminium).
 *
 * <p>Model: the single-scattering Monte Carlo of D. C. Joy, <i>Monte Carlo Modeling for Electron
 * Microscopy and Microanalysis</i>, Oxford University Press, New York 1995 (chapter 3): elastic
 * scattering by the screened Rutherford cross-section sigma = 5.21e-21 (Z/E)^2 4 pi / (alpha (1 +
 * alpha)) ((E + 511) / (E + 1024))^2 cm^2 (E in keV, relativistically corrected), screening
 * parameter alpha = s 3.4e-3 Z^0.67 / E with a scale s (1 in Joy's book; see {@link #run}), polar
 * angle from cos theta = 1 - 2 alpha R / (1 + alpha - R), free path -lambda ln R with 1/lambda =
 * sum_i N_A c_i sigma_i / A_i, the element of each collision chosen in proportion to its share of
 * 1/lambda; continuous slowing down between collisions with the Joy-Luo stopping power
 * ({@link XrayPhysics#stoppingPower}). Ionisations along a step of mass length s at mean energy E
 * are proportional to Q(E) s with Pouchou and Pichoir's cross-section shape Q ~ ln U / U^m (m from
 * {@link XrayPhysics#papExponent}), the same shape the PAP and XPP areas use, and are spread
 * uniformly along the step, so the emitted integral F(chi) = sum Q s (exp(-chi z1) - exp(-chi
 * z2)) / (chi (z2 - z1)) is exact for each straight step. phi(rho z) is normalised to an isolated
 * thin layer crossed once at E0 (Castaing's definition), i.e. divided by N Q(E0) d(rho z).
 * Electrons leave when they cross the surface (backscattered) or fall below the edge energy.
 *
 * <p>The result's weakest point is the elastic cross-section: the depth scale of phi(rho z), hence
 * f(chi) at strong absorption, moves with the screening parameter; the backscatter coefficient of
 * the same run ({@link Result#backscatter()}) is the measurable check (aluminium at 20 kV: about
 * 0.15, H. Reuter, 6th ICXOM, Tokyo 1972, 121, {@link XrayPhysics#reuterBackscatter}).
 */
public final class PhiRhoZMonteCarlo {
  private PhiRhoZMonteCarlo() {}

  /**
   * One run.
   *
   * @param chi the chi values (cm^2/g) of {@link #emitted}, chi[0] = 0 gives the generated area
   * @param emitted F(chi) per electron, in units of Q(E0) g/cm^2, so that F(0) compares with the
   *     phi(rho z) area of the analytical models
   * @param backscatter fraction of electrons that left through the surface
   * @param phi phi(rho z) in bins of width binWidth from the surface
   * @param binWidth bin width, g/cm^2
   * @param meanDepth mean mass depth of ionisation, g/cm^2
   * @param electrons number of electrons simulated
   */
  public record Result(double[] chi, double[] emitted, double backscatter, double[] phi,
      double binWidth, double meanDepth, int electrons) {
    public Result {
      if (chi.length != emitted.length || chi.length == 0 || chi[0] != 0) {
        throw new IllegalArgumentException(
            "chi and emitted must have the same length and start with chi = 0");
      }
      chi = chi.clone();
      emitted = emitted.clone();
      phi = phi.clone();
    }

    /** Absorption factor f(chi[i]) = F(chi[i]) / F(0). */
    public double absorptionFactor(int i) {
      return emitted[i] / emitted[0];
    }

    /** The generated area F(0), g/cm^2. */
    public double area() {
      return emitted[0];
    }
  }

  /**
   * Simulates electrons at normal incidence on a bulk target and tallies the ionisation of one
   * shell.
   *
   * @param comp mass fractions (normalised internally)
   * @param ecKeV edge energy of the shell, keV
   * @param e0KeV beam energy, keV
   * @param mExp exponent m of the cross-section shape ln U / U^m
   * @param screeningScale scale s of Joy's screening parameter (1 = Joy 1995; larger screens
   *     more, i.e. less large-angle scattering and fewer backscattered electrons)
   * @param electrons number of trajectories
   * @param seed random seed (runs are reproducible, whatever the iteration order of comp)
   * @param chi chi values (cm^2/g) at which to tally F(chi); 0 is prepended when absent
   */
  public static Result run(Map<String, Double> comp, double ecKeV, double e0KeV, double mExp,
      double screeningScale, int electrons, long seed, double... chi) {
    if (!(ecKeV > 0) || !(e0KeV > ecKeV * 1.01)) {
      throw new IllegalArgumentException("beam energy " + e0KeV + " keV must exceed the edge "
          + ecKeV + " keV by more than 1 %");
    }
    if (!(screeningScale > 0) || electrons < 1) {
      throw new IllegalArgumentException("screening scale must be > 0 and electrons >= 1, found "
          + screeningScale + " and " + electrons);
    }
    Map<String, Double> c = new TreeMap<>(); // fixed element order: runs reproducible across JVMs
    double t = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      if (e.getValue() > 0) {
        t += e.getValue();
      }
    }
    if (!(t > 0)) {
      throw new IllegalArgumentException("composition has no positive mass fraction: " + comp);
    }
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      if (e.getValue() > 0) {
        c.put(e.getKey(), e.getValue() / t);
      }
    }
    int k = c.size();
    int[] z = new int[k];
    double[] nPerGram = new double[k]; // atoms per gram of target
    int idx = 0;
    for (Map.Entry<String, Double> e : c.entrySet()) {
      z[idx] = XrayPhysics.z(e.getKey());
      nPerGram[idx] = XrayPhysics.AVOGADRO * e.getValue() / XrayPhysics.atomicWeight(z[idx]);
      idx++;
    }
    double[] chis = chi.length > 0 && chi[0] == 0 ? chi.clone() : prependZero(chi);
    for (double x : chis) {
      if (!(x >= 0)) {
        throw new IllegalArgumentException("chi must be >= 0, found " + x);
      }
    }
    double[] f = new double[chis.length];
    // histogram bins cover twice PAP's deepest ionisation R_x
    double range = XrayPhysics.pap(c, ecKeV, e0KeV, mExp).rx() * 2;
    int nb = 400;
    double dz = range / nb;
    double[] hist = new double[nb];
    double depthSum = 0;
    int back = 0;
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] sig = new double[k];
    double[] zPow = new double[k];
    for (int i = 0; i < k; i++) {
      zPow[i] = screeningScale * 3.4e-3 * Math.pow(z[i], 0.67);
    }
    for (int n = 0; n < electrons; n++) {
      double e = e0KeV;
      double zz = 0;
      double cx = 0;
      double cy = 0;
      double cz = 1;
      while (e > ecKeV) {
        double inv = 0; // 1/lambda, cm^2/g
        double rel = Math.pow((e + 511) / (e + 1024), 2);
        for (int i = 0; i < k; i++) {
          double al = zPow[i] / e;
          sig[i] = nPerGram[i] * 5.21e-21 * z[i] * z[i] / (e * e) * 4 * Math.PI
              / (al * (1 + al)) * rel;
          inv += sig[i];
        }
        double step = -Math.log(1 - rnd.nextDouble()) / inv;
        double de = XrayPhysics.stoppingPower(c, e) * step;
        double eMid = Math.max(e - 0.5 * de, ecKeV);
        double u = eMid / ecKeV;
        double w = u > 1 ? Math.log(u) / Math.pow(u, mExp) * step : 0;
        double z1 = zz;
        double z2 = zz + cz * step;
        boolean leaves = z2 < 0;
        if (leaves) {
          w *= z1 / (z1 - z2); // only the part of the step inside the target
          z2 = 0;
        }
        if (w > 0) {
          double lo = Math.min(z1, z2);
          double hi = Math.max(z1, z2);
          for (int j = 0; j < chis.length; j++) {
            double x = chis[j] * (hi - lo);
            f[j] += w * (x < 1e-9 ? Math.exp(-chis[j] * 0.5 * (lo + hi))
                : (Math.exp(-chis[j] * lo) - Math.exp(-chis[j] * hi)) / x);
          }
          depthSum += w * 0.5 * (lo + hi);
          for (int s = 0; s < 8; s++) {
            int b = (int) ((lo + (s + 0.5) / 8 * (hi - lo)) / dz);
            if (b < nb) {
              hist[b] += w / 8;
            }
          }
        }
        if (leaves) {
          back++;
          break;
        }
        zz = z2;
        e -= de;
        if (e <= ecKeV) {
          break;
        }
        // collision: element, then direction (Joy 1995, ch. 3)
        double r = rnd.nextDouble() * inv;
        int ie = 0;
        while (ie < k - 1 && r > sig[ie]) {
          r -= sig[ie];
          ie++;
        }
        double al = zPow[ie] / e;
        double rr = rnd.nextDouble();
        double ct = 1 - 2 * al * rr / (1 + al - rr);
        double st = Math.sqrt(Math.max(0, 1 - ct * ct));
        double ph = 2 * Math.PI * rnd.nextDouble();
        double cp = Math.cos(ph);
        double sp = Math.sin(ph);
        if (Math.abs(cz) > 0.99999) {
          double sg = Math.signum(cz);
          cx = st * cp;
          cy = st * sp;
          cz = sg * ct;
        } else {
          double sq = Math.sqrt(1 - cz * cz);
          double ncx = cx * ct + st * (cx * cz * cp - cy * sp) / sq;
          double ncy = cy * ct + st * (cy * cz * cp + cx * sp) / sq;
          double ncz = cz * ct - st * cp * sq;
          double norm = Math.sqrt(ncx * ncx + ncy * ncy + ncz * ncz);
          cx = ncx / norm;
          cy = ncy / norm;
          cz = ncz / norm;
        }
      }
    }
    double u0 = e0KeV / ecKeV;
    double q0 = Math.log(u0) / Math.pow(u0, mExp);
    double norm = electrons * q0;
    double[] phi = new double[nb];
    for (int b = 0; b < nb; b++) {
      phi[b] = hist[b] / (norm * dz);
    }
    for (int j = 0; j < f.length; j++) {
      f[j] /= norm;
    }
    return new Result(chis, f, (double) back / electrons, phi, dz, depthSum / (f[0] * norm),
        electrons);
  }

  private static double[] prependZero(double[] chi) {
    double[] out = new double[chi.length + 1];
    System.arraycopy(chi, 0, out, 1, chi.length);
    return out;
  }
}
