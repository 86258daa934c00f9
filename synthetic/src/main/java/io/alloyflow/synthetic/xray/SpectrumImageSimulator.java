package io.alloyflow.synthetic.xray;

import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Phase;
import io.alloyflow.synthetic.random.PoissonSampler;
import io.alloyflow.synthetic.random.RandomFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * EDS spectrum images of a microstructure on a coarser grid than the SEM image.
 *
 * <p>Each EDS pixel's footprint is sampled at n x n points mapped through the {@link Affine}
 * transform into the SEM phase map; the fractions of each phase give the pixel's phase weights
 * (boundary pixels are mixtures). One noiseless spectrum per phase is computed once by
 * {@link SpectrumSimulator}; a pixel's expected spectrum is the weight-mixed sum (linear mixing
 * of X-ray emission, a first-order model that ignores cross-boundary absorption and
 * fluorescence). Calibration drift: the energy scale shifts linearly over the acquisition
 * (rows in scan order) by {@code driftEv} in total (5-10 eV per session is typical of SDDs
 * without active stabilisation); shifted spectra are interpolated per row. Counts are drawn per
 * channel by the exact Poisson sampler with one seeded stream per row (parallel and
 * deterministic).
 */
public final class SpectrumImageSimulator {

  private SpectrumImageSimulator() {}

  /**
   * Acquisition parameters.
   *
   * @param width EDS map width (pixels)
   * @param height EDS map height (pixels)
   * @param transform EDS-to-SEM pixel transform
   * @param beamKeV beam energy
   * @param liveTimePerPixelS dwell live time per pixel (s)
   * @param probeCurrentNa probe current (nA)
   * @param detector detector
   * @param driftEv total energy-scale drift over the map (eV, may be negative)
   * @param subsamples footprint samples per axis (>= 1)
   */
  public record Params(
      int width,
      int height,
      Affine transform,
      double beamKeV,
      double liveTimePerPixelS,
      double probeCurrentNa,
      EdsDetector detector,
      double driftEv,
      int subsamples) {

    public Params {
      if (width < 1 || height < 1 || (long) width * height * detector.channels() > 400_000_000L) {
        throw new IllegalArgumentException("EDS map of " + width + "x" + height + "x"
            + detector.channels() + " must be non-empty and at most 4e8 values");
      }
      if (!(liveTimePerPixelS > 0) || !(probeCurrentNa > 0) || !(beamKeV > 0)) {
        throw new IllegalArgumentException(
            "live time, probe current and beam energy must be positive");
      }
      if (subsamples < 1 || subsamples > 16) {
        throw new IllegalArgumentException("subsamples must be 1..16, found " + subsamples);
      }
      if (!Double.isFinite(driftEv) || Math.abs(driftEv) > 200) {
        throw new IllegalArgumentException("drift must be within +-200 eV, found " + driftEv);
      }
    }

    /**
     * 128 x 128 map centred on the SEM image (90 % coverage, 1.5 deg rotation), 20 kV, 20 ms
     * and 1 nA per pixel, default detector, 8 eV drift.
     */
    public static Params defaults(int semWidth, int semHeight) {
      return new Params(128, 128, Affine.centred(semWidth, semHeight, 128, 128, 0.9, 1.5), 20,
          0.02, 1.0, EdsDetector.defaultDetector(), 8.0, 3);
    }
  }

  /**
   * Result with truth.
   *
   * @param image the spectrum image
   * @param phaseNames phase names (index k of the weights)
   * @param phaseWeights per pixel and phase, {@code [(v * width + u) * nPhases + k]}
   * @param elements element symbols of the composition map
   * @param composition per pixel mass fractions, {@code [(v * width + u) * nElements + e]}
   * @param shiftEvPerRow energy shift applied to each row
   * @param outsideFraction fraction of footprint samples that fell outside the SEM image (clamped
   *     to the border)
   */
  public record Result(
      SpectrumImage image,
      List<String> phaseNames,
      float[] phaseWeights,
      List<String> elements,
      float[] composition,
      double[] shiftEvPerRow,
      double outsideFraction) {}

  /** Simulates the spectrum image. */
  public static Result simulate(Microstructure m, Params p, long seed) {
    List<Phase> phases = m.phases();
    int np = phases.size();
    int w = p.width();
    int h = p.height();
    int nch = p.detector().channels();
    // phase weights from the footprint
    float[] weights = new float[w * h * np];
    int ss = p.subsamples();
    long outside = 0;
    int[] lab = m.phaseMap().labels();
    int sw = m.width();
    int sh = m.height();
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        int base = (v * w + u) * np;
        for (int a = 0; a < ss; a++) {
          for (int b = 0; b < ss; b++) {
            double[] xy = p.transform().toSem(u + (b + 0.5) / ss, v + (a + 0.5) / ss);
            int x = (int) Math.floor(xy[0]);
            int y = (int) Math.floor(xy[1]);
            if (x < 0 || y < 0 || x >= sw || y >= sh) {
              outside++;
              x = Math.min(sw - 1, Math.max(0, x));
              y = Math.min(sh - 1, Math.max(0, y));
            }
            weights[base + lab[y * sw + x]] += 1f / (ss * ss);
          }
        }
      }
    }
    // expected spectrum per phase, unshifted
    double[][] base = new double[np][];
    boolean[] used = new boolean[np];
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        used[i % np] = true;
      }
    }
    for (int k = 0; k < np; k++) {
      base[k] = used[k] ? SpectrumSimulator.expected(phases.get(k).massFractions(), p.beamKeV(),
          p.liveTimePerPixelS(), p.probeCurrentNa(), p.detector(), 0) : new double[nch];
    }
    double[] shift = new double[h];
    for (int v = 0; v < h; v++) {
      shift[v] = h == 1 ? 0 : p.driftEv() * v / (h - 1);
    }
    float[] data = new float[w * h * nch];
    double gain = p.detector().axis().gainEvPerChannel();
    IntStream.range(0, h).parallel().forEach(v -> {
      double d = shift[v] / gain;
      double[][] shifted = new double[np][];
      for (int k = 0; k < np; k++) {
        shifted[k] = used[k] ? shiftChannels(base[k], d) : base[k];
      }
      SplittableRandom rng = RandomFields.stream(seed, 500_000 + v);
      double[] mix = new double[nch];
      for (int u = 0; u < w; u++) {
        int pix = v * w + u;
        java.util.Arrays.fill(mix, 0);
        for (int k = 0; k < np; k++) {
          float wk = weights[pix * np + k];
          if (wk > 0) {
            double[] s = shifted[k];
            for (int c = 0; c < nch; c++) {
              mix[c] += wk * s[c];
            }
          }
        }
        int off = pix * nch;
        for (int c = 0; c < nch; c++) {
          data[off + c] = PoissonSampler.sample(rng, mix[c]);
        }
      }
    });
    // per-pixel composition truth
    Set<String> els = new LinkedHashSet<>();
    for (Phase ph : phases) {
      els.addAll(ph.massFractions().keySet());
    }
    List<String> elements = new ArrayList<>(els);
    int ne = elements.size();
    float[] comp = new float[w * h * ne];
    for (int pix = 0; pix < w * h; pix++) {
      for (int k = 0; k < np; k++) {
        float wk = weights[pix * np + k];
        if (wk == 0) {
          continue;
        }
        for (int e = 0; e < ne; e++) {
          Double f = phases.get(k).massFractions().get(elements.get(e));
          if (f != null) {
            comp[pix * ne + e] += (float) (wk * f);
          }
        }
      }
    }
    SpectrumImage si = new SpectrumImage(w, h, nch, data, p.detector().axis(),
        m.pixelSizeM() * p.transform().scale(), p.beamKeV(), p.liveTimePerPixelS());
    return new Result(si, m.phaseNames(), weights, elements, comp, shift,
        (double) outside / ((long) w * h * ss * ss));
  }

  /** s'(c) = s(c - d) by linear interpolation (content moves up by d channels). */
  static double[] shiftChannels(double[] s, double d) {
    if (d == 0) {
      return s;
    }
    double[] out = new double[s.length];
    for (int c = 0; c < s.length; c++) {
      double x = c - d;
      int x0 = (int) Math.floor(x);
      double f = x - x0;
      double v0 = x0 >= 0 && x0 < s.length ? s[x0] : 0;
      double v1 = x0 + 1 >= 0 && x0 + 1 < s.length ? s[x0 + 1] : 0;
      out[c] = v0 * (1 - f) + v1 * f;
    }
    return out;
  }
}
