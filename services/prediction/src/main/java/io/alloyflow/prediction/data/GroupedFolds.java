package io.alloyflow.prediction.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * K-fold assignment grouped by a key (the canonical alloy formula): every row of one group lands
 * in the same fold, so no alloy is in both train and test. Groups are shuffled with a seed and
 * dealt greedily to the currently smallest fold (balanced by row count, as scikit-learn's
 * GroupKFold balances by group size).
 */
public final class GroupedFolds {
  private GroupedFolds() {}

  /** Fold index (0..k-1) of each row. */
  public static int[] assign(List<String> groupKeys, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 folds, found " + k);
    }
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < groupKeys.size(); i++) {
      groups.computeIfAbsent(groupKeys.get(i), g -> new ArrayList<>()).add(i);
    }
    if (groups.size() < k) {
      throw new IllegalArgumentException(
          "need at least " + k + " distinct groups for " + k + "-fold CV, found " + groups.size());
    }
    List<List<Integer>> g = new ArrayList<>(groups.values());
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = g.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      List<Integer> t = g.get(i);
      g.set(i, g.get(j));
      g.set(j, t);
    }
    // larger groups first (stable after the shuffle), each to the smallest fold
    g.sort((a, b) -> Integer.compare(b.size(), a.size()));
    int[] sizes = new int[k];
    int[] fold = new int[groupKeys.size()];
    for (List<Integer> grp : g) {
      int best = 0;
      for (int f = 1; f < k; f++) {
        if (sizes[f] < sizes[best]) {
          best = f;
        }
      }
      for (int i : grp) {
        fold[i] = best;
      }
      sizes[best] += grp.size();
    }
    return fold;
  }

  /** Number of distinct groups per fold shared between train and test (always 0; for tests). */
  public static int leakedGroups(List<String> groupKeys, int[] fold) {
    Map<String, Integer> seen = new HashMap<>();
    int leaks = 0;
    for (int i = 0; i < fold.length; i++) {
      Integer prev = seen.putIfAbsent(groupKeys.get(i), fold[i]);
      if (prev != null && prev != fold[i]) {
        leaks++;
      }
    }
    return leaks;
  }
}
