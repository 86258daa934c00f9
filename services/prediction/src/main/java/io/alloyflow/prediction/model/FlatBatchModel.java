package io.alloyflow.prediction.model;

/**
 * A batch model that can read rows from one flat row-major buffer (no per-row arrays), for the
 * millions of rows of an exact Shapley computation.
 */
public interface FlatBatchModel extends BatchModel {
  /** One prediction per row of the {@code n x d} row-major buffer. */
  double[] predictFlat(double[] rows, int n, int d);

  /** Adapts any batch model. */
  static FlatBatchModel of(BatchModel m) {
    if (m instanceof FlatBatchModel f) {
      return f;
    }
    return new FlatBatchModel() {
      @Override
      public double[] predict(double[][] x) {
        return m.predict(x);
      }

      @Override
      public double[] predictFlat(double[] rows, int n, int d) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
          System.arraycopy(rows, i * d, x[i], 0, d);
        }
        return m.predict(x);
      }
    };
  }
}
