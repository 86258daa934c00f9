package io.alloyflow.fusion.classify;

import com.github.tschoonj.xraylib.Xraylib;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.util.List;

/**
 * Net-count maps of characteristic lines by the three-window method: counts in a window of
 * 1.2 FWHM centred on the line minus a linear background interpolated from two side windows of
 * the same width just outside it (Goldstein et al., Scanning Electron Microscopy and
 * X-Ray Microanalysis, 4th ed., Springer 2018, ch. 19, "window integration with background
 * subtraction"). The line is the K-alpha1 line (xraylib, Schoonjans et al., Spectrochim. Acta B
 * 66 (2011) 776) for Z &lt;= 30 and L-alpha1 above. The window width follows the detector
 * resolution at the line energy (Fiori and Newbury 1978: FWHM^2 = FWHM_Mn^2 + 2.49 (E - 5895)
 * eV with a 130 eV reference at Mn K-alpha).
 *
 * @param elements element symbols in map order
 * @param lineEv line energies (eV)
 * @param width map width
 * @param height map height
 * @param net per pixel and element net counts {@code [pixel * elements + e]}
 * @param sigma per pixel and element Poisson standard deviation of the net counts
 * @param total per pixel total counts (all channels)
 */
public record ElementMaps(List<String> elements, double[] lineEv, int width, int height,
    float[] net, float[] sigma, float[] total) {

  /** Computes the maps of the given elements. */
  public static ElementMaps of(SpectrumImage si, List<String> elements) {
    int ne = elements.size();
    double[] energies = new double[ne];
    int[][] win = new int[ne][];
    for (int e = 0; e < ne; e++) {
      int z;
      try {
        z = Xraylib.SymbolToAtomicNumber(elements.get(e));
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException("unknown element symbol '" + elements.get(e) + "'");
      }
      double kev = Xraylib.LineEnergy(z, z <= 30 ? Xraylib.KL3_LINE : Xraylib.L3M5_LINE);
      energies[e] = kev * 1000;
      double fwhm = Math.sqrt(130 * 130 + 2.49 * (energies[e] - 5895));
      double half = 0.6 * fwhm;
      int lo = (int) Math.round(si.axis().channel(energies[e] - half));
      int hi = (int) Math.round(si.axis().channel(energies[e] + half));
      int wdt = Math.max(1, hi - lo + 1);
      if (lo - wdt < 0 || hi + wdt >= si.channels()) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "%s line at %.0f eV: its windows fall outside the spectrum's %d channels",
            elements.get(e), energies[e], si.channels()));
      }
      win[e] = new int[] {lo, hi, wdt};
    }
    int n = si.width() * si.height();
    int nch = si.channels();
    float[] net = new float[n * ne];
    float[] sig = new float[n * ne];
    float[] total = new float[n];
    float[] d = si.data();
    for (int p = 0; p < n; p++) {
      int off = p * nch;
      double t = 0;
      for (int c = 0; c < nch; c++) {
        t += d[off + c];
      }
      total[p] = (float) t;
      for (int e = 0; e < ne; e++) {
        int lo = win[e][0];
        int hi = win[e][1];
        int wdt = win[e][2];
        double peak = 0;
        double left = 0;
        double right = 0;
        for (int c = lo; c <= hi; c++) {
          peak += d[off + c];
        }
        for (int c = lo - wdt; c < lo; c++) {
          left += d[off + c];
        }
        for (int c = hi + 1; c <= hi + wdt; c++) {
          right += d[off + c];
        }
        double bg = 0.5 * (left + right) * (hi - lo + 1) / wdt;
        net[p * ne + e] = (float) (peak - bg);
        sig[p * ne + e] = (float) Math.sqrt(peak + 0.25 * (left + right)
            * Math.pow((hi - lo + 1.0) / wdt, 2));
      }
    }
    return new ElementMaps(List.copyOf(elements), energies, si.width(), si.height(), net, sig,
        total);
  }
}
