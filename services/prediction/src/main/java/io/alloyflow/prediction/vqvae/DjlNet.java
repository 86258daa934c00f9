package io.alloyflow.prediction.vqvae;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.model.TorchRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the VQ-VAE and the PixelCNN prior share as DJL networks: one {@link Model} around one
 * fixed-shape block, Adam with a learning-rate tracker, and a folder holding
 * {@code NAME-0000.params} beside {@code NAME.json} (settings and training history).
 */
abstract class DjlNet implements AutoCloseable {

  /** The network's model (owns the parameters and their NDManager). */
  final Model model;

  DjlNet(Model model) {
    this.model = model;
  }

  /** A model named {@code name} on the PyTorch engine's default device around a block. */
  static Model newModel(String name, Block block) {
    var engine = TorchRuntime.engine();
    Model model = Model.newInstance(name, engine.defaultDevice(), engine.getEngineName());
    model.setBlock(block);
    return model;
  }

  /**
   * Adam with a learning-rate tracker; the losses are computed by the training loops themselves
   * (the configuration's loss, required by DJL, is not used).
   */
  static DefaultTrainingConfig adam(Tracker lr) {
    return new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(
        Adam.builder().optLearningRateTracker(lr).build());
  }

  /** Writes {@code name-0000.params} and {@code name.json} ({config, history}) to dir. */
  void saveTo(Path dir, String name, Object config, Object history) throws IOException {
    Files.createDirectories(dir);
    model.save(dir, name);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("config", config);
    meta.put("history", history);
    new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve(name + ".json").toFile(), meta);
  }

  /** Reads {@code name.json} of a saved network ({@code what} names it in errors). */
  static JsonNode readMeta(Path dir, String name, String what) throws IOException {
    Path meta = dir.resolve(name + ".json");
    if (!Files.isRegularFile(meta)) {
      throw new IOException("no " + what + " at " + dir + ": " + name + ".json is missing");
    }
    return new ObjectMapper().readTree(meta.toFile());
  }

  /**
   * A model around a freshly built block, initialised for the input shapes, with the saved
   * parameters {@code name-0000.params} of dir loaded into it.
   */
  static Model loadParams(Path dir, String name, String what, Block block, Shape... inputs)
      throws IOException {
    Model model = newModel(name, block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, inputs);
    try {
      model.load(dir, name);
    } catch (MalformedModelException e) {
      model.close();
      throw new IOException(what + " parameters at " + dir + " are damaged: " + e.getMessage(), e);
    }
    return model;
  }

  @Override
  public void close() {
    model.close();
  }
}
