package io.alloyflow.prediction.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bench-only pure-Java batched inference of a trained {@link MlpEnsemble}, kept to measure the
 * idea "replace the engine's per-call overhead by a pure-Java forward pass" against the engine
 * ({@code bench/prediction}: on this 2-core AMD EPYC (AVX2) machine libtorch needs about half the
 * CPU time of this kernel for 200,000 rows, so production inference stays on the engine): the weights exported from DJL are
 * held transposed ({@code [in][out]}, single precision as trained) and rows go through every member in
 * blocks, so one call evaluates millions of rows (the hybrid points of an exact Shapley
 * computation) with no per-call engine, native-memory or JNI overhead. Inside a block, layer
 * {@code l} is the product {@code H_l = relu(H_{l-1} W_l^T + b_l)} computed as a sum of rank-one
 * updates over the inputs that are non-zero (ReLU outputs are sparse), with the contiguous inner
 * loop over output units left to the JIT's vectoriser. Blocks are spread over the available
 * cores. Activations are float32 as in the engine; the target transform is applied in double.
 */
public final class MlpForward {
  /** Rows per block (the activations of one block stay in the L1/L2 cache). */
  static final int BLOCK = 64;

  private final int inputs;
  private final double[] mean;
  private final double[] invScale;
  private final double targetMean;
  private final double targetScale;
  private final boolean logTarget;
  /** [member][layer] weights transposed, {@code in x out} row-major. */
  private final float[][][] wt;
  /** [member][layer] biases. */
  private final float[][][] bias;
  /** [member] layer sizes including input and output. */
  private final int[][] sizes;
  private final int maxWidth;

  /** Exports the ensemble's weights. */
  public MlpForward(MlpEnsemble e) {
    inputs = e.inputs();
    mean = e.scaler().mean();
    double[] sc = e.scaler().scale();
    invScale = new double[sc.length];
    for (int j = 0; j < sc.length; j++) {
      invScale[j] = 1.0 / sc[j];
    }
    targetMean = e.targetMean();
    targetScale = e.targetScale();
    logTarget = e.config().logTarget();
    int nm = e.members().size();
    wt = new float[nm][][];
    bias = new float[nm][][];
    sizes = new int[nm][];
    int mw = 0;
    for (int m = 0; m < nm; m++) {
      MlpEnsemble.Member mem = e.members().get(m);
      int[] sz = mem.sizes();
      if (sz[0] != inputs || sz[sz.length - 1] != 1 || mem.weights().size() != sz.length - 1) {
        throw new IllegalArgumentException(
            "ensemble member " + m + " has layer sizes " + java.util.Arrays.toString(sz)
                + "; expected " + inputs + " inputs, one output and one weight matrix per layer");
      }
      sizes[m] = sz.clone();
      wt[m] = new float[sz.length - 1][];
      bias[m] = new float[sz.length - 1][];
      for (int l = 0; l < sz.length - 1; l++) {
        int in = sz[l];
        int out = sz[l + 1];
        float[] w = mem.weights().get(l);
        float[] b = mem.biases().get(l);
        if (w.length != in * out || b.length != out) {
          throw new IllegalArgumentException(
              "ensemble member " + m + " layer " + l + ": " + w.length + " weights and " + b.length
                  + " biases, expected " + in * out + " and " + out);
        }
        float[] t = new float[in * out];
        for (int o = 0; o < out; o++) {
          for (int i = 0; i < in; i++) {
            t[i * out + o] = w[o * in + i];
          }
        }
        wt[m][l] = t;
        bias[m][l] = b.clone();
        mw = Math.max(mw, out);
      }
      mw = Math.max(mw, inputs);
    }
    maxWidth = mw;
  }

  /** Members. */
  int members() {
    return wt.length;
  }

  /**
   * Each member's prediction (target units) of every row of the flat {@code n x inputs} buffer,
   * written to {@code out[member][row]}.
   */
  public void predict(double[] rows, int n, double[][] out) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, blocks / 4));
    if (threads <= 1) {
      new Worker().run(rows, n, out, 0, blocks);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "mlp-forward");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      int per = (blocks + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int b0 = t * per;
        int b1 = Math.min(blocks, b0 + per);
        if (b0 < b1) {
          fs.add(pool.submit(() -> new Worker().run(rows, n, out, b0, b1)));
        }
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("MLP inference interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("MLP inference failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** Per-thread scratch space. */
  private final class Worker {
    private final float[] x0 = new float[BLOCK * inputs];
    private final float[] a = new float[BLOCK * maxWidth];
    private final float[] b = new float[BLOCK * maxWidth];

    void run(double[] rows, int n, double[][] out, int block0, int block1) {
      for (int blk = block0; blk < block1; blk++) {
        int s = blk * BLOCK;
        int len = Math.min(BLOCK, n - s);
        for (int r = 0; r < len; r++) {
          int o = (s + r) * inputs;
          for (int j = 0; j < inputs; j++) {
            x0[r * inputs + j] = (float) ((rows[o + j] - mean[j]) * invScale[j]);
          }
        }
        for (int m = 0; m < wt.length; m++) {
          float[] in = x0;
          float[] cur = a;
          int[] sz = sizes[m];
          for (int l = 0; l < sz.length - 1; l++) {
            int ni = sz[l];
            int no = sz[l + 1];
            float[] w = wt[m][l];
            float[] bb = bias[m][l];
            boolean last = l == sz.length - 2;
            for (int r = 0; r < len; r++) {
              int ro = r * no;
              System.arraycopy(bb, 0, cur, ro, no);
              int ri = r * ni;
              for (int i = 0; i < ni; i++) {
                float v = in[ri + i];
                if (v != 0f) {
                  int wi = i * no;
                  for (int o = 0; o < no; o++) {
                    cur[ro + o] += v * w[wi + o];
                  }
                }
              }
              if (!last) {
                for (int o = 0; o < no; o++) {
                  if (cur[ro + o] < 0f) {
                    cur[ro + o] = 0f;
                  }
                }
              }
            }
            in = cur;
            cur = cur == a ? b : a;
          }
          double[] res = out[m];
          for (int r = 0; r < len; r++) {
            double tv = targetMean + targetScale * (double) in[r];
            res[s + r] = logTarget ? Math.exp(tv) : tv;
          }
        }
      }
    }
  }
}
