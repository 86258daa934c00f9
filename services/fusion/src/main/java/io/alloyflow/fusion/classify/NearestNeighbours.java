package io.alloyflow.fusion.classify;

/**
 * k-nearest-neighbour classifier on standardised features (Cover and Hart, "Nearest neighbor
 * pattern classification", IEEE Trans. Inf. Theory 13 (1967) 21); probabilities are the class
 * shares among the k neighbours. Brute force: intended for a few thousand training rows.
 */
public final class NearestNeighbours implements PixelClassifier {
  private final int kn;
  private PixelClassifier.Standardiser st;
  private double[][] train;
  private int[] labels;
  private int classes;

  public NearestNeighbours(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, found " + k);
    }
    this.kn = k;
  }

  @Override
  public String name() {
    return "knn";
  }

  @Override
  public void fit(float[] x, int m, int[] y, int k) {
    st = new PixelClassifier.Standardiser(x, m);
    train = new double[y.length][];
    for (int r = 0; r < y.length; r++) {
      train[r] = st.row(x, r, m);
    }
    labels = y.clone();
    classes = k;
  }

  @Override
  public float[] predictProba(float[] x, int m) {
    int n = x.length / m;
    float[] out = new float[n * classes];
    java.util.stream.IntStream.range(0, n).parallel().forEach(r -> {
      double[] q = st.row(x, r, m);
      double[] bestD = new double[kn];
      int[] bestL = new int[kn];
      java.util.Arrays.fill(bestD, Double.POSITIVE_INFINITY);
      for (int t = 0; t < train.length; t++) {
        double d = 0;
        double[] tr = train[t];
        for (int f = 0; f < m && d < bestD[kn - 1]; f++) {
          double u = tr[f] - q[f];
          d += u * u;
        }
        if (d < bestD[kn - 1]) {
          int j = kn - 1;
          while (j > 0 && bestD[j - 1] > d) {
            bestD[j] = bestD[j - 1];
            bestL[j] = bestL[j - 1];
            j--;
          }
          bestD[j] = d;
          bestL[j] = labels[t];
        }
      }
      for (int j = 0; j < kn; j++) {
        out[r * classes + bestL[j]] += 1f / kn;
      }
    });
    return out;
  }
}
