package io.alloyflow.eds.spectrumimage;

import io.alloyflow.eds.calibration.Normalization;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.peaks.Lls;
import io.alloyflow.eds.peaks.Rois;
import io.alloyflow.eds.peaks.TopHatFilter;
import io.alloyflow.eds.quant.QuantOptions;
import io.alloyflow.eds.quant.Quantifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quantitative maps: per-pixel k-ratios by a linear filter fit against the standards' filtered
 * regions of interest (the operator computed once, as in {@link NetCountMaps}), then per-pixel XPP
 * matrix correction ({@link Quantifier.Prepared}). Pixels whose total counts fall below a floor are
 * left at zero.
 */
public final class QuantMaps {
  private QuantMaps() {}

  /**
   * Result.
   *
   * @param kRatios symbol -> k-ratio map
   * @param massFractions symbol -> mass-fraction map (includes O by stoichiometry when asked)
   * @param analyticalTotal map of the sum of mass fractions
   */
  public record Result(
      Map<String, float[]> kRatios, Map<String, float[]> massFractions, float[] analyticalTotal) {}

  /**
   * Computes maps.
   *
   * @param si spectrum image (same channel width, offset and beam energy as the standards)
   * @param pixelDose dose of one pixel (live time x probe current, in the standards' units)
   * @param standards element -> standard spectrum
   * @param compositions element -> standard composition (empty: ##D2STDCMP)
   * @param options quantification options (resolution must be set)
   * @param minCounts pixels with fewer total counts are skipped
   */
  public static Result compute(
      SpectrumImage si, double pixelDose, Map<String, Spectrum> standards,
      Map<String, Map<String, Double>> compositions, QuantOptions options, double minCounts) {
    if (Double.isNaN(options.detectorFwhmMnKaEv())) {
      throw new IllegalArgumentException("quantitative maps need the detector resolution set");
    }
    DetectorResolution res = DetectorResolution.of(options.detectorFwhmMnKaEv());
    int c = si.channels();
    double beamEv = si.beamEnergyKeV() * 1000;
    TopHatFilter filter = new TopHatFilter(si.axis(), c, res);
    List<String> els = new ArrayList<>(standards.keySet());
    int p = els.size();
    double[][] design = new double[p][c];
    double[] stdDose = new double[p];
    boolean[] used = new boolean[c];
    for (int j = 0; j < p; j++) {
      Spectrum std = standards.get(els.get(j));
      if (std.channels() != c
          || Math.abs(std.axis().gainEvPerChannel() - si.axis().gainEvPerChannel()) > 1e-3) {
        throw new IllegalArgumentException("standard for " + els.get(j)
            + " does not share the cube's channel count and width");
      }
      int z = XrayData.z(els.get(j));
      double[] fr = filter.apply(std.counts());
      for (int[] roi : Rois.of(z, XrayData.analyticalFamily(z, beamEv), si.axis(), c, res,
          beamEv, options.roiWidthFwhm(), 0.01)) {
        for (int i = roi[0]; i <= roi[1]; i++) {
          design[j][i] = fr[i];
          used[i] = true;
        }
      }
      stdDose[j] = Normalization.dose(std);
    }
    double[] var = filter.variance(si.sumSpectrum());
    double[] w = new double[c];
    for (int i = 0; i < c; i++) {
      w[i] = used[i] && Double.isFinite(var[i]) && var[i] > 0 ? 1 / var[i] : 0;
    }
    double[][] op = Lls.weightedProjector(design, w);
    Quantifier.Prepared prep = Quantifier.prepare(standards, compositions, options);
    int n = si.width() * si.height();
    float[][] kmaps = new float[p][n];
    List<String> syms = prep.symbols();
    float[][] cmaps = new float[syms.size()][n];
    float[] total = new float[n];
    double[] px = new double[c];
    double[] k = new double[p];
    for (int pix = 0; pix < n; pix++) {
      int base = pix * c;
      double sum = 0;
      for (int i = 0; i < c; i++) {
        px[i] = si.data()[base + i];
        sum += px[i];
      }
      if (sum < minCounts) {
        continue;
      }
      double[] fpx = filter.apply(px);
      for (int a = 0; a < p; a++) {
        double s = 0;
        for (int i = 0; i < c; i++) {
          s += op[a][i] * fpx[i];
        }
        k[a] = s * stdDose[a] / pixelDose;
        kmaps[a][pix] = (float) k[a];
      }
      double[] cf = prep.massFractions(k);
      double t = 0;
      for (int e = 0; e < cf.length; e++) {
        cmaps[e][pix] = (float) cf[e];
        t += cf[e];
      }
      total[pix] = (float) t;
    }
    Map<String, float[]> km = new LinkedHashMap<>();
    for (int a = 0; a < p; a++) {
      km.put(els.get(a), kmaps[a]);
    }
    Map<String, float[]> cm = new LinkedHashMap<>();
    for (int e = 0; e < syms.size(); e++) {
      cm.put(syms.get(e), cmaps[e]);
    }
    return new Result(km, cm, total);
  }
}
