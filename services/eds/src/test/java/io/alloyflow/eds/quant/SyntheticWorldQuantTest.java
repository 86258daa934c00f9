package io.alloyflow.eds.quant;

import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.PhiRhoZ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumSimulator;
import io.alloyflow.synthetic.xray.XrayPhysics;
import io.alloyflow.synthetic.xray.XrayPhysics.EmissionModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metallic systems of the synthetic world (316L, steel matrix, Al-Si eutectic, Al5FeSi,
 * Mg2Si, alpha-Al), simulated by the synthetic module's spectrum simulator (its own physics:
 * Bethe/Joy-Luo generation with Myklebust backscatter, detector efficiency, escape and pile-up),
 * quantified by XPP against simulated pure-element standards. The k-ratios are checked against
 * the simulator's own emitted-intensity ratios, the mass fractions against the simulated
 * composition (the truth the simulator was given).
 *
 * <p>The spectra are simulated with Pouchou and Pichoir's full PAP model for generation and
 * absorption ({@link EmissionModel#PAP}): on the measured NIST K412 k-ratios it is the simulator
 * model closest to the measurement (Mg, Al, Si, Ca, Fe Ka within 3.3 %; with the default
 * Bethe/Joy-Luo/Myklebust generation Fe Ka comes out 4 % high, with PDH absorption the soft lines
 * 2-3 % high). They are quantified with the quantifier's defaults, whose matrix correction is PAP
 * too, so this test checks the spectrum processing, the k-ratio extraction and the iteration, not
 * the phi(rho z) physics (the NIST K412 test, {@code PapTest} and {@code XppPapComparisonTest}
 * do that). Quantified with XPP instead, every major is still within 2 % except Si in the Al-Si
 * eutectic, 3.3 % low: XPP's absorption factor for Si Ka in Al (f ~ 0.3) is 3.5 % above PAP's,
 * the spread of Pouchou and Pichoir's two depth distributions, which an independent Monte Carlo
 * does not resolve ({@code XppPapComparisonTest}); the XPP table checks that this gap is the whole
 * of its Si error.
 * Tables with the Bethe generation (PAP and PDH absorption) are printed for comparison.
 */
class SyntheticWorldQuantTest {
  static final double MAJOR_TOL = 0.02;
  static final double MINOR_ABS = 0.003;
  /** Filter-fit k-ratio against the simulator's emitted-intensity ratio (k >= 0.05). */
  static final double K_TOL = 0.02;
  @Test
  void majorsRecoveredWithin2Percent() {
    List<Row> pap = table(EmissionModel.PAP, MatrixCorrection.PAP);
    List<Row> xpp = table(EmissionModel.PAP, MatrixCorrection.XPP);
    table(EmissionModel.BETHE_PAP, MatrixCorrection.PAP);
    table(EmissionModel.BETHE_PDH, MatrixCorrection.PAP);
    for (Row r : pap) {
      if (r.kTrue() >= 0.05) {
        assertEquals(r.kTrue(), r.k(), K_TOL * r.kTrue(), r.system() + " " + r.el() + " k-ratio");
      }
      double tol = r.truth() >= 0.10 ? MAJOR_TOL * r.truth() : MINOR_ABS;
      assertEquals(r.truth(), r.got(), tol, r.system() + " " + r.el() + " mass fraction");
      // generator and quantifier share one PAP (io.alloyflow.core.xray): the composition the
      // spectrum was generated for is recovered within the quantifier's stated uncertainty
      assertTrue(r.sigma() > 0 && Math.abs(r.got() - r.truth()) <= 2 * r.sigma(),
          r.system() + " " + r.el() + ": |" + r.got() + " - " + r.truth() + "| > 2 sigma = "
              + 2 * r.sigma());
    }
    for (Row r : xpp) {
      if (r.system().equals("Al-Si eutectic") && r.el().equals("Si")) {
        // XPP's whole Si error is the absorption-model gap f_PAP/f_XPP of the k-ratio (Al-Si
        // against pure Si, XppPapComparisonTest): -3.4 %
        double[] gap = siInAlSiGap();
        assertEquals(gap[0] / gap[1] - 1, r.got() / r.truth() - 1, 0.01, "XPP Si in Al-Si");
      } else if (r.truth() >= 0.10) {
        assertEquals(r.truth(), r.got(), MAJOR_TOL * r.truth(), "XPP " + r.system() + " " + r.el());
      }
    }
  }

  /** {PAP, XPP} absorption term f(Al-Si)/f(Si) of the Si Ka k-ratio at 20 kV, 35 degrees. */
  static double[] siInAlSiGap() {
    double edge = XrayData.familyEdgeEv(14, Family.K);
    double sin = Math.sin(Math.toRadians(EdsDetector.defaultDetector().takeoffDeg()));
    int[][] z = {{13, 14}, {14}};
    double[][] c = {{0.874, 0.126}, {1}};
    double[] out = new double[2];
    for (int m = 0; m < 2; m++) {
      MatrixCorrection model = m == 0 ? MatrixCorrection.PAP : MatrixCorrection.XPP;
      double ratio = 1;
      for (int i = 0; i < 2; i++) {
        double chi = Matrix.of(z[i], c[i]).massAttenuation(1.73998) / sin;
        PhiRhoZ sh = model.shape(z[i], c[i], 14, Family.K, edge, 20_000);
        double f = sh.emitted(chi) / sh.area();
        ratio = i == 0 ? f : ratio / f;
      }
      out[m] = ratio;
    }
    return out;
  }

  /** Simulates with one emission model, quantifies with one matrix correction; prints the table. */
  static List<Row> table(EmissionModel model, MatrixCorrection quant) {
    EdsDetector det = EdsDetector.defaultDetector();
    Map<String, Map<String, Double>> systems = new LinkedHashMap<>();
    systems.put("SS316L", Materials.SS316L);
    systems.put("steel matrix", Materials.STEEL_MATRIX);
    systems.put("Al-Si eutectic", Materials.AL_SI_EUTECTIC);
    systems.put("Al5FeSi", Materials.AL5FESI);
    systems.put("Mg2Si", Materials.MG2SI);
    systems.put("alpha-Al", Materials.ALPHA_AL);
    Map<String, Spectrum> pure = new LinkedHashMap<>();
    long seed = 100;
    StringBuilder table = new StringBuilder(
        "simulator emission model " + model + ", quantified with " + quant + "\n");
    List<Row> rows = new java.util.ArrayList<>();
    for (Map.Entry<String, Map<String, Double>> sys : systems.entrySet()) {
      Map<String, Spectrum> std = new LinkedHashMap<>();
      for (String el : sys.getValue().keySet()) {
        if (el.equals("C")) {
          continue; // carbon (<= 0.1 wt%) is not quantified
        }
        std.put(el, pure.computeIfAbsent(el, e -> withComposition(
            SpectrumSimulator.simulate(Map.of(e, 1.0), 20, 200, 1.0, det, e.hashCode(), model),
            e)));
      }
      Spectrum unk =
          SpectrumSimulator.simulate(sys.getValue(), 20, 200, 1.0, det, seed++, model);
      // the simulator models no secondary fluorescence, so neither may the quantification
      Quantification q = Quantifier.quantify(unk, std, Map.of(),
          QuantOptions.defaults().withContinuumFluorescence(false).withMatrixCorrection(quant));
      table.append(sys.getKey()).append(String.format(" (total %.4f)%n", q.analyticalTotal()));
      for (Map.Entry<String, Double> e : sys.getValue().entrySet()) {
        if (e.getKey().equals("C")) {
          continue;
        }
        double truth = e.getValue();
        ElementQuant eq = q.elements().get(e.getKey());
        double got = eq.massFraction();
        double kTrue = emitted(sys.getValue(), e.getKey(), eq.family(), det, model)
            / emitted(Map.of(e.getKey(), 1.0), e.getKey(), eq.family(), det, model);
        table.append(String.format("  %-2s true %.4f got %.4f +- %.4f (%+.2f%%, %+.2f sigma)  k %.4f"
                + " simulator k %.4f (%+.2f%%)%n", e.getKey(), truth, got, eq.massFractionSigma(),
            100 * (got / truth - 1), (got - truth) / eq.massFractionSigma(), eq.kRatio(), kTrue,
            100 * (eq.kRatio() / kTrue - 1)));
        rows.add(new Row(sys.getKey(), e.getKey(), truth, got, eq.massFractionSigma(), eq.kRatio(),
            kTrue));
      }
    }
    System.out.println(table);
    return rows;
  }

  record Row(String system, String el, double truth, double got, double sigma, double k,
      double kTrue) {}

  /** Emitted intensity of an element's family per electron (simulator physics). */
  static double emitted(Map<String, Double> comp, String el, String family, EdsDetector det,
      EmissionModel model) {
    return SpectrumSimulator.lines(comp, 20, det.takeoffDeg(), model).stream()
        .filter(l -> l.element().equals(el) && l.family().equals(family))
        .mapToDouble(l -> l.emittedPerElectronSr()).sum();
  }

  private static Spectrum withComposition(Spectrum s, String el) {
    Map<String, String> md = new LinkedHashMap<>(s.metadata());
    md.put("##D2STDCMP", el + ",(" + el + ":100.0)");
    return new Spectrum(s.counts(), s.axis(), s.liveTimeS(), s.realTimeS(), s.beamEnergyKeV(),
        s.takeoffAngleDeg(), s.probeCurrentNa(), "pure " + el, md);
  }

}
