package io.alloyflow.prediction.vqvae;

import io.alloyflow.prediction.imagemodels.ImageFeatures;
import io.alloyflow.prediction.imagemodels.StrainExplainer;
import io.alloyflow.prediction.shap.ShapPlots;
import io.alloyflow.prediction.shap.ShapValues;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SHAP explanations of the VQ-VAE + PixelCNN fracture-strain model over interpretable features:
 * the 20 image features of {@link ImageFeatures} (six players: martensite fraction, island size,
 * island spacing, banding, interface density, clustering) plus the area fraction of each of
 * {@value #CLUSTERS} clusters of the codebook ({@link CodeClusters}), one player each; a
 * {@link StrainExplainer} surrogate is fitted to the model's own predictions and explained with
 * Prediction I's exact Shapley values, its fidelity measured on maps it was not fitted on.
 */
public final class VqExplanations {

  /** Code clusters (players beside the six image-feature players). */
  public static final int CLUSTERS = 8;

  /** Folder and file of the mean |SHAP| bar chart inside a model folder. */
  public static final String PLOT = "explanation/shap-importance.png";

  /**
   * A fitted explanation.
   *
   * @param explainer the surrogate
   * @param clusters the code clusters
   * @param heldOut Shapley values of the held-out maps (those after the fit maps)
   */
  public record Result(StrainExplainer explainer, CodeClusters clusters, ShapValues heldOut) {}

  private VqExplanations() {}

  /** Image features followed by code-cluster areas of phase maps (the explainer's columns). */
  public static double[][] features(VqVae vq, CodeClusters clusters, List<int[]> maps,
      int side) {
    float[][] x = new float[maps.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = ImageFeatures.cnnInput(maps.get(i));
    }
    int[][] codes = vq.encode(x);
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double[] f = ImageFeatures.of(maps.get(i), side);
      double[] a = clusters.areas(codes[i]);
      out[i] = Arrays.copyOf(f, f.length + a.length);
      System.arraycopy(a, 0, out[i], f.length, a.length);
    }
    return out;
  }

  /**
   * Fits the explanation.
   *
   * @param vq the model's VQ-VAE
   * @param clusterMaps maps (CNN input form) whose codes weight and describe the code clusters
   * @param maps maps to fit (the first nFit) and to measure fidelity on (the rest)
   * @param y the model's predictions on those maps
   * @param nFit maps of the surrogate fit
   * @param seed seed of the clustering and the background summary
   * @param source where the maps come from (recorded in the explainer)
   */
  public static Result fit(VqVae vq, float[][] clusterMaps, List<int[]> maps, double[] y,
      int nFit, long seed, String source) {
    int side = vq.config().side();
    CodeClusters clusters = CodeClusters.fit(vq.codebook(), CLUSTERS, vq.encode(clusterMaps),
        clusterMaps, side, seed);
    double[][] raw = features(vq, clusters, maps, side);
    List<String> names = new ArrayList<>(ImageFeatures.NAMES);
    names.addAll(clusters.columns());
    List<List<String>> defs = new ArrayList<>(StrainExplainer.PLAYER_DEFS);
    for (int k = 0; k < clusters.count(); k++) {
      defs.add(List.of(clusters.playerNames().get(k), clusters.columns().get(k)));
    }
    StrainExplainer ex = StrainExplainer.fitOn(raw, names, defs, y, nFit, seed, source);
    ShapValues sv = ex.shapOfRows(Arrays.copyOfRange(raw, nFit, raw.length));
    return new Result(ex, clusters, sv);
  }

  /**
   * Fits the explanation on maps drawn from the training generator's parameter distribution
   * ({@link DpPhaseMaps.Params#random}; a quarter held out for the fidelity), predicted by the
   * model.
   */
  public static Result fitOnGenerator(LikelihoodRegressor model, int nMaps, long seed) {
    if (nMaps < 40) {
      throw new IllegalArgumentException("a surrogate needs >= 40 maps, found " + nMaps);
    }
    int side = model.vqvae().config().side();
    List<int[]> maps = new ArrayList<>();
    float[][] x = new float[nMaps][];
    for (int i = 0; i < nMaps; i++) {
      int[] m = DpPhaseMaps.generate(DpPhaseMaps.Params.random(side, seed, i), seed * 100_003L + i);
      maps.add(m);
      x[i] = ImageFeatures.cnnInput(m);
    }
    double[] y = Arrays.stream(model.predict(x)).mapToDouble(LikelihoodRegressor.Prediction::mean)
        .toArray();
    int nFit = nMaps - nMaps / 4;
    return fit(model.vqvae(), Arrays.copyOf(x, nFit), maps, y, nFit, seed,
        DpPhaseMaps.VERSION + " maps, generator seed " + seed);
  }

  /**
   * Writes {@code explainer.json}, {@code code-clusters.json} and the mean |SHAP| bar chart
   * ({@link #PLOT}) into a model folder; returns the numbers for the report.
   */
  public static Map<String, Object> write(Result r, Path dir, String what) throws IOException {
    StrainExplainer ex = r.explainer();
    double[] meanAbs = r.heldOut().meanAbs();
    ex.save(dir);
    r.clusters().save(dir);
    Path png = dir.resolve(PLOT);
    Files.createDirectories(png.getParent());
    int held = r.heldOut().values().length;
    Files.write(png, ShapPlots.importance(ex.players(), meanAbs, "strain", String.format(
        Locale.ROOT, "VQ-VAE + PixelCNN: mean |SHAP| over %d %s (surrogate fidelity R2 %.3f)",
        held, what, ex.fidelityR2())));
    Map<String, Object> er = new LinkedHashMap<>();
    er.put("source", ex.generator());
    er.put("fitMaps", ex.maps() - held);
    er.put("fidelityMaps", held);
    er.put("fidelityR2", ex.fidelityR2());
    er.put("fidelityMae", ex.fidelityMae());
    er.put("maxAdditivityError", r.heldOut().maxAdditivityError());
    Map<String, Double> ma = new LinkedHashMap<>();
    for (int p = 0; p < meanAbs.length; p++) {
      ma.put(ex.players().get(p), meanAbs[p]);
    }
    er.put("meanAbsShap", ma);
    er.put("clusterMartensiteShare", r.clusters().martensiteShare());
    er.put("clusterUsage", r.clusters().usage());
    return er;
  }
}
