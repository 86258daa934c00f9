package io.alloyflow.prediction.data;

import java.util.SplittableRandom;

/** In-place Fisher-Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P) of index arrays. */
public final class Shuffle {
  private Shuffle() {}

  /** Shuffles {@code a} in place, drawing {@code r.nextInt(i + 1)} for i from the last index down. */
  public static void inPlace(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
