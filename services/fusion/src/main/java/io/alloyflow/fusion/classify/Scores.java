package io.alloyflow.fusion.classify;

/**
 * Classification scores from a confusion matrix: per-class F1 = 2 TP / (2 TP + FP + FN), macro-F1
 * (unweighted mean over the classes present in truth or prediction) and micro-F1 (equal to the
 * accuracy for single-label classification); Sokolova and Lapalme, "A systematic analysis of
 * performance measures for classification tasks", Inf. Process. Manag. 45 (2009) 427.
 *
 * @param confusion {@code [truth][predicted]} counts
 * @param f1 per-class F1 (NaN for a class absent from truth and prediction)
 * @param macroF1 macro-averaged F1
 * @param microF1 micro-averaged F1 (accuracy)
 */
public record Scores(long[][] confusion, double[] f1, double macroF1, double microF1) {

  /**
   * Macro-F1 over the classes that occur in the truth only (a prediction into a class absent from
   * the truth, e.g. "unclassified", still costs the true class its recall).
   */
  public double macroF1OverTruth() {
    double s = 0;
    int c = 0;
    for (int i = 0; i < f1.length; i++) {
      long row = 0;
      for (long v : confusion[i]) {
        row += v;
      }
      if (row > 0) {
        s += f1[i];
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }

  /** Scores of predictions against truth, classes 0..k-1 (truth < 0 is ignored). */
  public static Scores of(int[] truth, int[] predicted, int k) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth has " + truth.length + " labels but prediction "
          + predicted.length);
    }
    long[][] cm = new long[k][k];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] >= 0) {
        cm[truth[i]][predicted[i]]++;
      }
    }
    double[] f1 = new double[k];
    double sum = 0;
    int present = 0;
    long correct = 0;
    long total = 0;
    for (int c = 0; c < k; c++) {
      long tp = cm[c][c];
      long fn = 0;
      long fp = 0;
      for (int j = 0; j < k; j++) {
        if (j != c) {
          fn += cm[c][j];
          fp += cm[j][c];
        }
        total += cm[c][j];
      }
      correct += tp;
      if (tp + fn + fp == 0) {
        f1[c] = Double.NaN;
      } else {
        f1[c] = 2.0 * tp / (2.0 * tp + fp + fn);
        sum += f1[c];
        present++;
      }
    }
    return new Scores(cm, f1, present == 0 ? Double.NaN : sum / present,
        total == 0 ? Double.NaN : (double) correct / total);
  }
}
