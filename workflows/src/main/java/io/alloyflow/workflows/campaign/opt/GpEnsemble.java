package io.alloyflow.workflows.campaign.opt;

import java.util.ArrayList;
import java.util.List;

/**
 * The campaign's surrogate: an ensemble of Gaussian-process regressors with a Matérn 5/2 kernel
 * on the unit cube, one member per (length scale, noise) pair of a grid, weighted by its marginal
 * likelihood (the six heaviest kept) (Bayesian model averaging over the hyperparameters; Rasmussen and Williams 2006,
 * "Gaussian Processes for Machine Learning", ch. 2 and 5; Matérn 5/2 as recommended for Bayesian
 * optimisation by Snoek, Larochelle and Adams, NeurIPS 2012). The signal variance of each member
 * is its closed-form maximum-likelihood value. The ensemble's mean and standard deviation are the
 * mixture's (law of total variance), so they carry both the members' posterior spread and their
 * disagreement.
 *
 * <p>{@link #train} chooses the members' weights (the expensive part: every grid point is a
 * Cholesky factorisation); {@link #posterior} conditions a trained ensemble on any data, which is
 * also how pending trials are added as fantasies.
 */
public final class GpEnsemble {
  static final double[] LENGTH_SCALES = {0.06, 0.1, 0.15, 0.22, 0.33, 0.5, 0.75, 1.1, 1.6};
  static final double[] NOISES = {1e-4, 1e-3, 1e-2, 0.05, 0.2};
  /** Members weighing less than this fraction of the heaviest are dropped. */
  static final double MIN_RELATIVE_WEIGHT = 1e-3;
  /** At most this many members are kept (the heaviest). */
  static final int MAX_MEMBERS = 6;

  private GpEnsemble() {}

  /**
   * One member.
   *
   * @param lengthScale Matérn length scale in unit-cube coordinates
   * @param noise noise variance relative to the signal variance
   * @param weight posterior weight (members' weights sum to 1)
   */
  public record Member(double lengthScale, double noise, double weight) {
    public Member {
      if (!(lengthScale > 0) || !(noise > 0) || !(weight > 0) || weight > 1 + 1e-9) {
        throw new IllegalArgumentException("a member needs a positive length scale and noise and a weight in (0, 1], found "
            + lengthScale + ", " + noise + ", " + weight);
      }
    }
  }

  /**
   * A trained surrogate: its members and how many observations chose them.
   *
   * @param members members, weights summing to 1
   * @param trainedOn number of observations the weights were chosen on
   */
  public record Model(List<Member> members, int trainedOn) {
    public Model {
      if (members == null || members.isEmpty()) {
        throw new IllegalArgumentException("a surrogate needs at least one member");
      }
      members = List.copyOf(members);
    }

    /** The prior used before any training: one moderately smooth member. */
    public static Model prior() {
      return new Model(List.of(new Member(0.3, 1e-2, 1)), 0);
    }
  }

  /** Matérn 5/2 correlation at distance r with length scale l. */
  static double matern52(double r, double l) {
    double s = Math.sqrt(5) * r / l;
    return (1 + s + s * s / 3) * Math.exp(-s);
  }

  static double distance(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      double t = a[i] - b[i];
      d += t * t;
    }
    return Math.sqrt(d);
  }

  /** Lower Cholesky factor of a symmetric positive definite matrix (in a new array). */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new ArithmeticException("matrix is not positive definite at row " + i);
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** Solves L z = b. */
  static double[] forward(double[][] l, double[] b) {
    int n = b.length;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * z[k];
      }
      z[i] = s / l[i][i];
    }
    return z;
  }

  /** Solves L^T x = z. */
  static double[] backward(double[][] l, double[] z) {
    int n = z.length;
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  static double[][] correlation(List<double[]> x, double l, double noise) {
    int n = x.size();
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = matern52(distance(x.get(i), x.get(j)), l);
        k[i][j] = v;
        k[j][i] = v;
      }
      k[i][i] += noise + 1e-9;
    }
    return k;
  }

  static double[] standardized(double[] y) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    double sd = y.length > 1 ? Math.sqrt(var / (y.length - 1)) : 1;
    return new double[] {mean, sd > 0 ? sd : 1};
  }

  /**
   * Chooses the members' weights by the marginal likelihood of the observations.
   *
   * @param x observations in unit coordinates
   * @param y observed values
   */
  public static Model train(List<double[]> x, double[] y) {
    if (x.size() != y.length) {
      throw new IllegalArgumentException("expected as many values as points, found " + y.length + " and " + x.size());
    }
    if (y.length < 3) {
      return Model.prior();
    }
    double[] ms = standardized(y);
    double[] ys = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      ys[i] = (y[i] - ms[0]) / ms[1];
    }
    int n = y.length;
    List<double[]> scored = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (double l : LENGTH_SCALES) {
      for (double noise : NOISES) {
        double[][] ch;
        try {
          ch = cholesky(correlation(x, l, noise));
        } catch (ArithmeticException e) {
          continue;
        }
        double[] z = forward(ch, ys);
        double quad = 0;
        for (double v : z) {
          quad += v * v;
        }
        double logDet = 0;
        for (int i = 0; i < n; i++) {
          logDet += 2 * Math.log(ch[i][i]);
        }
        double s2 = quad / n;
        // profile log marginal likelihood with the signal variance at its maximum
        double lml = -0.5 * n * Math.log(s2) - 0.5 * logDet - 0.5 * n * (1 + Math.log(2 * Math.PI));
        scored.add(new double[] {l, noise, lml});
        best = Math.max(best, lml);
      }
    }
    if (scored.isEmpty()) {
      return Model.prior();
    }
    for (double[] s : scored) {
      s[2] = Math.exp(s[2] - best);
    }
    scored.sort((a, b) -> Double.compare(b[2], a[2]));
    List<double[]> keep = scored.stream()
        .filter(s -> s[2] >= MIN_RELATIVE_WEIGHT).limit(MAX_MEMBERS).toList();
    double kept = 0;
    for (double[] s : keep) {
      kept += s[2];
    }
    List<Member> members = new ArrayList<>();
    for (double[] s : keep) {
      members.add(new Member(s[0], s[1], Math.min(1, s[2] / kept)));
    }
    return new Model(members, n);
  }

  /**
   * The ensemble conditioned on data (observations, and fantasies for pending trials).
   *
   * @param model trained members
   * @param x points in unit coordinates
   * @param y values
   */
  public static Posterior posterior(Model model, List<double[]> x, double[] y) {
    return new Posterior(model, x, y);
  }

  /** A conditioned ensemble: predictive mean and standard deviation anywhere in the cube. */
  public static final class Posterior {
    private final Model model;
    private final List<double[]> x;
    private final double yMean;
    private final double ySd;
    private final List<double[][]> chol = new ArrayList<>();
    private final List<double[]> alpha = new ArrayList<>();
    private final List<Double> signal = new ArrayList<>();

    Posterior(Model model, List<double[]> x, double[] y) {
      this.model = model;
      this.x = List.copyOf(x);
      double[] ms = y.length == 0 ? new double[] {0, 1} : standardized(y);
      yMean = ms[0];
      ySd = ms[1];
      double[] ys = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        ys[i] = (y[i] - yMean) / ySd;
      }
      for (Member m : model.members()) {
        if (y.length == 0) {
          chol.add(new double[0][0]);
          alpha.add(new double[0]);
          signal.add(1.0);
          continue;
        }
        double[][] ch = cholesky(correlation(x, m.lengthScale(), m.noise()));
        double[] z = forward(ch, ys);
        double quad = 0;
        for (double v : z) {
          quad += v * v;
        }
        chol.add(ch);
        alpha.add(backward(ch, z));
        signal.add(Math.max(quad / y.length, 1e-6));
      }
    }

    /** {mean, standard deviation} of the latent objective at a point (unit coordinates). */
    public double[] predict(double[] p) {
      double mean = 0;
      double second = 0;
      int n = x.size();
      for (int m = 0; m < model.members().size(); m++) {
        Member mem = model.members().get(m);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = matern52(distance(p, x.get(i)), mem.lengthScale());
        }
        double mu = 0;
        double[] a = alpha.get(m);
        for (int i = 0; i < n; i++) {
          mu += r[i] * a[i];
        }
        double reduce = 0;
        if (n > 0) {
          double[] v = forward(chol.get(m), r);
          for (double t : v) {
            reduce += t * t;
          }
        }
        double var = signal.get(m) * Math.max(1e-12, 1 - reduce);
        double muY = yMean + ySd * mu * (n == 0 ? 0 : 1);
        double varY = var * ySd * ySd;
        mean += mem.weight() * muY;
        second += mem.weight() * (varY + muY * muY);
      }
      double var = Math.max(0, second - mean * mean);
      return new double[] {mean, Math.sqrt(var)};
    }
  }
}
