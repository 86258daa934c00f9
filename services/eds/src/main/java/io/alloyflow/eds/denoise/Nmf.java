package io.alloyflow.eds.denoise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Non-negative matrix factorisation D ~ W H of a spectrum image (W: pixels x k abundance maps, H:
 * k x channels component spectra) minimising the generalised Kullback-Leibler divergence, the
 * Poisson log-likelihood, by the multiplicative updates of Lee and Seung ("Algorithms for
 * non-negative matrix factorization", NIPS 13 (2001) 556-562): H <- H (W^T (D / WH)) / (W^T 1),
 * W <- W ((D / WH) H^T) / (1 H^T). Products run on libtorch through DJL, one sub-manager per
 * iteration so native memory stays bounded.
 */
public final class Nmf {
  private Nmf() {}

  /** Algorithm version. */
  public static final String VERSION = "1.0";

  /**
   * Result.
   *
   * @param k components
   * @param w pixels x k (row-major)
   * @param h k x channels (row-major)
   * @param divergence final KL divergence per count
   * @param algorithm provenance
   */
  public record Result(int k, float[] w, float[] h, double divergence, AlgorithmInfo algorithm) {}

  /** Factorises with k components and a fixed number of iterations, seeded random start. */
  public static Result factorize(SpectrumImage si, int k, int iterations, long seed) {
    int n = si.width() * si.height();
    int c = si.channels();
    if (k < 1 || k > Math.min(n, c)) {
      throw new IllegalArgumentException("NMF needs 1 <= k <= min(pixels, channels), found " + k);
    }
    SplittableRandom r = new SplittableRandom(seed);
    double mean = 0;
    for (float v : si.data()) {
      mean += v;
    }
    mean /= (double) n * c;
    float scale = (float) Math.sqrt(Math.max(mean, 1e-6) / k);
    float[] w0 = new float[n * k];
    float[] h0 = new float[k * c];
    for (int i = 0; i < w0.length; i++) {
      w0[i] = scale * (0.5f + (float) r.nextDouble());
    }
    for (int i = 0; i < h0.length; i++) {
      h0[i] = scale * (0.5f + (float) r.nextDouble());
    }
    float[] wOut;
    float[] hOut;
    double div;
    final float eps = 1e-9f;
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      NDArray d = root.create(si.data(), new Shape(n, c));
      NDArray w = root.create(w0, new Shape(n, k));
      NDArray h = root.create(h0, new Shape(k, c));
      for (int it = 0; it < iterations; it++) {
        try (NDManager step = root.newSubManager()) {
          d.tempAttach(step); // operation results then belong to the step manager
          w.attach(step);
          h.attach(step);
          NDArray ratio = d.div(w.matMul(h).add(eps));
          NDArray hNew = h.mul(w.transpose().matMul(ratio))
              .div(w.sum(new int[] {0}).reshape(k, 1).add(eps));
          NDArray ratio2 = d.div(w.matMul(hNew).add(eps));
          NDArray wNew = w.mul(ratio2.matMul(hNew.transpose()))
              .div(hNew.sum(new int[] {1}).reshape(1, k).add(eps));
          hNew.attach(root);
          wNew.attach(root);
          h = hNew;
          w = wNew;
        }
      }
      try (NDManager fin = root.newSubManager()) {
        d.tempAttach(fin);
        NDArray wh = w.matMul(h).add(eps);
        wh.attach(fin);
        NDArray dd = d.add(eps);
        dd.attach(fin);
        NDArray kl = d.mul(dd.div(wh).log()).sub(d).add(wh);
        div = kl.sum().getFloat() / Math.max(d.sum().getFloat(), 1f);
      }
      wOut = w.toFloatArray();
      hOut = h.toFloatArray();
    }
    return new Result(k, wOut, hOut, div, new AlgorithmInfo("nmf-kl-multiplicative", VERSION,
        "Lee & Seung, NIPS 13 (2001) 556 (KL / Poisson multiplicative updates)",
        Map.of("k", "" + k, "iterations", "" + iterations, "seed", "" + seed)));
  }

  /** Reconstruction W H as a spectrum image. */
  public static SpectrumImage reconstruct(SpectrumImage si, Result r) {
    int n = si.width() * si.height();
    int c = si.channels();
    float[] out;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      out = m.create(r.w(), new Shape(n, r.k())).matMul(m.create(r.h(), new Shape(r.k(), c)))
          .toFloatArray();
    }
    return new SpectrumImage(si.width(), si.height(), c, out, si.axis(), si.pixelSizeM(),
        si.beamEnergyKeV(), si.liveTimePerPixelS());
  }
}
