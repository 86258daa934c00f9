package io.alloyflow.prediction.model;

/** A regression function evaluated on a batch of feature rows (raw, unscaled features). */
@FunctionalInterface
public interface BatchModel {
  /** One prediction per row. */
  double[] predict(double[][] x);
}
