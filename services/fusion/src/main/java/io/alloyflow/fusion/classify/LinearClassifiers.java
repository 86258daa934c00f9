package io.alloyflow.fusion.classify;

import java.util.SplittableRandom;

/**
 * Linear classifiers on standardised features: multinomial logistic regression (softmax,
 * L2-regularised, full-batch gradient descent with Nesterov momentum; Hastie, Tibshirani and
 * Friedman, The Elements of Statistical Learning, 2nd ed., sec. 4.4) and a one-vs-rest linear
 * SVM trained by Pegasos (Shalev-Shwartz et al., "Pegasos: primal estimated sub-gradient solver
 * for SVM", ICML 2007), whose margins are turned into scores by a softmax.
 */
public final class LinearClassifiers {

  private LinearClassifiers() {}

  /** Multinomial logistic regression. */
  public static PixelClassifier logistic(double l2, int iterations) {
    return new Linear("lr", l2, iterations, false, 0);
  }

  /** One-vs-rest linear SVM (hinge loss). */
  public static PixelClassifier linearSvm(double lambda, int epochs, long seed) {
    return new Linear("svm", lambda, epochs, true, seed);
  }

  private static final class Linear implements PixelClassifier {
    private final String name;
    private final double reg;
    private final int iterations;
    private final boolean svm;
    private final long seed;
    private PixelClassifier.Standardiser st;
    private double[][] wts; // [class][features + 1]
    private int k;

    Linear(String name, double reg, int iterations, boolean svm, long seed) {
      this.name = name;
      this.reg = reg;
      this.iterations = iterations;
      this.svm = svm;
      this.seed = seed;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void fit(float[] x, int m, int[] y, int k) {
      this.k = k;
      st = new PixelClassifier.Standardiser(x, m);
      int n = y.length;
      double[][] z = new double[n][];
      for (int r = 0; r < n; r++) {
        z[r] = st.row(x, r, m);
      }
      wts = new double[k][m + 1];
      if (svm) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int c = 0; c < k; c++) {
          double[] wv = wts[c];
          long t = 0;
          for (int ep = 0; ep < iterations; ep++) {
            for (int it = 0; it < n; it++) {
              int r = rng.nextInt(n);
              t++;
              double eta = 1.0 / (reg * (t + 100));
              double yy = y[r] == c ? 1 : -1;
              double s = wv[m];
              for (int f = 0; f < m; f++) {
                s += wv[f] * z[r][f];
              }
              for (int f = 0; f < m; f++) {
                wv[f] *= 1 - eta * reg;
              }
              if (yy * s < 1) {
                for (int f = 0; f < m; f++) {
                  wv[f] += eta * yy * z[r][f];
                }
                wv[m] += eta * yy * 0.1;
              }
            }
          }
        }
        return;
      }
      double[][] vel = new double[k][m + 1];
      double lr = 0.5;
      double[] p = new double[k];
      for (int it = 0; it < iterations; it++) {
        double[][] look = new double[k][m + 1];
        for (int c = 0; c < k; c++) {
          for (int f = 0; f <= m; f++) {
            look[c][f] = wts[c][f] + 0.9 * vel[c][f];
          }
        }
        double[][] g = new double[k][m + 1];
        for (int r = 0; r < n; r++) {
          softmax(look, z[r], m, p);
          for (int c = 0; c < k; c++) {
            double d = p[c] - (y[r] == c ? 1 : 0);
            for (int f = 0; f < m; f++) {
              g[c][f] += d * z[r][f];
            }
            g[c][m] += d;
          }
        }
        for (int c = 0; c < k; c++) {
          for (int f = 0; f <= m; f++) {
            double gr = g[c][f] / n + (f < m ? reg * look[c][f] : 0);
            vel[c][f] = 0.9 * vel[c][f] - lr * gr;
            wts[c][f] += vel[c][f];
          }
        }
      }
    }

    private void softmax(double[][] w, double[] z, int m, double[] p) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < w.length; c++) {
        double s = w[c][m];
        for (int f = 0; f < m; f++) {
          s += w[c][f] * z[f];
        }
        p[c] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int c = 0; c < w.length; c++) {
        p[c] = Math.exp(p[c] - max);
        sum += p[c];
      }
      for (int c = 0; c < w.length; c++) {
        p[c] /= sum;
      }
    }

    @Override
    public float[] predictProba(float[] x, int m) {
      if (wts == null) {
        throw new IllegalStateException(name + " classifier is not trained");
      }
      int n = x.length / m;
      float[] out = new float[n * k];
      double[] p = new double[k];
      for (int r = 0; r < n; r++) {
        softmax(wts, st.row(x, r, m), m, p);
        for (int c = 0; c < k; c++) {
          out[r * k + c] = (float) p[c];
        }
      }
      return out;
    }
  }
}
