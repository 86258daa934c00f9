package io.alloyflow.eds.quant;

import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.Pap;
import io.alloyflow.core.xray.PouchouPichoir;
import io.alloyflow.core.xray.Xpp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.synthetic.xray.PhiRhoZMonteCarlo;
import io.alloyflow.synthetic.xray.XrayPhysics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why Si in the synthetic Al-Si eutectic comes out 3.3 % low (simulated with full PAP, quantified
 * with XPP): the absorption factors f(chi) = F(chi)/F(0) of the quantifier's XPP ({@link Xpp}) and
 * PAP ({@link Pap}, both in core's io.alloyflow.core.xray, Pouchou and Pichoir 1991, both checked against
 * NIST DTSA-II's PAP1991/XPP1991) for Si Ka in Si and in Al-12.6Si at 20 kV, 35 degrees, against
 * an independent single-scattering Monte Carlo ({@link PhiRhoZMonteCarlo}, Joy 1995) and, for a
 * strongly absorbed line in a heavy matrix, against measured k-ratios (Al Ka in Fe-24.1Al at
 * 52.5 degrees, Pouchou and Pichoir's database as distributed with CalcZAF, POUCHOU.DAT).
 *
 * <p>Same inputs on both sides: xraylib CS_Total mass absorption coefficients at the line
 * energy, the K edge for the overvoltage, the same area F = R (1/S) / Q(E0) and phi0. Findings
 * (printed): the two agree to 0.1 % for chi up to 500 and drift apart with absorption (XPP/PAP
 * 1.01 at chi 2000, 1.035 at the Al-Si chi of 4800); in an iron matrix they agree within 0.7 %
 * down to f = 0.23. The Monte Carlo's ratio f(Al-Si)/f(Si), which sets the Si k-ratio, moves by
 * 3 % with its elastic screening; at 20 kV, with the screening that reproduces the measured
 * backscatter coefficients of Al and Si (scale 1.35), it lies 0.9 % above PAP and 2.6 % below XPP,
 * but at 15 kV it lies 0.7 % above XPP and 2.4 % above PAP, and at 10 kV 2.7 % above both: the
 * Monte Carlo's own systematics are as large as the gap and do not decide it. Neither side has a
 * bug; the 3.4 % is the spread of Pouchou and Pichoir's two depth distributions for a soft line
 * absorbed to f ~ 0.3 in a light matrix.
 */
class XppPapComparisonTest {
  static final double TAKEOFF = 35;
  static final double SI_EDGE_KEV = XrayData.edgeEv(14, XrayData.principalShell(Family.K)) / 1000;
  static final double SI_KA_KEV = 1.73998;
  static final double M_SI = XrayPhysics.papExponent(14, "K");
  static final int ELECTRONS = Integer.getInteger("alloyflow.mc.electrons", 20_000);

  record Pair(double xpp, double pap) {}

  static Pair f(int[] z, double[] c, int zA, double edgeKeV, double lineKeV, double e0,
      double takeoff) {
    Map<String, Double> comp = new LinkedHashMap<>();
    for (int i = 0; i < z.length; i++) {
      comp.put(XrayData.symbol(z[i]), c[i]);
    }
    Matrix mx = Matrix.of(comp);
    double chi = mx.massAttenuation(lineKeV) / Math.sin(Math.toRadians(takeoff));
    double mExp = PouchouPichoir.crossSectionExponent(zA, "K");
    Xpp x = Xpp.of(mx, edgeKeV, e0, mExp);
    Pap p = Pap.of(mx, edgeKeV, e0, mExp);
    assertEquals(x.area(), p.area(), 1e-9 * x.area(), "same area F on both sides");
    assertEquals(x.phi0(), p.phi0(), 1e-9, "same phi0 on both sides");
    return new Pair(x.emitted(chi) / x.area(), p.emitted(chi) / p.area());
  }

  @Test
  void xppAndPapAgreeForMildAbsorptionAndDivergeForSiInAluminium() {
    int[][] zs = {{14}, {13, 14}};
    double[][] cs = {{1}, {0.874, 0.126}};
    StringBuilder out = new StringBuilder("f(chi) of Si K at 20 kV: XPP / PAP\n");
    for (int m = 0; m < zs.length; m++) {
      Map<String, Double> comp = new LinkedHashMap<>();
      for (int i = 0; i < zs[m].length; i++) {
        comp.put(XrayData.symbol(zs[m][i]), cs[m][i]);
      }
      Xpp x = Xpp.of(Matrix.of(comp), SI_EDGE_KEV, 20, M_SI);
      Pap p = Pap.of(Matrix.of(comp), SI_EDGE_KEV, 20, M_SI);
      out.append("  ").append(comp).append('\n');
      for (double chi : new double[] {100, 300, 500, 1000, 2000, 3000, 4000, 5000, 6000, 8000}) {
        double fx = x.emitted(chi) / x.area();
        double fp = p.emitted(chi) / p.area();
        out.append(String.format("    chi %5.0f  XPP %.4f  PAP %.4f  XPP/PAP %.4f%n", chi, fx, fp,
            fx / fp));
        if (chi <= 500) {
          assertEquals(fp, fx, 2e-3 * fp, comp + " chi " + chi);
        }
      }
    }
    Pair alSi = f(zs[1], cs[1], 14, SI_EDGE_KEV, SI_KA_KEV, 20, TAKEOFF);
    Pair si = f(zs[0], cs[0], 14, SI_EDGE_KEV, SI_KA_KEV, 20, TAKEOFF);
    double gap = (alSi.pap() / si.pap()) / (alSi.xpp() / si.xpp()) - 1;
    out.append(String.format("  Si Ka k-ratio absorption term f(Al-Si)/f(Si), 35 deg: XPP %.4f"
        + "  PAP %.4f  (PAP/XPP - 1 = %+.2f %%, the synthetic test's Si error)%n",
        alSi.xpp() / si.xpp(), alSi.pap() / si.pap(), 100 * gap));
    System.out.println(out);
    assertTrue(gap < -0.02 && gap > -0.05, "the known 3-4 % model gap: " + gap);
  }

  @Test
  void heavyMatrixStrongAbsorptionAgreesAndMatchesMeasuredAlInFe() {
    // Al Ka in Fe-24.1Al (wt), 52.5 deg, measured k vs pure Al (P&P database, POUCHOU.DAT)
    double[] kv = {20, 25, 30};
    double[] kMeas = {0.124, 0.098, 0.083};
    int[] z = {13, 26};
    double[] c = {0.241, 0.759};
    double alEdge = XrayData.edgeEv(13, XrayData.principalShell(Family.K)) / 1000;
    StringBuilder out = new StringBuilder("Al Ka in Fe-24.1Al, 52.5 deg (no fluorescence):\n");
    for (int i = 0; i < kv.length; i++) {
      Pair u = f(z, c, 13, alEdge, 1.48670, kv[i], 52.5);
      Pair s = f(new int[] {13}, new double[] {1}, 13, alEdge, 1.48670, kv[i], 52.5);
      double mAl = PouchouPichoir.crossSectionExponent(13, "K");
      Xpp xu = Xpp.of(Matrix.of(z, c), alEdge, kv[i], mAl);
      Xpp xs = Xpp.of(Matrix.of(new int[] {13}, new double[] {1}), alEdge, kv[i], mAl);
      double gen = 0.241 * xu.area() / xs.area();
      double kX = gen * u.xpp() / s.xpp();
      double kP = gen * u.pap() / s.pap();
      out.append(String.format("  %2.0f kV  f XPP %.4f PAP %.4f  k measured %.4f  XPP %.4f (%+.1f"
          + " %%)  PAP %.4f (%+.1f %%)%n", kv[i], u.xpp(), u.pap(), kMeas[i], kX,
          100 * (kX / kMeas[i] - 1), kP, 100 * (kP / kMeas[i] - 1)));
      assertEquals(u.pap(), u.xpp(), 0.01 * u.pap(), "XPP and PAP agree in Fe at " + kv[i]);
      assertEquals(kMeas[i], kX, 0.05 * kMeas[i], "XPP vs measured at " + kv[i] + " kV");
      assertEquals(kMeas[i], kP, 0.05 * kMeas[i], "PAP vs measured at " + kv[i] + " kV");
    }
    System.out.println(out);
  }

  @Test
  void monteCarloAgainstBothModelsForSiInAluminium() {
    Map<String, Double> alSi = Map.of("Al", 0.874, "Si", 0.126);
    Map<String, Double> si = Map.of("Si", 1.0);
    double sin = Math.sin(Math.toRadians(TAKEOFF));
    double chiU = XrayPhysics.massAttenuation(alSi, SI_KA_KEV) / sin;
    double chiS = XrayPhysics.massAttenuation(si, SI_KA_KEV) / sin;
    Pair u = f(new int[] {13, 14}, new double[] {0.874, 0.126}, 14, SI_EDGE_KEV, SI_KA_KEV, 20,
        TAKEOFF);
    Pair s = f(new int[] {14}, new double[] {1}, 14, SI_EDGE_KEV, SI_KA_KEV, 20, TAKEOFF);
    double rX = u.xpp() / s.xpp();
    double rP = u.pap() / s.pap();
    StringBuilder out = new StringBuilder(String.format("Monte Carlo (%d electrons), Si Ka at 20"
        + " kV, 35 deg: chi(Al-Si) %.0f, chi(Si) %.0f; XPP f %.4f / %.4f ratio %.4f; PAP f %.4f /"
        + " %.4f ratio %.4f%n", ELECTRONS, chiU, chiS, u.xpp(), s.xpp(), rX, u.pap(), s.pap(),
        rP));
    out.append(String.format("  measured eta (Reuter 1972): Al %.3f  Si %.3f%n",
        XrayPhysics.reuterBackscatter(13), XrayPhysics.reuterBackscatter(14)));
    double rCalibrated = Double.NaN;
    for (double scale : new double[] {1.0, 1.2, 1.35, 1.5}) {
      PhiRhoZMonteCarlo.Result al =
          PhiRhoZMonteCarlo.run(Map.of("Al", 1.0), 1.5596, 20, 0.86, scale, ELECTRONS, 5);
      PhiRhoZMonteCarlo.Result mu = PhiRhoZMonteCarlo.run(alSi, SI_EDGE_KEV, 20, M_SI, scale,
          ELECTRONS, 17, chiU);
      PhiRhoZMonteCarlo.Result ms = PhiRhoZMonteCarlo.run(si, SI_EDGE_KEV, 20, M_SI, scale,
          ELECTRONS, 19, chiS);
      double r = mu.absorptionFactor(1) / ms.absorptionFactor(1);
      if (scale == 1.35) {
        rCalibrated = r;
      }
      out.append(String.format("  screening x%.2f: eta Al %.3f Al-Si %.3f Si %.3f;  f(Al-Si) %.4f"
          + "  f(Si) %.4f  ratio %.4f  (XPP %+.2f %%, PAP %+.2f %%)%n", scale, al.backscatter(),
          mu.backscatter(), ms.backscatter(), mu.absorptionFactor(1), ms.absorptionFactor(1), r,
          100 * (rX / r - 1), 100 * (rP / r - 1)));
    }
    // the other beam energies, backscatter-matched screening only
    for (double e0 : new double[] {15, 10}) {
      Pair u2 = f(new int[] {13, 14}, new double[] {0.874, 0.126}, 14, SI_EDGE_KEV, SI_KA_KEV,
          e0, TAKEOFF);
      Pair s2 = f(new int[] {14}, new double[] {1}, 14, SI_EDGE_KEV, SI_KA_KEV, e0, TAKEOFF);
      PhiRhoZMonteCarlo.Result mu = PhiRhoZMonteCarlo.run(alSi, SI_EDGE_KEV, e0, M_SI, 1.35,
          ELECTRONS, 23, chiU);
      PhiRhoZMonteCarlo.Result ms = PhiRhoZMonteCarlo.run(si, SI_EDGE_KEV, e0, M_SI, 1.35,
          ELECTRONS, 29, chiS);
      double r = mu.absorptionFactor(1) / ms.absorptionFactor(1);
      double x2 = u2.xpp() / s2.xpp();
      double p2 = u2.pap() / s2.pap();
      out.append(String.format("  %2.0f kV, screening x1.35: MC ratio %.4f  XPP %.4f (%+.2f %%)"
          + "  PAP %.4f (%+.2f %%)%n", e0, r, x2, 100 * (x2 / r - 1), p2, 100 * (p2 / r - 1)));
      // the models' spread and the Monte Carlo's distance to them are of one size (3-4 %)
      assertEquals(r, x2, 0.04 * r, "MC vs XPP at " + e0 + " kV");
      assertEquals(r, p2, 0.04 * r, "MC vs PAP at " + e0 + " kV");
    }
    System.out.println(out);
    // at 20 kV, with the backscatter-matched screening the Monte Carlo sits closer to PAP
    assertTrue(Math.abs(rP / rCalibrated - 1) < Math.abs(rX / rCalibrated - 1),
        "MC " + rCalibrated + " PAP " + rP + " XPP " + rX);
  }
}
