package io.alloyflow.prediction.imagemodels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fracture strain of a measured dual-phase steel phase map from a direct CNN trained on
 * periodic synthetic cells ({@link ConvRegressor}, a model folder with {@code image-model.json}).
 *
 * <p><b>Scale.</b> The model's cells have a nominal pixel size ({@code pixelSizeUm} of {@code
 * image-model.json}; {@link io.alloyflow.synthetic.micromech.DpPhaseMaps#NOMINAL_PIXEL_UM}); the
 * analysis' phase map is resampled to it ({@link PhaseMapTiles#resample}, area-weighted,
 * fraction-preserving) and cut into whole cells of the training side.
 *
 * <p><b>Aggregation and uncertainty.</b> Every cell is predicted; the sample's value is the mean
 * over cells (the fracture strain of a representative cell), with two parts of uncertainty: the
 * model error of one cell, the held-out RMSE of the model against solver labels from its {@code
 * report.json} (taken as fully correlated between cells, so not reduced by averaging), and the
 * sampling error of the mean over cells, sd(cells)/sqrt(n). The direct CNN is a single network:
 * there is no ensemble or posterior spread, and the stated numbers say so. The weakest cell (the
 * smallest predicted strain) is reported beside the mean.
 *
 * <p><b>Critical regions.</b> Occlusion sensitivity (M. D. Zeiler and R. Fergus, ECCV 2014): for
 * every 4 x 4 px block of a cell that holds martensite, the block is set to ferrite and the cell
 * predicted again; {@code effect = p(cell) - p(cell without that martensite)}, negative where the
 * martensite there lowers the predicted fracture strain (shown red by {@code CriticalRegions}).
 */
public final class TiledFractureStrain implements AutoCloseable {

  /** Block side of the occlusion map, pixels. */
  public static final int BLOCK = 4;

  /** Name of the model's score row in report.json whose RMSE is the per-cell model error. */
  static final String CNN_SCORE = "2D CNN (direct)";

  private final Path dir;
  private final ConvRegressor cnn;
  private final int side;
  private final double pixelUm;
  private final double modelRmse;
  private final double trainLo;
  private final double trainHi;
  private final StrainExplainer explainer;

  private TiledFractureStrain(Path dir, ConvRegressor cnn, int side, double pixelUm, double rmse,
      double lo, double hi, StrainExplainer explainer) {
    this.dir = dir;
    this.cnn = cnn;
    this.side = side;
    this.pixelUm = pixelUm;
    this.modelRmse = rmse;
    this.trainLo = lo;
    this.trainHi = hi;
    this.explainer = explainer;
  }

  /**
   * Loads a direct-CNN fracture-strain model folder.
   *
   * @throws IOException when the folder is not such a model (what is missing is named)
   */
  public static TiledFractureStrain load(Path dir) throws IOException {
    ObjectMapper om = new ObjectMapper();
    Path kindFile = dir.resolve("image-model.json");
    if (!Files.isRegularFile(kindFile)) {
      throw new IOException("no image model at " + dir + " (image-model.json is missing)");
    }
    JsonNode kind = om.readTree(kindFile.toFile());
    if (!kind.path("property").asText().equals("fracture-strain") || kind.path("dims").asInt() != 2) {
      throw new IOException("model at " + dir + " predicts '" + kind.path("property").asText()
          + "' from " + kind.path("dims").asInt() + "D input, not fracture-strain from 2D phase maps");
    }
    if (kind.has("method") && !kind.path("method").asText().equals("cnn")) {
      throw new IOException("model at " + dir + " is a " + kind.path("method").asText()
          + " model; phase-map prediction uses a direct CNN");
    }
    double px = kind.path("pixelSizeUm").asDouble(Double.NaN);
    if (!(px > 0)) {
      throw new IOException("model at " + dir + " does not state the pixel size of its training"
          + " cells (pixelSizeUm in image-model.json), so a measured phase map cannot be scaled to it");
    }
    JsonNode rep = om.readTree(dir.resolve("report.json").toFile());
    double rmse = Double.NaN;
    for (JsonNode s : rep.path("scores")) {
      if (s.path("model").asText().equals(CNN_SCORE)) {
        rmse = s.path("rmse").asDouble();
      }
    }
    if (!(rmse > 0)) {
      throw new IOException("report.json of " + dir + " has no held-out RMSE for '" + CNN_SCORE + "'");
    }
    double lo = kind.path("trainingFractionRange").path(0).asDouble(0.10);
    double hi = kind.path("trainingFractionRange").path(1).asDouble(0.50);
    StrainExplainer ex = Files.isRegularFile(dir.resolve(StrainExplainer.FILE))
        ? StrainExplainer.load(dir) : null;
    ConvRegressor cnn = ConvRegressor.load(dir);
    return new TiledFractureStrain(dir, cnn, kind.path("side").asInt(), px, rmse, lo, hi, ex);
  }

  /** Cell side of the model, pixels. */
  public int side() {
    return side;
  }

  /** Nominal pixel size of the training cells, um. */
  public double pixelUm() {
    return pixelUm;
  }

  /** Held-out RMSE of the model against solver labels (per cell). */
  public double modelRmse() {
    return modelRmse;
  }

  /** The surrogate explainer shipped with the model, or null. */
  public StrainExplainer explainer() {
    return explainer;
  }

  /** The model folder. */
  public Path dir() {
    return dir;
  }

  /**
   * A prediction.
   *
   * @param mean mean predicted fracture strain over cells
   * @param tileSd standard deviation of the cells' predictions
   * @param samplingStd tileSd / sqrt(cells)
   * @param modelStd per-cell model error (held-out RMSE)
   * @param std sqrt(samplingStd^2 + modelStd^2)
   * @param weakest smallest cell prediction
   * @param tiles the cells
   * @param resampled the resampled map
   * @param cellPredictions prediction per cell (cell order of {@code tiles})
   * @param cellFractions martensite fraction per cell
   * @param outsideTraining cells whose martensite fraction is outside the training range
   * @param effect occlusion effect per 4x4 block of the mosaic ({@code tilesX*side/4} across)
   */
  public record Result(double mean, double tileSd, double samplingStd, double modelStd, double std,
      double weakest, PhaseMapTiles.Tiles tiles, PhaseMapTiles.Resampled resampled,
      double[] cellPredictions, double[] cellFractions, int outsideTraining, float[] effect) {

    /** Lower end of the 95 % interval (normal). */
    public double lo95() {
      return mean - 1.959964 * std;
    }

    /** Upper end of the 95 % interval (normal). */
    public double hi95() {
      return mean + 1.959964 * std;
    }
  }

  /**
   * Predicts from a 0/1 phase map measured at {@code pixelUm}.
   *
   * @throws IllegalArgumentException when the map is not 0/1, its pixel size is not positive, or
   *     it is smaller than one training cell
   */
  public Result predict(int[] map, int width, int height, double mapPixelUm) {
    PhaseMapTiles.Resampled r = PhaseMapTiles.resample(map, width, height, mapPixelUm, pixelUm);
    PhaseMapTiles.Tiles t = PhaseMapTiles.tile(r, side);
    int n = t.cells().size();
    int blocks = side / BLOCK;
    List<float[]> inputs = new ArrayList<>();
    List<int[]> owners = new ArrayList<>(); // {cell, block} of each occluded input
    double[] frac = new double[n];
    for (int c = 0; c < n; c++) {
      int[] cell = t.cells().get(c);
      inputs.add(ImageFeatures.cnnInput(cell));
      for (int v : cell) {
        frac[c] += v;
      }
      frac[c] /= cell.length;
    }
    for (int c = 0; c < n; c++) {
      int[] cell = t.cells().get(c);
      for (int by = 0; by < blocks; by++) {
        for (int bx = 0; bx < blocks; bx++) {
          float[] x = ImageFeatures.cnnInput(cell);
          boolean any = false;
          for (int y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
            for (int xx = bx * BLOCK; xx < (bx + 1) * BLOCK; xx++) {
              any |= x[y * side + xx] > 0;
              x[y * side + xx] = 0;
            }
          }
          if (any) {
            inputs.add(x);
            owners.add(new int[] {c, by * blocks + bx});
          }
        }
      }
    }
    double[] p = cnn.predict(inputs.toArray(new float[0][]));
    double[] cellP = java.util.Arrays.copyOf(p, n);
    int mosaicBlocksX = t.tilesX() * blocks;
    float[] effect = new float[mosaicBlocksX * t.tilesY() * blocks];
    for (int k = 0; k < owners.size(); k++) {
      int c = owners.get(k)[0];
      int b = owners.get(k)[1];
      int gx = (c % t.tilesX()) * blocks + b % blocks;
      int gy = (c / t.tilesX()) * blocks + b / blocks;
      effect[gy * mosaicBlocksX + gx] = (float) (cellP[c] - p[n + k]);
    }
    double mean = 0;
    double weakest = Double.POSITIVE_INFINITY;
    int outside = 0;
    for (int c = 0; c < n; c++) {
      mean += cellP[c] / n;
      weakest = Math.min(weakest, cellP[c]);
      outside += frac[c] < trainLo - 1e-9 || frac[c] > trainHi + 1e-9 ? 1 : 0;
    }
    double var = 0;
    for (double v : cellP) {
      var += (v - mean) * (v - mean);
    }
    double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
    double sampling = sd / Math.sqrt(n);
    double std = Math.sqrt(sampling * sampling + modelRmse * modelRmse);
    return new Result(mean, sd, sampling, modelRmse, std, weakest, t, r, cellP, frac, outside, effect);
  }

  /** Training range of the cells' martensite fraction, {lo, hi}. */
  public double[] trainingFractionRange() {
    return new double[] {trainLo, trainHi};
  }

  /** One short line for people: value, uncertainty, cells. */
  public static String describe(Result r, double pixelUm, int side) {
    return String.format(Locale.ROOT, "fracture strain %.3f +- %.3f: %d cells of %d um, weakest %.3f",
        r.mean(), r.std(), r.cellPredictions().length, Math.round(side * pixelUm), r.weakest());
  }

  @Override
  public void close() {
    cnn.close();
  }
}
