package io.alloyflow.prediction.imagemodels;

/**
 * Ridge regression on standardised features (A. E. Hoerl and R. W. Kennard, Technometrics 12
 * (1970) 55-67), penalty chosen by 5-fold cross-validation on the training rows from 1e-4..1e3.
 *
 * @param mean feature means
 * @param scale feature standard deviations
 * @param coef coefficients on standardised features
 * @param intercept intercept
 * @param lambda chosen penalty
 */
public record Ridge(double[] mean, double[] scale, double[] coef, double intercept, double lambda) {

  /** Fits with the penalty chosen by cross-validation. */
  public static Ridge fit(double[][] x, double[] y) {
    double best = Double.POSITIVE_INFINITY;
    double bestLam = 1;
    for (double lam = 1e-4; lam <= 1e3; lam *= 10) {
      double sse = 0;
      for (int fold = 0; fold < 5; fold++) {
        int nTrain = 0;
        for (int i = 0; i < x.length; i++) {
          nTrain += i % 5 != fold ? 1 : 0;
        }
        double[][] xt = new double[nTrain][];
        double[] yt = new double[nTrain];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
          if (i % 5 != fold) {
            xt[k] = x[i];
            yt[k++] = y[i];
          }
        }
        Ridge r = fit(xt, yt, lam);
        for (int i = fold; i < x.length; i += 5) {
          sse += Math.pow(r.predict(x[i]) - y[i], 2);
        }
      }
      if (sse < best) {
        best = sse;
        bestLam = lam;
      }
    }
    return fit(x, y, bestLam);
  }

  /** Fits with a fixed penalty. */
  public static Ridge fit(double[][] x, double[] y, double lambda) {
    int n = x.length;
    int d = x[0].length;
    double[] mu = new double[d];
    double[] sd = new double[d];
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        mu[j] += r[j] / n;
      }
    }
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        sd[j] += Math.pow(r[j] - mu[j], 2) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
    }
    double ym = 0;
    for (double v : y) {
      ym += v / n;
    }
    double[][] a = new double[d][d + 1];
    for (int i = 0; i < n; i++) {
      double[] z = new double[d];
      for (int j = 0; j < d; j++) {
        z[j] = (x[i][j] - mu[j]) / sd[j];
      }
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          a[j][k] += z[j] * z[k];
        }
        a[j][d] += z[j] * (y[i] - ym);
      }
    }
    for (int j = 0; j < d; j++) {
      a[j][j] += lambda * n;
    }
    double[] w = io.alloyflow.prediction.micromech.Linear.solve(a);
    return new Ridge(mu, sd, w, ym, lambda);
  }

  /** Prediction for one row. */
  public double predict(double[] row) {
    double s = intercept;
    for (int j = 0; j < coef.length; j++) {
      s += coef[j] * (row[j] - mean[j]) / scale[j];
    }
    return s;
  }
}
