package io.alloyflow.segmentation.unet;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.nn.UNetBlock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bridge to training the same {@link UNetBlock} network on an accelerator outside the JVM (DJL's
 * PyTorch engine here runs on CPU only, and a CPU run of a few hundred steps does not converge).
 * {@link #exportDataset} writes labelled images, already normalised by {@link
 * IntensityNormalizer} exactly as {@link TiledPredictor} will see them, to one NumPy {@code .npz}
 * file; an external trainer ({@code bench/unet/gpu/train_unet_torch.py}) trains the mirrored
 * architecture and writes its weights as safetensors under DJL's parameter names; {@link
 * #importWeights} copies them into a {@link UNetBlock} (checking every name and shape), saves a
 * normal model folder and writes a {@link UNetModelCard} whose provenance names the external
 * trainer, its device and its data hashes. Inference and evaluation then run here, through DJL.
 */
public final class ExternalTraining {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The augmentation of {@code train_unet_torch.py} in this package's terms (D4, flips, scale
   * 0.8-1.25, contrast 0.75-1.33, brightness 0.1, Poisson p 0.3 at 20-200 counts, Gaussian
   * sigma 0.04); its extra +-10 degree rotations are named in the card's engine text.
   */
  static final AugmentationSettings EXTERNAL_AUGMENTATION =
      new AugmentationSettings(true, true, 0.8, 1.25, 0.75, 1.33, 0.1, 0.3, 20, 200, 0.04);

  private ExternalTraining() {}

  /** One labelled image of a split to export. */
  public record Labelled(String split, String name, Micrograph image, LabelMap mask) {}

  /**
   * Writes {@code SPLIT_I_image} (float32, H x W, normalised to about [0, 1]) and {@code
   * SPLIT_I_mask} (int32, H x W, -1 = ignore) arrays to {@code npz}, and {@code npz + ".json"}
   * with names, sizes and SHA-256 hashes (the same hashes the Java trainer records).
   */
  public static void exportDataset(List<Labelled> items, Path npz) throws IOException {
    Map<String, Integer> perSplit = new HashMap<>();
    List<Map<String, Object>> index = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager(TorchRuntime.engine().getEngineName())) {
      NDList list = new NDList();
      for (Labelled it : items) {
        int i = perSplit.merge(it.split(), 1, Integer::sum) - 1;
        Micrograph img = it.image();
        float[] norm = IntensityNormalizer.of(img).applyAll(img.pixels());
        Shape shape = new Shape(img.height(), img.width());
        NDArray a = m.create(norm, shape);
        a.setName(it.split() + "_" + i + "_image");
        NDArray b = m.create(it.mask().labels(), shape);
        b.setName(it.split() + "_" + i + "_mask");
        list.add(a);
        list.add(b);
        UNetModelCard.DataHash h = UNetTrainer.hash(it.split(), i, img, it.mask());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("split", it.split());
        e.put("index", i);
        e.put("name", it.name());
        e.put("width", img.width());
        e.put("height", img.height());
        e.put("imageSha256", h.imageSha256());
        e.put("maskSha256", h.maskSha256());
        index.add(e);
      }
      Files.createDirectories(npz.toAbsolutePath().getParent());
      try (var out = Files.newOutputStream(npz)) {
        list.encode(out, NDList.Encoding.NPZ);
      }
    }
    MAPPER.writeValue(Path.of(npz + ".json").toFile(), Map.of("items", index,
        "normalization", UNetTrainer.normalizationText()));
  }

  /**
   * Builds a model folder from externally trained weights.
   *
   * @param weightsDir folder with one or more {@code *.safetensors} files holding every parameter
   *     of the network under DJL's parameter names, and {@code train-log.json} written by the
   *     external trainer (architecture, class names, settings, history, validation metrics)
   * @param outDir model folder to write (DJL parameter file + sidecar)
   * @return the sidecar written
   * @throws IOException when a file is missing or a parameter is missing or has the wrong shape
   */
  public static UNetModelCard importWeights(Path weightsDir, Path outDir) throws IOException {
    Path logFile = weightsDir.resolve("train-log.json");
    if (!Files.isRegularFile(logFile)) {
      throw new IOException("no train-log.json in " + weightsDir
          + " (expected the log written by bench/unet/gpu/train_unet_torch.py)");
    }
    JsonNode log = MAPPER.readTree(logFile.toFile());
    JsonNode a = log.path("architecture");
    UNetArchitecture arch = new UNetArchitecture(a.path("inChannels").asInt(1),
        a.path("numClasses").asInt(), a.path("baseChannels").asInt(), a.path("depth").asInt());
    List<String> classNames = new ArrayList<>();
    log.path("classNames").forEach(n -> classNames.add(n.asText()));
    List<Path> files;
    try (Stream<Path> s = Files.list(weightsDir)) {
      files = s.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no *.safetensors weight files in " + weightsDir);
    }
    Engine engine = TorchRuntime.engine();
    UNetBlock block = new UNetBlock(arch);
    Files.createDirectories(outDir);
    long params;
    try (Model model = Model.newInstance("unet", engine.defaultDevice(), engine.getEngineName())) {
      model.setBlock(block);
      NDManager mm = model.getNDManager();
      int side = arch.sizeMultiple() * 4;
      block.initialize(mm, DataType.FLOAT32, new Shape(1, arch.inChannels(), side, side));
      try (NDManager tmp = mm.newSubManager()) {
        Map<String, NDArray> byName = new HashMap<>();
        for (Path f : files) {
          try (InputStream in = Files.newInputStream(f)) {
            for (NDArray arr : NDList.decode(tmp, in)) {
              if (byName.put(arr.getName(), arr) != null) {
                throw new IOException("parameter " + arr.getName() + " appears twice in " + files);
              }
            }
          }
        }
        for (var e : block.getParameters()) {
          Parameter p = e.getValue();
          NDArray src = byName.remove(e.getKey());
          if (src == null) {
            throw new IOException("parameter " + e.getKey() + " " + p.getArray().getShape()
                + " missing from " + files);
          }
          if (!src.getShape().equals(p.getArray().getShape())) {
            throw new IOException("parameter " + e.getKey() + " has shape " + src.getShape()
                + " in " + weightsDir + ", expected " + p.getArray().getShape());
          }
          p.getArray().set(FloatBuffer.wrap(src.toType(DataType.FLOAT32, false).toFloatArray()));
        }
        if (!byName.isEmpty()) {
          throw new IOException("weights not used by " + arch + ": " + byName.keySet());
        }
      }
      try (Stream<Path> s = Files.list(outDir)) {
        for (Path old : s.filter(p -> p.getFileName().toString().endsWith(".params")).toList()) {
          Files.delete(old);
        }
      }
      model.save(outDir, UNetSegmenter.PARAMS_PREFIX);
      params = block.parameterCount();
    }
    JsonNode t = log.path("training");
    TrainingConfig cfg = new TrainingConfig(arch, classNames, t.path("crop").asInt(),
        t.path("batch").asInt(), Math.max(1, t.path("evaluations").asInt()),
        Math.max(1, t.path("stepsPerEvaluation").asInt()), t.path("lr").asDouble(),
        t.path("seed").asLong(), EXTERNAL_AUGMENTATION, true,
        t.path("maxClassWeight").asDouble(10), 0, 512, 64, t.path("maxSeconds").asDouble(0), true);
    double[] weights = MAPPER.convertValue(log.path("classWeights"), double[].class);
    List<UNetModelCard.DataHash> hashes = new ArrayList<>();
    for (JsonNode d : log.path("data")) {
      hashes.add(new UNetModelCard.DataHash(d.path("split").asText(), d.path("index").asInt(),
          d.path("width").asInt(), d.path("height").asInt(), d.path("imageSha256").asText(),
          d.path("maskSha256").asText()));
    }
    List<UNetModelCard.EpochLog> history = new ArrayList<>();
    for (JsonNode h : log.path("history")) {
      history.add(new UNetModelCard.EpochLog(h.path("evaluation").asInt(),
          h.path("meanLoss").asDouble(), h.path("validationMIoU").asDouble(),
          h.path("seconds").asDouble()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> validation = MAPPER.convertValue(log.path("validation"), Map.class);
    UNetModelCard card = new UNetModelCard(UNetModelCard.FORMAT, arch, classNames,
        UNetTrainer.normalizationText(), UNetSegmenter.PARAMS_PREFIX + "-0000.params", params,
        512, 64, cfg, weights, hashes, history.size(), log.path("bestEvaluation").asInt(),
        validation,
        validation.isEmpty() ? "none: no validation split, the final (EMA) weights were kept"
            : "validation",
        history,
        "external: " + log.path("engine").asText() + "; imported into DJL "
            + Engine.getDjlVersion() + " by ExternalTraining; augmentation: "
            + t.path("augmentation").asText("?") + "; loss: weighted cross-entropy + "
            + t.path("diceWeight").asDouble() + " x soft Dice; optimizer: "
            + t.path("optimizer").asText("?"),
        log.path("trainingSeconds").asDouble(), Instant.now().toString());
    card.write(outDir);
    return card;
  }

  /**
   * {@code export-nasa SUPER1_DIR OUT.npz} or {@code import WEIGHTS_DIR MODEL_DIR} (used by
   * {@code bench/unet/gpu/}).
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("export-nasa")) {
      Path super1 = Path.of(args[1]);
      List<Labelled> items = new ArrayList<>();
      for (String split : List.of("train", "val", "test")) {
        for (NasaSuperData.Pair p : NasaSuperData.read(super1, split)) {
          items.add(new Labelled(split, p.name(), p.image(), p.mask()));
        }
      }
      exportDataset(items, Path.of(args[2]));
      System.out.println("wrote " + items.size() + " labelled images to " + args[2]);
    } else if (args.length == 3 && args[0].equals("import")) {
      UNetModelCard c = importWeights(Path.of(args[1]), Path.of(args[2]));
      System.out.println("imported " + c.parameterCount() + " parameters of " + c.architecture()
          + " into " + args[2]);
    } else {
      System.err.println("usage: ExternalTraining export-nasa SUPER1_DIR OUT.npz"
          + " | import WEIGHTS_DIR MODEL_DIR");
      System.exit(2);
    }
  }
}
