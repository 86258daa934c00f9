package io.alloyflow.segmentation.unet;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.NormalInitializer;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.nn.UNetBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalTrainingTest {

  @TempDir Path tmp;

  private static final UNetArchitecture ARCH = new UNetArchitecture(1, 2, 4, 2);

  private static final String LOG = """
      {"architecture": {"inChannels": 1, "numClasses": 2, "baseChannels": 4, "depth": 2},
       "classNames": ["background", "disc"],
       "training": {"crop": 64, "batch": 2, "lr": 0.001, "seed": 3, "evaluations": 1,
                    "stepsPerEvaluation": 10, "maxClassWeight": 10, "maxSeconds": 5},
       "classWeights": [0.6, 2.5],
       "data": [{"split": "train", "index": 0, "width": 8, "height": 8,
                 "imageSha256": "ab", "maskSha256": "cd"}],
       "history": [{"evaluation": 1, "meanLoss": 0.5, "validationMIoU": 0.7, "seconds": 4}],
       "bestEvaluation": 1, "validation": {"mIoU": 0.7},
       "engine": "PyTorch test CPU", "trainingSeconds": 4.5}
      """;

  /** Writes a randomly initialised block's parameters as safetensors under DJL names. */
  private Path externalWeights(Model model, UNetBlock block, String dropName, boolean badShape)
      throws IOException {
    Path dir = tmp.resolve("weights");
    Files.createDirectories(dir);
    try (NDManager m = NDManager.newBaseManager(TorchRuntime.engine().getEngineName())) {
      NDList list = new NDList();
      for (var e : block.getParameters()) {
        if (e.getKey().equals(dropName)) {
          continue;
        }
        NDArray a = e.getValue().getArray().duplicate();
        if (badShape && e.getKey().endsWith("head_bias")) {
          a = m.zeros(new Shape(3));
        }
        a.setName(e.getKey());
        list.add(a);
      }
      try (OutputStream out = Files.newOutputStream(dir.resolve("weights-00.safetensors"))) {
        list.encode(out, NDList.Encoding.SAFETENSORS);
      }
    }
    Files.writeString(dir.resolve("train-log.json"), LOG);
    return dir;
  }

  private static Model randomModel(UNetBlock block) {
    Engine engine = TorchRuntime.engine();
    Model model = Model.newInstance("unet", engine.defaultDevice(), engine.getEngineName());
    block.setInitializer(new NormalInitializer(0.3f), ai.djl.nn.Parameter.Type.WEIGHT);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 16, 16));
    return model;
  }

  @Test
  void importedWeightsReproduceTheSourceNetworkExactly() throws IOException {
    Object[] d = UNetTest.discs(40, 36, 11);
    Micrograph m = (Micrograph) d[0];
    UNetBlock block = new UNetBlock(ARCH);
    try (Model model = randomModel(block)) {
      Path weights = externalWeights(model, block, null, false);
      Path out = tmp.resolve("model");
      UNetModelCard card = ExternalTraining.importWeights(weights, out);
      assertEquals(ARCH, card.architecture());
      assertEquals(List.of("background", "disc"), card.classNames());
      assertTrue(card.engine().startsWith("external: PyTorch test CPU"), card.engine());
      assertEquals(1, card.data().size());
      assertEquals(0.7, (Double) card.validation().get("mIoU"), 1e-12);
      UNetModelCard stub = new UNetModelCard(UNetModelCard.FORMAT, ARCH, card.classNames(),
          "", "", 0, 64, 16, card.training(), card.classWeights(), List.of(), 0, 0, Map.of(),
          "", List.of(), "", 0, "");
      try (UNetSegmenter imported = UNetSegmenter.load(out)) {
        UNetSegmenter source = UNetSegmenter.wrap(model, block, stub);
        TiledPredictor.Result a = source.predictUntiled(m, true);
        TiledPredictor.Result b = imported.predictUntiled(m, true);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.probabilities()[1], b.probabilities()[1], 1e-6f);
        assertEquals(block.parameterCount(), imported.parameterCount());
      }
    }
  }

  @Test
  void missingOrMisshapenParameterIsAClearError() throws IOException {
    UNetBlock block = new UNetBlock(ARCH);
    try (Model model = randomModel(block)) {
      String first = block.getParameters().get(0).getKey();
      Path w1 = externalWeights(model, block, first, false);
      IOException e1 = assertThrows(IOException.class,
          () -> ExternalTraining.importWeights(w1, tmp.resolve("m1")));
      assertTrue(e1.getMessage().contains("parameter " + first) && e1.getMessage()
          .contains("missing"), e1.getMessage());
      Path w2 = externalWeights(model, block, null, true);
      IOException e2 = assertThrows(IOException.class,
          () -> ExternalTraining.importWeights(w2, tmp.resolve("m2")));
      assertTrue(e2.getMessage().contains("head_bias has shape (3)"), e2.getMessage());
    }
    IOException e3 = assertThrows(IOException.class,
        () -> ExternalTraining.importWeights(tmp, tmp.resolve("m3")));
    assertTrue(e3.getMessage().contains("no train-log.json"), e3.getMessage());
  }

  @Test
  void exportedDatasetHoldsNormalisedImagesMasksAndHashes() throws IOException {
    Object[] d = UNetTest.discs(32, 24, 5);
    Micrograph m = (Micrograph) d[0];
    LabelMap l = (LabelMap) d[1];
    Path npz = tmp.resolve("set.npz");
    ExternalTraining.exportDataset(List.of(new ExternalTraining.Labelled("train", "a", m, l),
        new ExternalTraining.Labelled("val", "b", m, l)), npz);
    try (NDManager mgr = NDManager.newBaseManager(TorchRuntime.engine().getEngineName());
        InputStream in = Files.newInputStream(npz)) {
      NDList list = NDList.decode(mgr, in);
      assertEquals(4, list.size());
      NDArray img = list.stream().filter(a -> a.getName().equals("val_0_image")).findFirst()
          .orElseThrow();
      NDArray mask = list.stream().filter(a -> a.getName().equals("train_0_mask")).findFirst()
          .orElseThrow();
      assertEquals(new Shape(24, 32), img.getShape());
      assertArrayEquals(IntensityNormalizer.of(m).applyAll(m.pixels()), img.toFloatArray(), 0f);
      assertArrayEquals(l.labels(), mask.toIntArray());
    }
    String json = Files.readString(Path.of(npz + ".json"));
    assertTrue(json.contains(UNetTrainer.hash("train", 0, m, l).imageSha256()), json);
  }
}
