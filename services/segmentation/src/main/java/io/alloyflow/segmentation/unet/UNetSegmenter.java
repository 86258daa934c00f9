package io.alloyflow.segmentation.unet;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.nn.UNetBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Applies a trained U-Net ({@link UNetBlock}) to micrographs with tiled, overlap-blended
 * inference ({@link TiledPredictor}). Load a model folder written by {@link UNetTrainer} with
 * {@link #load(Path)}; close the segmenter to free native memory. Not thread-safe: use one
 * instance per thread.
 */
public final class UNetSegmenter implements AutoCloseable {

  /** Parameter-file prefix inside a model folder ({@code unet-0000.params}). */
  public static final String PARAMS_PREFIX = "unet";

  private final Model model;
  private final UNetBlock block;
  private final UNetModelCard card;
  private int tileSize;
  private int tileOverlap;

  private UNetSegmenter(Model model, UNetBlock block, UNetModelCard card) {
    this.model = model;
    this.block = block;
    this.card = card;
    this.tileSize = card.tileSize();
    this.tileOverlap = card.tileOverlap();
  }

  /**
   * Loads a model folder (DJL parameter file + {@value UNetModelCard#FILE_NAME} sidecar).
   *
   * @throws IOException when the folder, sidecar or parameter file is missing or malformed
   */
  public static UNetSegmenter load(Path modelDir) throws IOException {
    if (!Files.isDirectory(modelDir)) {
      throw new IOException("U-Net model folder does not exist: " + modelDir);
    }
    UNetModelCard card = UNetModelCard.read(modelDir);
    Engine engine = TorchRuntime.engine();
    UNetBlock block = new UNetBlock(card.architecture());
    Model model = Model.newInstance("unet", engine.defaultDevice(), engine.getEngineName());
    model.setBlock(block);
    try {
      model.load(modelDir, PARAMS_PREFIX);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException(
          "cannot load U-Net parameters '" + card.parameterFile() + "' from " + modelDir
              + " for architecture " + card.architecture() + ": " + e.getMessage(), e);
    }
    return new UNetSegmenter(model, block, card);
  }

  /** Wraps an in-memory model (used by the trainer for validation). */
  static UNetSegmenter wrap(Model model, UNetBlock block, UNetModelCard card) {
    return new UNetSegmenter(model, block, card);
  }

  /** Provenance and architecture of the loaded model. */
  public UNetModelCard card() {
    return card;
  }

  /** Changes the inference tiling (tile side multiple of 2^depth, overlap < tile). */
  public UNetSegmenter tiling(int tile, int overlap) {
    new TiledPredictor(block, model.getNDManager(), card.architecture(), tile, overlap);
    this.tileSize = tile;
    this.tileOverlap = overlap;
    return this;
  }

  private TiledPredictor predictor() {
    return new TiledPredictor(
        block, model.getNDManager(), card.architecture(), tileSize, tileOverlap);
  }

  /** Class label map (tiled, overlap-blended). */
  public LabelMap segment(Micrograph m) {
    TiledPredictor.Result r = predictor().predict(m, false);
    return new LabelMap(m.width(), m.height(), r.labels(), card.classNames(), m.pixelSizeM());
  }

  /** Labels plus, when {@code probabilities}, per-class probabilities (tiled). */
  public TiledPredictor.Result predict(Micrograph m, boolean probabilities) {
    return predictor().predict(m, probabilities);
  }

  /** The whole image in one forward pass (for small images and for checking the tiling). */
  public TiledPredictor.Result predictUntiled(Micrograph m, boolean probabilities) {
    return predictor().predictWhole(m, probabilities);
  }

  /** Trainable scalars of the network. */
  public long parameterCount() {
    return block.parameterCount();
  }

  @Override
  public void close() {
    model.close();
  }
}
