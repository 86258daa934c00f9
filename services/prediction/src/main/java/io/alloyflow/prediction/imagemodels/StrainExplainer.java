package io.alloyflow.prediction.imagemodels;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.model.FlatBatchModel;
import io.alloyflow.prediction.shap.ExactShap;
import io.alloyflow.prediction.shap.ShapValues;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shapley explanations of an image model's prediction over interpretable microstructure features,
 * through a global surrogate (a "model of the model": M. W. Craven and J. W. Shavlik, NIPS 1995;
 * C. Molnar, "Interpretable Machine Learning", 2022, ch. 8.6).
 *
 * <p>The CNN sees pixels, and Shapley values need players that can be switched on and off; pixels
 * are no answer to "why". So a ridge regression (standardised {@link ImageFeatures} and their
 * squares, CV-chosen penalty) is fitted to the CNN's own predictions on phase maps drawn from the
 * training generator's parameter distribution ({@link DpPhaseMaps.Params#random}, other seeds
 * than the training data), and its fidelity (R2 and MAE against the CNN on a quarter of the maps
 * held out from the surrogate fit) is stated with every explanation. The surrogate is explained
 * with Prediction I's exact interventional Shapley values ({@link ExactShap}) over six players,
 * each a group of feature columns, against a weighted background of medoids of the fit maps'
 * features; additivity (base + sum = surrogate output) is checked to 1e-6 there. Because the
 * surrogate is additive over features, each player's value is its centred contribution, and the
 * Shapley value of a mean over cells is the mean of the cells' values.
 *
 * <p>The morphology features are strongly tied to the martensite fraction (at a given island
 * size, the ferrite chord shrinks as the fraction grows), and interventional Shapley values split
 * the effect of correlated features arbitrarily between them. So every feature but the fraction
 * enters as its residual from a quadratic fit on the fraction over the fit maps: the fraction
 * player carries everything the fraction implies, and "island spacing" means spacing beyond what
 * the fraction implies (a sequential, fraction-first attribution of the kind discussed by
 * Aas, Jullum and Loland, Artif. Intell. 298 (2021) 103502).
 *
 * @param featureNames feature columns ({@link ImageFeatures#NAMES})
 * @param players player names
 * @param playerColumns feature columns of each player
 * @param fractionFit per feature {a, b, c} of its fit a + b f + c f^2 on the fraction f (zeros
 *     for the fraction itself); the surrogate sees the residuals
 * @param ridge surrogate on the (residual) features followed by their squares
 * @param background background rows (fraction and residual features)
 * @param backgroundWeights their weights (sum 1)
 * @param fidelityR2 R2 of the surrogate against the CNN on the held-out maps
 * @param fidelityMae mean absolute difference surrogate - CNN on the held-out maps
 * @param maps maps used (fit + held out)
 * @param seed generator seed of the maps
 * @param generator generator version of the maps
 */
public record StrainExplainer(
    List<String> featureNames,
    List<String> players,
    int[][] playerColumns,
    double[][] fractionFit,
    Ridge ridge,
    double[][] background,
    double[] backgroundWeights,
    double fidelityR2,
    double fidelityMae,
    int maps,
    long seed,
    String generator) {

  /** File name inside a model folder. */
  public static final String FILE = "explainer.json";

  /** Players of the image features: name and the feature-name prefixes they hold. */
  public static final List<List<String>> PLAYER_DEFS = List.of(
      List.of("martensite fraction", "martensite_fraction"),
      List.of("island size | fraction", "martensite_chord_", "island_count_per_kpx", "mean_island_area"),
      List.of("island spacing | fraction", "ferrite_chord_"),
      List.of("banding | fraction", "banding_index"),
      List.of("interface density | fraction", "interface_density"),
      List.of("clustering | fraction", "s2_", "local_fraction_"));

  public StrainExplainer {
    featureNames = List.copyOf(featureNames);
    players = List.copyOf(players);
    if (players.size() != playerColumns.length || background.length != backgroundWeights.length
        || background.length == 0 || ridge.coef().length != 2 * featureNames.size()
        || fractionFit.length != featureNames.size()) {
      throw new IllegalArgumentException("inconsistent explainer: " + players.size() + " players, "
          + playerColumns.length + " column groups, " + background.length + " background rows, "
          + backgroundWeights.length + " weights, " + ridge.coef().length + " coefficients for "
          + featureNames.size() + " features (expected twice as many)");
    }
  }

  /**
   * Fits the surrogate to a model's predictions.
   *
   * @param model the image model (cells of side {@code side} in, property out)
   * @param side cell side
   * @param nMaps maps to draw (a quarter held out for the fidelity), &gt;= 40
   * @param seed generator seed
   */
  public static StrainExplainer fit(java.util.function.Function<float[][], double[]> model, int side,
      int nMaps, long seed) {
    if (nMaps < 40) {
      throw new IllegalArgumentException("a surrogate needs >= 40 maps, found " + nMaps);
    }
    double[][] f = new double[nMaps][];
    float[][] x = new float[nMaps][];
    for (int i = 0; i < nMaps; i++) {
      int[] m = DpPhaseMaps.generate(DpPhaseMaps.Params.random(side, seed, i), seed * 100_003L + i);
      f[i] = ImageFeatures.of(m, side);
      x[i] = ImageFeatures.cnnInput(m);
    }
    double[] y = model.apply(x);
    return fitOn(f, ImageFeatures.NAMES, PLAYER_DEFS, y, nMaps - nMaps / 4, seed,
        DpPhaseMaps.VERSION);
  }

  /**
   * Fits the surrogate to a model's predictions on given maps' raw features.
   *
   * @param raw raw feature rows (column 0: martensite fraction), one per map
   * @param names feature column names
   * @param playerDefs per player its name followed by the column-name prefixes it holds; every
   *     column must belong to one player
   * @param y the model's predictions on the maps
   * @param nFit the first nFit maps fit the surrogate, the rest measure its fidelity (&gt;= 10)
   * @param seed seed of the background summary
   * @param generator where the maps come from (recorded)
   */
  public static StrainExplainer fitOn(double[][] raw, List<String> names,
      List<List<String>> playerDefs, double[] y, int nFit, long seed, String generator) {
    int nMaps = raw.length;
    if (y.length != nMaps || nFit < 20 || nMaps - nFit < 10) {
      throw new IllegalArgumentException("a surrogate needs one prediction per map, >= 20 fit maps"
          + " and >= 10 held-out maps, found " + nMaps + " maps, " + y.length + " predictions, "
          + nFit + " to fit");
    }
    double[][] f = new double[nMaps][];
    for (int i = 0; i < nMaps; i++) {
      if (raw[i].length != names.size()) {
        throw new IllegalArgumentException("feature row " + i + " has " + raw[i].length
            + " values for " + names.size() + " names");
      }
      f[i] = raw[i].clone();
    }
    double[][] fracFit = fractionFits(java.util.Arrays.copyOf(f, nFit));
    for (int i = 0; i < nMaps; i++) {
      f[i] = residuals(fracFit, f[i]);
    }
    double[][] fx = new double[nFit][];
    double[] fy = new double[nFit];
    for (int i = 0; i < nFit; i++) {
      fx[i] = expand(f[i]);
      fy[i] = y[i];
    }
    Ridge ridge = Ridge.fit(fx, fy);
    double[] yh = new double[nMaps - nFit];
    double[] pe = new double[nMaps - nFit];
    double mae = 0;
    for (int i = nFit; i < nMaps; i++) {
      yh[i - nFit] = y[i];
      pe[i - nFit] = ridge.predict(expand(f[i]));
      mae += Math.abs(pe[i - nFit] - y[i]) / (nMaps - nFit);
    }
    HeldOut.Score s = HeldOut.score("surrogate", yh, pe, 0);
    List<String> pn = new ArrayList<>();
    int[][] cols = new int[playerDefs.size()][];
    boolean[] used = new boolean[names.size()];
    for (int p = 0; p < playerDefs.size(); p++) {
      List<Integer> c = new ArrayList<>();
      for (int j = 0; j < names.size(); j++) {
        for (String pre : playerDefs.get(p).subList(1, playerDefs.get(p).size())) {
          if (names.get(j).startsWith(pre) && !used[j]) {
            c.add(j);
            used[j] = true;
          }
        }
      }
      pn.add(playerDefs.get(p).get(0));
      cols[p] = c.stream().mapToInt(Integer::intValue).toArray();
    }
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        throw new IllegalArgumentException("feature " + names.get(j) + " belongs to no player");
      }
    }
    io.alloyflow.prediction.shap.Background bg = io.alloyflow.prediction.shap.Background.summarise(
        java.util.Arrays.copyOf(f, nFit), 16, seed);
    return new StrainExplainer(names, pn, cols, fracFit, ridge, bg.rows(), bg.weights(), s.r2(),
        mae, nMaps, seed, generator);
  }

  /** Least-squares quadratic fit of every feature on the fraction (column 0). */
  static double[][] fractionFits(double[][] rows) {
    int d = rows[0].length;
    double[][] out = new double[d][3];
    double[][] a = new double[3][3];
    for (double[] r : rows) {
      double[] b = {1, r[0], r[0] * r[0]};
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
          a[i][k] += b[i] * b[k];
        }
      }
    }
    for (int j = 1; j < d; j++) {
      double[] rhs = new double[3];
      for (double[] r : rows) {
        double[] b = {1, r[0], r[0] * r[0]};
        for (int i = 0; i < 3; i++) {
          rhs[i] += b[i] * r[j];
        }
      }
      out[j] = solve3(a, rhs);
    }
    return out;
  }

  private static double[] solve3(double[][] a0, double[] b0) {
    double[][] a = new double[3][];
    for (int i = 0; i < 3; i++) {
      a[i] = java.util.Arrays.copyOf(a0[i], 4);
      a[i][3] = b0[i];
    }
    for (int c = 0; c < 3; c++) {
      int piv = c;
      for (int r = c + 1; r < 3; r++) {
        piv = Math.abs(a[r][c]) > Math.abs(a[piv][c]) ? r : piv;
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      if (Math.abs(a[c][c]) < 1e-300) {
        throw new IllegalArgumentException("the fit maps' fractions do not vary: cannot fit on the fraction");
      }
      for (int r = 0; r < 3; r++) {
        if (r != c) {
          double m = a[r][c] / a[c][c];
          for (int k = c; k < 4; k++) {
            a[r][k] -= m * a[c][k];
          }
        }
      }
    }
    return new double[] {a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]};
  }

  /** The fraction followed by every other feature's residual from its fit on the fraction. */
  static double[] residuals(double[][] fit, double[] raw) {
    double[] r = raw.clone();
    double f = raw[0];
    for (int j = 1; j < raw.length; j++) {
      r[j] = raw[j] - (fit[j][0] + fit[j][1] * f + fit[j][2] * f * f);
    }
    return r;
  }

  /** Features followed by their squares (the surrogate's inputs). */
  static double[] expand(double[] f) {
    double[] e = new double[2 * f.length];
    for (int j = 0; j < f.length; j++) {
      e[j] = f[j];
      e[f.length + j] = f[j] * f[j];
    }
    return e;
  }

  /** The surrogate's output for rows of (residual) surrogate inputs. */
  public double[] surrogate(double[][] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = ridge.predict(expand(rows[i]));
    }
    return out;
  }

  /**
   * The mean explanation of a set of cells.
   *
   * @param players player names
   * @param base expected surrogate output over the background
   * @param values mean Shapley value per player over the cells (property units)
   * @param surrogateMean mean surrogate output over the cells ({@code base + sum(values)})
   * @param maxAdditivityError largest relative additivity error over the cells
   */
  public record Explanation(List<String> players, double base, double[] values, double surrogateMean,
      double maxAdditivityError) {}

  /** Explains cells (side x side, 0/1) through the surrogate. */
  public Explanation explain(List<int[]> cells, int side) {
    if (!featureNames.equals(ImageFeatures.NAMES)) {
      throw new IllegalArgumentException("this explainer's features " + featureNames
          + " are not only the image features: explain it from feature rows (explainRows)");
    }
    double[][] rows = new double[cells.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = ImageFeatures.of(cells.get(i), side);
    }
    return explainRows(rows);
  }

  /** Per-cell Shapley values of raw feature rows (columns {@link #featureNames}). */
  public ShapValues shapOfRows(double[][] raw) {
    if (raw.length == 0) {
      throw new IllegalArgumentException("nothing to explain: no cells");
    }
    double[][] rows = new double[raw.length][];
    for (int i = 0; i < rows.length; i++) {
      if (raw[i].length != featureNames.size()) {
        throw new IllegalArgumentException("feature row " + i + " has " + raw[i].length
            + " values, the explainer expects " + featureNames.size() + " " + featureNames);
      }
      rows[i] = residuals(fractionFit, raw[i]);
    }
    FlatBatchModel m = new FlatBatchModel() {
      @Override
      public double[] predict(double[][] x) {
        return surrogate(x);
      }

      @Override
      public double[] predictFlat(double[] flat, int n, int d) {
        double[] out = new double[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
          System.arraycopy(flat, i * d, row, 0, d);
          out[i] = ridge.predict(expand(row));
        }
        return out;
      }
    };
    return ExactShap.explain(m, rows, background, backgroundWeights, playerColumns,
        players);
  }

  /** The mean explanation of raw feature rows (columns {@link #featureNames}). */
  public Explanation explainRows(double[][] raw) {
    ShapValues sv = shapOfRows(raw);
    double[][] rows = raw;
    double[] mean = new double[players.size()];
    double sm = 0;
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += sv.values()[i][j] / rows.length;
      }
      sm += sv.predictions()[i] / rows.length;
    }
    return new Explanation(players, sv.base(), mean, sm, sv.maxAdditivityError());
  }

  /** Writes {@link #FILE} into dir. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), this);
  }

  /** Reads {@link #FILE} from a model folder. */
  public static StrainExplainer load(Path dir) throws IOException {
    Path p = dir.resolve(FILE);
    if (!Files.isRegularFile(p)) {
      throw new IOException("no explainer in " + dir + " (" + FILE + " is missing)");
    }
    return new ObjectMapper().readValue(p.toFile(), StrainExplainer.class);
  }
}
