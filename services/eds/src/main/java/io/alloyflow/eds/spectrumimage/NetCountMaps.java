package io.alloyflow.eds.spectrumimage;

import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.peaks.GaussianFamilyFit;
import io.alloyflow.eds.peaks.Lls;
import io.alloyflow.eds.peaks.TopHatFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elemental net-count maps by a per-pixel linear filter fit: every pixel spectrum is top-hat
 * filtered (continuum removed, Schamber 1977) and fitted with the filtered Gaussian line-family
 * profiles of the requested elements. The weighted least-squares operator (A^T W A)^-1 A^T W is
 * computed once, with weights from the sum spectrum (the "vector" quick-quant of NIST
 * NeXLSpectrum / DTSA-II), so a map costs one dot product per element and pixel.
 */
public final class NetCountMaps {
  private NetCountMaps() {}

  /** Net counts of each element's analytical family per pixel (symbol -> map). */
  public static Map<String, float[]> compute(
      SpectrumImage si, List<String> elements, DetectorResolution res) {
    int c = si.channels();
    double beamEv = si.beamEnergyKeV() > 0 ? si.beamEnergyKeV() * 1000 : 20000;
    TopHatFilter filter = new TopHatFilter(si.axis(), c, res);
    int p = elements.size();
    double[][] design = new double[p][];
    boolean[] used = new boolean[c];
    for (int j = 0; j < p; j++) {
      int z = XrayData.z(elements.get(j));
      Family f = XrayData.analyticalFamily(z, beamEv);
      double[] col = GaussianFamilyFit.column(new GaussianFamilyFit.Term(z, f), si.axis(), c,
          beamEv, res, used);
      design[j] = filter.apply(col);
    }
    double[] sum = si.sumSpectrum();
    double[] var = filter.variance(sum);
    double[] w = new double[c];
    for (int i = 0; i < c; i++) {
      w[i] = used[i] && Double.isFinite(var[i]) && var[i] > 0 ? 1.0 / var[i] : 0;
    }
    double[][] op = Lls.weightedProjector(design, w);
    int n = si.width() * si.height();
    float[][] maps = new float[p][n];
    double[] px = new double[c];
    for (int pix = 0; pix < n; pix++) {
      int base = pix * c;
      for (int i = 0; i < c; i++) {
        px[i] = si.data()[base + i];
      }
      double[] fpx = filter.apply(px);
      for (int a = 0; a < p; a++) {
        double s = 0;
        double[] row = op[a];
        for (int i = 0; i < c; i++) {
          s += row[i] * fpx[i];
        }
        maps[a][pix] = (float) s;
      }
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (int a = 0; a < p; a++) {
      out.put(elements.get(a), maps[a]);
    }
    return out;
  }
}
