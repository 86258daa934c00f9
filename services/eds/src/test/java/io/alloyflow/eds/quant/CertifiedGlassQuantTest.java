package io.alloyflow.eds.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.TestData;
import io.alloyflow.eds.io.EmsaReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Golden test on NIST SRM K412 glass (five 20 kV spectra, standards MgO, Al2O3, SiO2, CaF2, Fe):
 * k-ratios against DTSA-II's and mass fractions after XPP against the certified composition.
 */
class CertifiedGlassQuantTest {
  static final Map<String, Double> DTSA_K =
      Map.of("O", 0.6529, "Mg", 0.1473, "Al", 0.0668, "Si", 0.3506, "Ca", 0.1921, "Fe", 0.0669);
  static final Map<String, Double> CERTIFIED =
      Map.of("O", 0.42758, "Mg", 0.116567, "Al", 0.049061, "Si", 0.211982, "Ca", 0.10899,
          "Fe", 0.077742);

  static Map<String, Spectrum> standards(Path dir) throws Exception {
    Map<String, Spectrum> std = new LinkedHashMap<>();
    Spectrum sio2 = EmsaReader.read(dir.resolve("SiO2 std.msa"));
    std.put("O", sio2);
    std.put("Mg", EmsaReader.read(dir.resolve("MgO std.msa")));
    std.put("Al", EmsaReader.read(dir.resolve("Al2O3 std.msa")));
    std.put("Si", sio2);
    std.put("Ca", EmsaReader.read(dir.resolve("CaF2 std.msa")));
    std.put("Fe", EmsaReader.read(dir.resolve("Fe std.msa")));
    return std;
  }

  /** Relative tolerance on k-ratios against DTSA-II (issue 5). */
  static final double K_TOL = 0.03;

  /** Relative tolerance on mass fractions above 5 wt% (issue 5), Fe included. */
  static final double MAJOR_TOL = 0.03;
  /** Absolute tolerance on mass fractions below 5 wt% (issue 5). */
  static final double MINOR_ABS = 0.005;

  /**
   * Default options (XPP with continuum fluorescence of K lines), oxygen by stoichiometry. For
   * comparison the table also gives the ZA form without continuum fluorescence (Fe +3.3..+3.6 %,
   * as NIST NeXLMatrixCorrection's XPP gives +3.7..+4.1 % on the same spectra), oxygen measured
   * against SiO2, and Reed's characteristic fluorescence added. Coverage: how many elements'
   * errors lie within 1 and 2 standard uncertainties.
   */
  @Test
  void k412KRatiosAndMassFractions() throws Exception {
    Path dir = TestData.folder("eds/nist-k412");
    Assumptions.assumeTrue(dir != null, "NIST K412 data absent (../shared/data/eds/nist-k412)");
    Map<String, Spectrum> std = standards(dir);
    int covered = 0;
    int covered1 = 0;
    Map<String, int[]> perElement = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder();
    QuantOptions stoich = QuantOptions.defaults().withOxygen(OxygenMode.STOICHIOMETRY);
    for (int i = 0; i < 5; i++) {
      Spectrum unk = EmsaReader.read(dir.resolve("III-E K412[" + i + "][4].msa"));
      Quantification q = Quantifier.quantify(unk, std, Map.of(), stoich);
      Quantification qza =
          Quantifier.quantify(unk, std, Map.of(), stoich.withContinuumFluorescence(false));
      Quantification qm = Quantifier.quantify(unk, std, Map.of(), QuantOptions.defaults());
      Quantification qf = Quantifier.quantify(unk, std, Map.of(), stoich.withFluorescence(true));
      assertTrue(q.converged(), "XPP iteration converged");
      boolean allCovered = true;
      boolean allCovered1 = true;
      table.append(String.format("K412[%d] fwhm=%.1f chi2=%.2f iter=%d%n", i,
          q.detectorFwhmMnKaEv(), q.fitReducedChiSquare(), q.iterations()));
      for (String el : List.of("O", "Mg", "Al", "Si", "Ca", "Fe")) {
        ElementQuant e = q.elements().get(el);
        double cert = CERTIFIED.get(el);
        double kRef = DTSA_K.get(el);
        double err = e.massFraction() - cert;
        table.append(String.format(
            "  %-2s k=%.4f+-%.4f (DTSA %.4f, %+.2f%%)  C=%.4f+-%.4f (cert %.4f, %+.2f%%, %+.1f"
                + " sigma)  C(ZA, no continuum fl.)=%.4f (%+.2f%%)  C(O measured)=%.4f (%+.2f%%)"
                + "  C(+char. fl.)=%.4f (%+.2f%%)%n",
            el, e.kRatio(), e.kRatioSigma(), kRef, 100 * (e.kRatio() / kRef - 1),
            e.massFraction(), e.massFractionSigma(), cert, 100 * (e.massFraction() / cert - 1),
            err / e.massFractionSigma(),
            pick(qza, el), 100 * (pick(qza, el) / cert - 1), pick(qm, el),
            100 * (pick(qm, el) / cert - 1), pick(qf, el), 100 * (pick(qf, el) / cert - 1)));
        assertEquals(kRef, e.kRatio(), K_TOL * kRef, "k-ratio of " + el + " in K412[" + i + "]");
        double tol = cert > 0.05 ? MAJOR_TOL * cert : MINOR_ABS;
        assertEquals(cert, e.massFraction(), tol, "mass fraction of " + el + " in K412[" + i + "]");
        int[] cov = perElement.computeIfAbsent(el, k -> new int[2]);
        if (Math.abs(err) <= e.massFractionSigma()) {
          cov[0]++;
        } else {
          allCovered1 = false;
        }
        if (Math.abs(err) <= 2 * e.massFractionSigma()) {
          cov[1]++;
        } else {
          allCovered = false;
        }
      }
      table.append(String.format("  total=%.4f+-%.4f  (measured-O total %.4f)%n",
          q.analyticalTotal(), q.analyticalTotalSigma(), qm.analyticalTotal()));
      covered += allCovered ? 1 : 0;
      covered1 += allCovered1 ? 1 : 0;
    }
    table.append("coverage per element (spectra with |error| <= 1 sigma, <= 2 sigma):");
    perElement.forEach((el, c) -> table.append(String.format(" %s %d/%d", el, c[0], c[1])));
    table.append(String.format("%nspectra whose every error lies within 1 sigma: %d, within 2 sigma:"
        + " %d%n", covered1, covered));
    System.out.println(table);
    assertTrue(covered >= 4, "2-sigma uncertainties cover the error in >= 4 of 5 spectra: " + covered);
  }

  private static double pick(Quantification q, String el) {
    return q.elements().get(el).massFraction();
  }
}
