package io.alloyflow.workflows.campaign.opt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the next batch of points, aware of pending trials, by the kriging believer heuristic
 * (Ginsbourger, Le Riche and Carraro 2010, "Kriging is well-suited to parallelize optimization",
 * in Computational Intelligence in Expensive Optimization Problems, Springer, pp. 131-162):
 * every pending trial, and every point already chosen for this batch, is added to the data as a
 * fantasy observation equal to the surrogate's mean there, so the next choice is not drawn to the
 * same place. Each choice maximises the acquisition over a candidate pool: uniform random points
 * plus Gaussian perturbations of the best observed points and of the pool's best. Before enough
 * data exist ({@link #initialPoints}), points come from a Latin hypercube (McKay, Beckman and
 * Conover 1979, Technometrics 21:239). Deterministic for a given seed.
 */
public final class BatchProposer {
  /** Uniform random points in each pool. */
  static final int POOL = 512;
  /** Perturbations around each of the best points. */
  static final int LOCAL = 32;
  /** How many of the best observed points are perturbed. */
  static final int TOP = 5;

  private BatchProposer() {}

  /**
   * One proposal.
   *
   * @param unit the point in unit coordinates
   * @param mean surrogate mean at the point (NaN for space-filling points)
   * @param std surrogate standard deviation (NaN for space-filling points)
   * @param acquisition acquisition value when chosen (NaN for space-filling points)
   */
  public record Proposal(double[] unit, double mean, double std, double acquisition) {}

  /** Observations needed before the surrogate chooses: max(4, dimension + 2). */
  public static int initialPoints(int dimension) {
    return Math.max(4, dimension + 2);
  }

  /**
   * Proposes {@code n} points.
   *
   * @param dimension number of parameters
   * @param model trained surrogate
   * @param x observed points (unit coordinates)
   * @param y observed values (to maximise)
   * @param pending points whose measurement is awaited
   * @param n how many points
   * @param acquisition acquisition function
   * @param seed random seed
   */
  public static List<Proposal> propose(int dimension, GpEnsemble.Model model, List<double[]> x,
      double[] y, List<double[]> pending, int n, Acquisition acquisition, long seed) {
    if (n < 1 || n > 100) {
      throw new IllegalArgumentException("a batch must ask for 1..100 points, found " + n);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Proposal> out = new ArrayList<>();
    int have = y.length + pending.size();
    int initial = initialPoints(dimension);
    if (y.length < Math.min(3, initial) || have < initial) {
      // space filling until the surrogate has something to learn from
      int lhs = y.length < 3 ? n : Math.min(n, initial - have);
      for (double[] p : latinHypercube(dimension, lhs, rng)) {
        out.add(new Proposal(p, Double.NaN, Double.NaN, Double.NaN));
      }
      if (out.size() == n || y.length < 3) {
        return out;
      }
    }
    List<double[]> xs = new ArrayList<>(x);
    List<Double> ys = new ArrayList<>();
    for (double v : y) {
      ys.add(v);
    }
    GpEnsemble.Posterior post = GpEnsemble.posterior(model, x, y);
    // the incumbent is the best posterior mean at an observed point ("plug-in" EI for noisy
    // observations; Picheny, Wagner and Ginsbourger 2013, Struct. Multidisc. Optim. 48:607): the
    // largest noisy observation would overrate it
    double best = Double.NEGATIVE_INFINITY;
    for (double[] p : x) {
      best = Math.max(best, post.predict(p)[0]);
    }
    List<double[]> fantasies = new ArrayList<>(pending);
    for (Proposal p : out) {
      fantasies.add(p.unit());
    }
    for (double[] f : fantasies) {
      xs.add(f);
      ys.add(post.predict(f)[0]);
    }
    post = GpEnsemble.posterior(model, xs, unbox(ys));
    List<double[]> topObserved = topPoints(x, y, TOP);
    while (out.size() < n) {
      double bestAcq = Double.NEGATIVE_INFINITY;
      double[] bestPoint = null;
      double[] bestPred = null;
      List<double[]> pool = new ArrayList<>();
      for (int i = 0; i < POOL; i++) {
        pool.add(uniform(dimension, rng));
      }
      for (double[] c : topObserved) {
        for (int i = 0; i < LOCAL; i++) {
          pool.add(perturb(c, 0.05, rng));
        }
      }
      for (double[] c : pool) {
        double[] pred = post.predict(c);
        double a = acquisition.value(pred[0], pred[1], best);
        if (a > bestAcq) {
          bestAcq = a;
          bestPoint = c;
          bestPred = pred;
        }
      }
      // refine around the pool's best
      for (int i = 0; i < LOCAL; i++) {
        double[] c = perturb(bestPoint, 0.02, rng);
        double[] pred = post.predict(c);
        double a = acquisition.value(pred[0], pred[1], best);
        if (a > bestAcq) {
          bestAcq = a;
          bestPoint = c;
          bestPred = pred;
        }
      }
      out.add(new Proposal(bestPoint, bestPred[0], bestPred[1], bestAcq));
      xs.add(bestPoint);
      ys.add(bestPred[0]);
      post = GpEnsemble.posterior(model, xs, unbox(ys));
    }
    return out;
  }

  static double[] unbox(List<Double> v) {
    double[] a = new double[v.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = v.get(i);
    }
    return a;
  }

  static List<double[]> topPoints(List<double[]> x, double[] y, int k) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      idx.add(i);
    }
    idx.sort(Comparator.comparingDouble((Integer i) -> -y[i]));
    return idx.stream().limit(k).map(x::get).toList();
  }

  static double[] uniform(int d, SplittableRandom rng) {
    double[] p = new double[d];
    for (int i = 0; i < d; i++) {
      p[i] = rng.nextDouble();
    }
    return p;
  }

  static double[] perturb(double[] c, double sd, SplittableRandom rng) {
    double[] p = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      p[i] = Math.min(1, Math.max(0, c[i] + sd * gaussian(rng)));
    }
    return p;
  }

  static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** n points of a Latin hypercube in d dimensions. */
  static List<double[]> latinHypercube(int d, int n, SplittableRandom rng) {
    double[][] pts = new double[n][d];
    for (int j = 0; j < d; j++) {
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int k = rng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[k];
        perm[k] = t;
      }
      for (int i = 0; i < n; i++) {
        pts[i][j] = (perm[i] + rng.nextDouble()) / n;
      }
    }
    return List.of(pts);
  }
}
