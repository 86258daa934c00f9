package io.alloyflow.prediction.vqvae;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A property predicted from a phase map through the conditional likelihood of its code map, as in
 * Noguchi, Kondo, Sato and Ohno (2022) (VQ-VAE + PixelCNN on DP steel micrographs): with the
 * property binned by training quantiles, p(bin | map) is proportional to p(bin) p(codes | bin)^(1/T)
 * (Bayes; T a likelihood temperature, 1 unless chosen on validation maps), and the prediction is
 * the posterior mean of the bins' mean training labels (its spread is the posterior standard
 * deviation). The code-map log-likelihood is averaged over {@code tta} periodic shifts and mirror
 * images of the map (the label is invariant to both; the first version is the map itself). The
 * prior may be conditioned on one-hot bins (as in the paper) or on kernel-smoothed bin weights of
 * the exact label ({@link Bins#condition}); the likelihood of bin b is then taken at b's centre.
 *
 * <p>Critical regions: the per-position log-likelihood difference log p(c_i | c_&lt;i, top bin) -
 * log p(c_i | c_&lt;i, bottom bin) of the map's own code map; negative where the microstructure
 * looks like that of low-property maps.
 */
public final class LikelihoodRegressor implements AutoCloseable {

  /**
   * Property bins.
   *
   * @param edges the bins-1 inner edges (ascending): bin b holds edges[b-1] &lt;= y &lt; edges[b]
   * @param centres mean training label of each bin
   * @param prior fraction of training maps in each bin
   */
  public record Bins(double[] edges, double[] centres, double[] prior) {
    public Bins {
      if (centres.length < 2 || edges.length != centres.length - 1
          || prior.length != centres.length) {
        throw new IllegalArgumentException("bins need >= 2 centres, one prior each and one fewer"
            + " edges, found " + centres.length + " centres, " + prior.length + " priors, "
            + edges.length + " edges");
      }
    }

    /** Quantile bins of training labels. */
    public static Bins quantiles(double[] y, int bins) {
      if (bins < 2 || y.length < bins) {
        throw new IllegalArgumentException(
            "need >= 2 bins and at least one label per bin, found " + bins + " bins for "
                + y.length + " labels");
      }
      double[] s = y.clone();
      Arrays.sort(s);
      double[] edges = new double[bins - 1];
      for (int b = 1; b < bins; b++) {
        edges[b - 1] = s[(int) Math.round((double) b * s.length / bins)];
      }
      double[] sum = new double[bins];
      double[] cnt = new double[bins];
      Bins tmp = new Bins(edges, new double[bins], new double[bins]);
      for (double v : y) {
        int b = tmp.of(v);
        sum[b] += v;
        cnt[b]++;
      }
      double[] centres = new double[bins];
      double[] prior = new double[bins];
      for (int b = 0; b < bins; b++) {
        centres[b] = cnt[b] > 0 ? sum[b] / cnt[b]
            : b == 0 ? s[0] : b == bins - 1 ? s[s.length - 1] : (edges[b - 1] + edges[b]) / 2;
        prior[b] = (cnt[b] + 0.5) / (y.length + 0.5 * bins);
      }
      return new Bins(edges, centres, prior);
    }

    /** The bin of a label. */
    public int of(double y) {
      int b = 0;
      while (b < edges.length && y >= edges[b]) {
        b++;
      }
      return b;
    }

    public int count() {
      return centres.length;
    }

    /**
     * The label's position on the bin axis: 0 at the first bin's centre, b at bin b's centre,
     * linear in y between neighbouring centres, clamped to [0, bins - 1].
     */
    public double position(double y) {
      int last = centres.length - 1;
      if (!(y > centres[0])) {
        return 0;
      }
      if (y >= centres[last]) {
        return last;
      }
      int b = 0;
      while (b < last - 1 && y >= centres[b + 1]) {
        b++;
      }
      double span = centres[b + 1] - centres[b];
      return span > 0 ? b + (y - centres[b]) / span : b;
    }

    /**
     * The conditioning vector of a label: width 0 gives the one-hot vector of its bin; width w
     * &gt; 0 gives Gaussian weights exp(-(u - b)^2 / (2 w^2)) over the bins b, u = {@link
     * #position}(y), normalised to sum 1 (a kernel-smoothed, continuous form of the bin label:
     * the prior sees the exact training label, and neighbouring bins share statistics).
     */
    public float[] condition(double y, double width) {
      if (!(width >= 0) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("conditioning needs a finite label and a width >= 0,"
            + " found " + y + " and " + width);
      }
      float[] c = new float[centres.length];
      if (width == 0) {
        c[of(y)] = 1f;
        return c;
      }
      double u = position(y);
      double z = 0;
      double[] w = new double[c.length];
      for (int b = 0; b < c.length; b++) {
        w[b] = Math.exp(-0.5 * Math.pow((u - b) / width, 2));
        z += w[b];
      }
      for (int b = 0; b < c.length; b++) {
        c[b] = (float) (w[b] / z);
      }
      return c;
    }

    /** The conditioning vector of bin b itself (its centre label; one-hot when width is 0). */
    public float[] conditionOfBin(int b, double width) {
      if (width == 0) {
        float[] c = new float[centres.length];
        c[b] = 1f;
        return c;
      }
      return condition(centres[b], width);
    }
  }

  /**
   * One prediction.
   *
   * @param mean posterior mean of the property
   * @param sd posterior standard deviation over the bin centres
   * @param mapBin the most probable bin
   * @param posterior p(bin | map)
   */
  public record Prediction(double mean, double sd, int mapBin, double[] posterior) {}

  private final VqVae vq;
  private final PixelCnnPrior prior;
  private final Bins bins;
  private final int tta;
  private final double temperature;
  private final long seed;
  private final double conditioningWidth;

  /** A regressor over a trained VQ-VAE and a prior conditioned on one-hot bins. */
  public LikelihoodRegressor(VqVae vq, PixelCnnPrior prior, Bins bins, int tta,
      double temperature, long seed) {
    this(vq, prior, bins, tta, temperature, seed, 0);
  }

  /**
   * A regressor over a trained VQ-VAE and prior; {@code conditioningWidth} is the width the
   * prior was trained with ({@link Bins#condition}; 0: one-hot bins).
   */
  public LikelihoodRegressor(VqVae vq, PixelCnnPrior prior, Bins bins, int tta,
      double temperature, long seed, double conditioningWidth) {
    if (prior.config().bins() != bins.count() || prior.config().codes() != vq.config().codes()
        || prior.config().side() != vq.config().codeSide()) {
      throw new IllegalArgumentException("prior (" + prior.config().bins() + " bins, "
          + prior.config().codes() + " codes, side " + prior.config().side()
          + ") does not match the bins (" + bins.count() + ") or the VQ-VAE ("
          + vq.config().codes() + " codes, side " + vq.config().codeSide() + ")");
    }
    if (tta < 1 || !(temperature > 0) || !(conditioningWidth >= 0)) {
      throw new IllegalArgumentException("tta must be >= 1, temperature > 0 and the conditioning"
          + " width >= 0, found " + tta + ", " + temperature + " and " + conditioningWidth);
    }
    this.conditioningWidth = conditioningWidth;
    this.vq = vq;
    this.prior = prior;
    this.bins = bins;
    this.tta = tta;
    this.temperature = temperature;
    this.seed = seed;
  }

  public VqVae vqvae() {
    return vq;
  }

  public PixelCnnPrior prior() {
    return prior;
  }

  public Bins bins() {
    return bins;
  }

  public double temperature() {
    return temperature;
  }

  public double conditioningWidth() {
    return conditioningWidth;
  }

  /** A copy with another likelihood temperature (same networks). */
  public LikelihoodRegressor withTemperature(double t) {
    return new LikelihoodRegressor(vq, prior, bins, tta, t, seed, conditioningWidth);
  }

  private float[][] grid() {
    float[][] g = new float[bins.count()][];
    for (int b = 0; b < g.length; b++) {
      g[b] = bins.conditionOfBin(b, conditioningWidth);
    }
    return g;
  }

  /**
   * Mean over the test-time versions of the total code-map log-likelihood of each map under each
   * bin: {@code [map][bin]}.
   */
  public double[][] logLikelihoods(float[][] maps) {
    int side = vq.config().side();
    int len = side * side;
    float[][] versions = new float[maps.length * tta][];
    for (int i = 0; i < maps.length; i++) {
      if (maps[i].length != len) {
        throw new IllegalArgumentException("map " + i + " has " + maps[i].length
            + " values, the model expects " + len + " (" + side + " x " + side + ")");
      }
      SplittableRandom r = new SplittableRandom(seed + i);
      versions[i * tta] = maps[i];
      for (int a = 1; a < tta; a++) {
        versions[i * tta + a] = new float[len];
        Nn.shiftMirror(maps[i], side, versions[i * tta + a], 0, r);
      }
    }
    float[][][] ll = prior.logLikelihoodGrid(vq.encode(versions), grid());
    double[][] out = new double[maps.length][bins.count()];
    for (int i = 0; i < maps.length; i++) {
      for (int a = 0; a < tta; a++) {
        for (int b = 0; b < bins.count(); b++) {
          double s = 0;
          for (float v : ll[i * tta + a][b]) {
            s += v;
          }
          out[i][b] += s / tta;
        }
      }
    }
    return out;
  }

  /** Predictions from precomputed log-likelihoods ({@link #logLikelihoods}). */
  public Prediction[] fromLogLikelihoods(double[][] ll) {
    int nb = bins.count();
    Prediction[] out = new Prediction[ll.length];
    for (int i = 0; i < ll.length; i++) {
      double[] lp = new double[nb];
      double mx = -Double.MAX_VALUE;
      for (int b = 0; b < nb; b++) {
        lp[b] = Math.log(bins.prior()[b]) + ll[i][b] / temperature;
        mx = Math.max(mx, lp[b]);
      }
      double z = 0;
      double[] p = new double[nb];
      for (int b = 0; b < nb; b++) {
        p[b] = Math.exp(lp[b] - mx);
        z += p[b];
      }
      double mean = 0;
      int best = 0;
      for (int b = 0; b < nb; b++) {
        p[b] /= z;
        mean += p[b] * bins.centres()[b];
        if (p[b] > p[best]) {
          best = b;
        }
      }
      double var = 0;
      for (int b = 0; b < nb; b++) {
        var += p[b] * Math.pow(bins.centres()[b] - mean, 2);
      }
      out[i] = new Prediction(mean, Math.sqrt(var), best, p);
    }
    return out;
  }

  /** Predictions for maps. */
  public Prediction[] predict(float[][] maps) {
    return fromLogLikelihoods(logLikelihoods(maps));
  }

  /**
   * Per code position (code-map raster order) log p(c_i | c_&lt;i, top bin) - log p(c_i | c_&lt;i,
   * bottom bin) of the map's own code map (positive: the region looks like high-property maps).
   */
  public float[] criticalMap(float[] map) {
    int[][] codes = vq.encode(new float[][] {map});
    float[][] g = grid();
    float[][] ll = prior.logLikelihood(new int[][] {codes[0], codes[0]},
        new float[][] {g[g.length - 1], g[0]});
    float[] d = new float[ll[0].length];
    for (int q = 0; q < d.length; q++) {
      d[q] = ll[0][q] - ll[1][q];
    }
    return d;
  }

  /** Writes {@code vqvae/}, {@code prior/} and {@code likelihood-regressor.json} to dir. */
  public void save(Path dir) throws IOException {
    vq.save(dir.resolve("vqvae"));
    prior.save(dir.resolve("prior"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bins", bins);
    m.put("tta", tta);
    m.put("temperature", temperature);
    m.put("seed", seed);
    m.put("conditioningWidth", conditioningWidth);
    new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("likelihood-regressor.json").toFile(), m);
  }

  /** Loads a regressor saved by {@link #save}. */
  public static LikelihoodRegressor load(Path dir) throws IOException {
    Path meta = dir.resolve("likelihood-regressor.json");
    if (!Files.isRegularFile(meta)) {
      throw new IOException(
          "no VQ-VAE + PixelCNN model at " + dir + ": likelihood-regressor.json is missing");
    }
    ObjectMapper om = new ObjectMapper();
    var t = om.readTree(meta.toFile());
    Bins b = om.treeToValue(t.get("bins"), Bins.class);
    VqVae vq = VqVae.load(dir.resolve("vqvae"));
    PixelCnnPrior p = PixelCnnPrior.load(dir.resolve("prior"));
    return new LikelihoodRegressor(vq, p, b, t.get("tta").asInt(), t.get("temperature").asDouble(),
        t.get("seed").asLong(), t.path("conditioningWidth").asDouble(0));
  }

  @Override
  public void close() {
    vq.close();
    prior.close();
  }
}
