package io.alloyflow.eds.calibration;

import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.background.Snip;
import io.alloyflow.eds.identify.Identification;
import io.alloyflow.eds.identify.IdentifiedLine;
import io.alloyflow.eds.identify.Identifier;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import io.alloyflow.eds.peaks.DetectorResolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Energy calibration from identified peaks: elements are identified on the nominal axis ({@link
 * Identifier}); for every confidently identified, isolated family the peak centroid channel is
 * measured (Gaussian fit of the peak top on the SNIP-subtracted spectrum, Caruana's log-parabola)
 * and compared with the intensity-weighted energy of the unresolved lines there (xraylib); offset
 * and gain then follow from a weighted straight-line fit E = offset + gain x channel, weights
 * being the inverse variance of each centroid (sigma^2/N).
 */
public final class EnergyCalibrator {
  private EnergyCalibrator() {}

  /** Algorithm version. */
  public static final String VERSION = "1.0";

  /**
   * Lines below this energy (eV) are not used: incomplete charge collection shifts low-energy
   * peaks by several eV in Si detectors (Goldstein et al. 2018, ch. 16).
   */
  public static final double MIN_LINE_EV = 1000;

  /**
   * Calibration result.
   *
   * @param spectrum the spectrum on the fitted axis
   * @param offsetEv fitted offset (eV)
   * @param gainEv fitted channel width (eV/channel)
   * @param residualEv rms residual of the line energies (eV); NaN when not fitted
   * @param peaksUsed labels of the peaks used with their measured shift, e.g. {@code Si Ka1 (+2.1
   *     eV)}
   * @param fitted whether the axis was fitted (false: fewer than two usable peaks)
   * @param algorithm provenance
   */
  public record Calibration(
      Spectrum spectrum,
      double offsetEv,
      double gainEv,
      double residualEv,
      List<String> peaksUsed,
      boolean fitted,
      AlgorithmInfo algorithm) {
    public Calibration {
      peaksUsed = List.copyOf(peaksUsed);
    }
  }

  /**
   * Calibrates a spectrum from its own peaks. Up to three passes: each re-identifies the peaks on
   * the axis of the previous pass (a badly calibrated axis makes identification ambiguous); a pass
   * with peaks spanning less than 1 keV corrects the offset only.
   */
  public static Calibration calibrate(Spectrum s) {
    Calibration c = pass(s);
    for (int i = 0; i < 2; i++) {
      Calibration next = pass(c.spectrum());
      if (!next.fitted()) {
        break;
      }
      double change = Math.abs(next.offsetEv() - c.offsetEv())
          + s.channels() * Math.abs(next.gainEv() - c.gainEv());
      c = next;
      if (change < 0.5) {
        break;
      }
    }
    return c;
  }

  private static Calibration pass(Spectrum s) {
    Identification id = Identifier.identify(s);
    DetectorResolution res = DetectorResolution.of(id.detectorFwhmMnKaEv());
    double[] bg = Snip.background(s.counts(), s.axis(), res, 1.5);
    double[] net = new double[s.channels()];
    for (int i = 0; i < net.length; i++) {
      net[i] = s.counts()[i] - bg[i];
    }
    List<double[]> pts = new ArrayList<>(); // channel, energy, weight
    List<String> labels = new ArrayList<>();
    for (IdentifiedLine e : id.elements()) {
      if (e.confidence() < 0.3) {
        continue;
      }
      Family fam = Family.valueOf(e.family());
      List<XrayLine> lines = XrayData.family(e.z(), fam);
      XrayLine p = lines.get(0);
      double fw = res.fwhmEv(p.energyEv());
      // intensity-weighted energy of lines unresolved from the principal one
      double we = 0;
      double ws = 0;
      boolean clean = true;
      for (XrayLine l : lines) {
        double d = Math.abs(l.energyEv() - p.energyEv());
        if (d < 0.35 * fw) {
          we += l.weight() * l.energyEv();
          ws += l.weight();
        } else if (d < 1.2 * fw && l.weight() > 0.15 * p.weight()) {
          clean = false;
        }
      }
      if (p.energyEv() < MIN_LINE_EV) {
        clean = false; // low-energy peaks are shifted by incomplete charge collection
      }
      for (IdentifiedLine o : id.elements()) {
        if (o != e && o.confidence() >= 0.3) { // low-confidence families are often residuals
          List<XrayLine> ol = XrayData.family(o.z(), Family.valueOf(o.family()));
          double wsum = ol.stream().mapToDouble(XrayLine::weight).sum();
          for (XrayLine l : ol) {
            double share = o.netCounts() * l.weight() / wsum;
            if (share > 0.02 * e.netCounts() && Math.abs(l.energyEv() - p.energyEv()) < 1.2 * fw) {
              clean = false;
            }
          }
        }
      }
      if (!clean || ws == 0) {
        continue;
      }
      double eLine = we / ws;
      int c0 = (int) Math.round(s.axis().channel(eLine));
      int half = (int) Math.ceil(0.6 * fw / s.axis().gainEvPerChannel());
      int best = -1;
      for (int c = Math.max(1, c0 - half); c <= Math.min(net.length - 2, c0 + half); c++) {
        if (best < 0 || net[c] > net[best]) {
          best = c;
        }
      }
      if (best < 0 || net[best] < 50) {
        continue;
      }
      double centroid = centroid(net, best);
      if (!Double.isFinite(centroid)) {
        continue;
      }
      double sigmaCh = fw / 2.3548 / s.axis().gainEvPerChannel();
      double varCh = sigmaCh * sigmaCh / Math.max(e.netCounts(), 1);
      pts.add(new double[] {centroid, eLine, 1.0 / (varCh + 1e-4)});
      labels.add(String.format("%s %s (%+.1f eV)", e.symbol(), p.siegbahn(),
          s.axis().energyEv(centroid) - eLine));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("peaks", "" + pts.size());
    AlgorithmInfo info = new AlgorithmInfo("eds-energy-calibration", VERSION,
        "weighted straight-line fit of Gaussian peak centroids (Caruana 1986 log-parabola) to"
            + " xraylib line energies (Schoonjans et al. 2011)", params);
    double span = 0;
    for (double[] a : pts) {
      for (double[] b : pts) {
        span = Math.max(span, Math.abs(a[1] - b[1]));
      }
    }
    if (pts.isEmpty()) {
      return new Calibration(s, s.axis().offsetEv(), s.axis().gainEvPerChannel(), Double.NaN,
          labels, false, info);
    }
    if (pts.size() < 2 || span < 1000) {
      // offset only, gain kept
      double g0 = s.axis().gainEvPerChannel();
      double sw0 = 0;
      double sr = 0;
      for (double[] pt : pts) {
        sw0 += pt[2];
        sr += pt[2] * (pt[1] - g0 * pt[0]);
      }
      double off = sr / sw0;
      double ss0 = 0;
      for (double[] pt : pts) {
        ss0 += Math.pow(off + g0 * pt[0] - pt[1], 2);
      }
      params.put("offsetEv", String.format("%.3f", off));
      params.put("gainEv", "fixed " + g0);
      info = new AlgorithmInfo(info.name(), info.version(), info.reference(), params);
      return new Calibration(s.withAxis(new EnergyAxis(off, g0)), off, g0,
          Math.sqrt(ss0 / pts.size()), labels, true, info);
    }
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (double[] pt : pts) {
      double w = pt[2];
      sw += w;
      sx += w * pt[0];
      sy += w * pt[1];
      sxx += w * pt[0] * pt[0];
      sxy += w * pt[0] * pt[1];
    }
    double gain = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
    double offset = (sy - gain * sx) / sw;
    double ss = 0;
    for (double[] pt : pts) {
      double r = offset + gain * pt[0] - pt[1];
      ss += r * r;
    }
    double rms = Math.sqrt(ss / pts.size());
    EnergyAxis axis = new EnergyAxis(offset, gain);
    params.put("offsetEv", String.format("%.3f", offset));
    params.put("gainEv", String.format("%.5f", gain));
    info = new AlgorithmInfo(info.name(), info.version(), info.reference(), params);
    return new Calibration(s.withAxis(axis), offset, gain, rms, labels, true, info);
  }

  /** Sub-channel centroid of a peak: Gaussian (log-parabola) fit of the channels above half max. */
  static double centroid(double[] net, int peak) {
    GaussianTopFit fit = GaussianTopFit.fit(net, peak, 15, 0.5);
    if (fit == null || Math.abs(fit.shiftChannels()) > 3) {
      return Double.NaN;
    }
    return peak + fit.shiftChannels();
  }
}
