package io.alloyflow.prediction.imagemodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.prediction.api.PhaseMapPredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration of the shipped direct-CNN fracture-strain model with measured phase maps: scale
 * (resampling), tiling, aggregation with uncertainty, occlusion map, surrogate SHAP, the stored
 * artifacts and their provenance, and every reason a prediction is refused.
 */
class PhaseMapPredictionTest {
  static final Path MODELS = Path.of("../../models").toAbsolutePath().normalize();
  static final Path CNN = MODELS.resolve("fracture-strain-dp-cnn");

  static int[] randomMap(int w, int h, double f, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] m = new int[w * h];
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextDouble() < f ? 1 : 0;
    }
    return m;
  }

  /** A map at 1 um/px drawn with nearest-neighbour blocks of k x k pixels (k times finer). */
  static int[] finer(int[] m, int w, int h, int k) {
    int[] out = new int[w * k * h * k];
    for (int y = 0; y < h * k; y++) {
      for (int x = 0; x < w * k; x++) {
        out[y * w * k + x] = m[(y / k) * w + x / k];
      }
    }
    return out;
  }

  static double fraction(int[] m) {
    double s = 0;
    for (int v : m) {
      s += v;
    }
    return s / m.length;
  }

  @Test
  void resamplingKeepsTheMartensiteFractionAndIsExactForWholeBlocks() {
    int[] m = randomMap(101, 77, 0.3, 1);
    // identity
    PhaseMapTiles.Resampled same = PhaseMapTiles.resample(m, 101, 77, 0.5, 0.5);
    assertArrayEquals(m, same.map());
    // coarser by 4 (0.25 -> 1 um): 25 x 19 target pixels; the fraction of the covered source
    // area is kept to one target pixel
    PhaseMapTiles.Resampled c4 = PhaseMapTiles.resample(m, 101, 77, 0.25, 1.0);
    assertEquals(25, c4.width());
    assertEquals(19, c4.height());
    assertEquals(c4.sourceFraction(), c4.fraction(), 1.0 / (25 * 19) + 1e-12);
    // non-integer ratio 2.5
    PhaseMapTiles.Resampled c25 = PhaseMapTiles.resample(m, 101, 77, 0.4, 1.0);
    assertEquals(40, c25.width());
    assertEquals(30, c25.height());
    assertEquals(c25.sourceFraction(), c25.fraction(), 1.0 / (40 * 30) + 1e-12);
    assertEquals(fraction(m), c25.sourceFraction(), 0.02);
    // a map made of whole 4x4 blocks comes back exactly; finer target pixels repeat the source
    int[] coarse = randomMap(20, 12, 0.4, 2);
    assertArrayEquals(coarse, PhaseMapTiles.resample(finer(coarse, 20, 12, 4), 80, 48, 0.25, 1.0).map());
    assertArrayEquals(finer(coarse, 20, 12, 2),
        PhaseMapTiles.resample(coarse, 20, 12, 1.0, 0.5).map());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PhaseMapTiles.resample(new int[] {0, 2, 1, 0}, 2, 2, 1, 1)).getMessage().contains("found 2"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PhaseMapTiles.resample(m, 101, 77, Double.NaN, 1)).getMessage().contains("pixel sizes"));
  }

  @Test
  void tilesAreWholeCentredCellsAndASmallFieldIsRefused() {
    int[] m = randomMap(100, 70, 0.3, 3);
    PhaseMapTiles.Tiles t = PhaseMapTiles.tile(PhaseMapTiles.resample(m, 100, 70, 1, 1), 32);
    assertEquals(3, t.tilesX());
    assertEquals(2, t.tilesY());
    assertEquals(2, t.offsetX());
    assertEquals(3, t.offsetY());
    assertEquals(1 - 6 * 1024 / 7000.0, t.uncoveredFraction(), 1e-12);
    // cell (1, 1) starts at (2 + 32, 3 + 32)
    assertEquals(m[(3 + 32 + 5) * 100 + 2 + 32 + 7], t.cells().get(4)[5 * 32 + 7]);
    int[] mosaic = t.mosaic();
    assertEquals(m[(3 + 40) * 100 + 2 + 70], mosaic[40 * 96 + 70]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PhaseMapTiles.tile(PhaseMapTiles.resample(randomMap(64, 64, 0.3, 4), 64, 64, 0.25, 1), 32));
    assertTrue(e.getMessage().contains("less than one 32 x 32 px training cell"), e.getMessage());
  }

  @Test
  void theShippedCnnPredictsAtItsOwnScaleWhateverThePixelSizeOfTheMap() throws Exception {
    int side = 96;
    int[] low = DpPhaseMaps.generate(new DpPhaseMaps.Params(side, 0.12, 2.5, 0, 2), 5);
    int[] high = DpPhaseMaps.generate(new DpPhaseMaps.Params(side, 0.45, 2.5, 0, 2), 5);
    try (TiledFractureStrain m = TiledFractureStrain.load(CNN)) {
      assertEquals(1.0, m.pixelUm());
      TiledFractureStrain.Result at1 = m.predict(low, side, side, 1.0);
      // the same microstructure imaged 4x finer (0.25 um/px) gives the same cells and numbers
      TiledFractureStrain.Result at025 = m.predict(finer(low, side, side, 4), 4 * side, 4 * side, 0.25);
      assertEquals(9, at1.cellPredictions().length);
      assertArrayEquals(at1.cellPredictions(), at025.cellPredictions(), 1e-6);
      // read at the wrong scale (as if 4x finer) it is another microstructure for the model
      TiledFractureStrain.Result wrong = m.predict(finer(low, side, side, 4), 4 * side, 4 * side, 1.0);
      assertEquals(144, wrong.cellPredictions().length);
      TiledFractureStrain.Result hi = m.predict(high, side, side, 1.0);
      assertTrue(at1.mean() > hi.mean() + 0.03, at1.mean() + " vs " + hi.mean());
      // uncertainty: per-cell model error (held-out RMSE) and sampling error of the mean
      assertEquals(m.modelRmse(), at1.modelStd());
      assertEquals(at1.tileSd() / 3, at1.samplingStd(), 1e-12);
      assertEquals(Math.hypot(at1.modelStd(), at1.samplingStd()), at1.std(), 1e-12);
      assertTrue(at1.weakest() <= at1.mean());
      // occlusion: removing martensite raises the predicted strain on balance (effect < 0)
      double sum = 0;
      for (float v : hi.effect()) {
        sum += v;
      }
      assertTrue(sum < 0, "sum of occlusion effects " + sum);
      assertEquals((side / 4) * (side / 4), hi.effect().length);
    }
  }

  @Test
  void theSurrogateIsFaithfulAdditiveAndSurvivesSaving(@TempDir Path tmp) throws Exception {
    try (ConvRegressor cnn = ConvRegressor.load(CNN)) {
      StrainExplainer e = StrainExplainer.fit(cnn::predict, 32, 240, 11);
      assertTrue(e.fidelityR2() > 0.75, "fidelity R2 " + e.fidelityR2());
      e.save(tmp);
      StrainExplainer back = StrainExplainer.load(tmp);
      List<int[]> cells = List.of(
          DpPhaseMaps.generate(new DpPhaseMaps.Params(32, 0.15, 2, 0, 2), 1),
          DpPhaseMaps.generate(new DpPhaseMaps.Params(32, 0.40, 2, 0.8, 3), 2));
      StrainExplainer.Explanation a = e.explain(cells, 32);
      StrainExplainer.Explanation b = back.explain(cells, 32);
      assertArrayEquals(a.values(), b.values(), 1e-12);
      double sum = a.base();
      for (double v : a.values()) {
        sum += v;
      }
      assertEquals(a.surrogateMean(), sum, 1e-9);
      assertTrue(a.maxAdditivityError() < 1e-6);
      // martensite fraction is the largest player, and it pushes the 40 % cell down
      StrainExplainer.Explanation high = e.explain(List.of(cells.get(1)), 32);
      assertTrue(high.values()[0] < 0, "martensite fraction SHAP of a 40 % cell " + high.values()[0]);
    }
    // the shipped explainer states its fidelity
    StrainExplainer shipped = StrainExplainer.load(CNN);
    assertTrue(shipped.fidelityR2() > 0.85, "shipped fidelity " + shipped.fidelityR2());
    assertEquals(6, shipped.players().size());
  }

  static ArtifactRef storeMap(FileSystemArtifactStore store, int[] labels, int w, int h, double pixelM,
      List<String> names) throws Exception {
    return store.put(ArrowIO.toArrow(new LabelMap(w, h, labels, names, pixelM)), ArrowIO.MEDIA_TYPE);
  }

  @Test
  void theServiceStoresPredictionOverlayAndExplanationWithProvenance(@TempDir Path tmp) throws Exception {
    FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
    PhaseMapPredictionService svc = new PhaseMapPredictionService(store, new ShippedModels(MODELS));
    // 3 classes: dark ferrite (0), martensite (1), a few inclusion pixels (2) counted as not martensite
    int n = 136;
    int[] m = finer(DpPhaseMaps.generate(new DpPhaseMaps.Params(n, 0.3, 3, 0.3, 3), 9), n, n, 4);
    m[0] = 2;
    ArtifactRef map = storeMap(store, m, 4 * n, 4 * n, 0.25e-6, List.of("class0", "class1", "class2"));
    ArtifactRef features = store.put(new byte[] {1, 2, 3}, "application/octet-stream");
    PhaseMapPredictionService.Context ctx = new PhaseMapPredictionService.Context("wf-1", "run-1", 1);
    PropertyPrediction p = svc.predict(new PhaseMapPredictionRequest("fracture-strain", "dp-steel", map,
        List.of("ferrite", "martensite", "inclusion"), Double.NaN, features, ""), ctx);
    assertTrue(p.available(), p.unavailableReason());
    assertEquals("fracture-strain", p.property());
    assertTrue(p.mean() > 0.05 && p.mean() < 0.5, "mean " + p.mean());
    assertEquals(Math.hypot(p.modelStd(), p.inputStd()), p.std(), 1e-12);
    assertTrue(p.modelVersion().startsWith("fracture-strain-dp-cnn@"), p.modelVersion());
    assertEquals(6, p.explanation().size());
    double sum = p.explanationBase();
    for (double v : p.explanation().values()) {
      sum += v;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = new ObjectMapper().readValue(store.get(p.prediction()), Map.class);
    assertEquals(((Number) doc.get("shapSurrogateMean")).doubleValue(), sum, 1e-9);
    @SuppressWarnings("unchecked")
    Map<String, Object> scale = (Map<String, Object>) doc.get("scale");
    assertEquals(0.25, ((Number) scale.get("mapPixelUm")).doubleValue(), 1e-12);
    assertEquals(136, scale.get("resampledWidth"));
    assertEquals(4, scale.get("cellsX"));
    assertEquals(((List<?>) doc.get("cellPredictions")).size(), 4 * 4);
    // provenance: used the phase map, the feature set and the model; generated the document,
    // the overlay PNG and the waterfall PNG; the model's training record links it to its data
    List<String> used = p.provenance().used().stream().map(u -> u.kind() + ":" + u.role()).toList();
    assertEquals(List.of("PhaseMap:phaseMap", "FeatureSet:featureSet", "Model:model"), used);
    assertEquals(map, p.provenance().used().get(0).ref());
    ArtifactRef model = p.provenance().used().get(2).ref();
    assertEquals(FileSystemArtifactStore.hash(CNN.resolve("cnn-0000.params")), model.sha256());
    assertEquals("fracture-strain-prediction", p.provenance().step());
    assertEquals("wf-1", p.provenance().workflowId());
    ArtifactUse overlay = p.provenance().generated().stream()
        .filter(g -> g.role().equals(PhaseMapPredictionRequest.OVERLAY_ROLE)).findFirst().orElseThrow();
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(store.get(overlay.ref())));
    assertNotNull(img);
    assertEquals(128 * 4, img.getWidth()); // 4 cells of 32 px at the 4x display scale
    assertNotNull(ImageIO.read(new ByteArrayInputStream(store.get(p.waterfall()))));
    assertEquals(model, p.modelProvenance().generated().get(0).ref());
    assertEquals("TrainingData", p.modelProvenance().used().get(0).kind());
    assertEquals("model/" + p.modelVersion(), p.modelProvenance().workflowId());
  }

  @Test
  void everyRefusalSaysWhy(@TempDir Path tmp) throws Exception {
    FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
    PhaseMapPredictionService svc = new PhaseMapPredictionService(store, new ShippedModels(MODELS));
    PhaseMapPredictionService.Context ctx = new PhaseMapPredictionService.Context("", "", 1);
    int[] m = randomMap(160, 160, 0.3, 5);
    ArtifactRef good = storeMap(store, m, 160, 160, 0.5e-6, List.of("a", "b"));
    ArtifactRef noScale = storeMap(store, m, 160, 160, Double.NaN, List.of("a", "b"));
    List<String> fm = List.of("ferrite", "martensite");
    assertEquals(List.of(
            "no phase-map model for property 'hardness'",
            "is for dual-phase steel",
            "no martensite class",
            "pixel size is unknown",
            "less than one 32 x 32 px training cell",
            "no shipped model 'nope'"),
        List.of(
            reason(svc.predict(new PhaseMapPredictionRequest("hardness", "dp-steel", good, fm, Double.NaN, null, ""), ctx)),
            reason(svc.predict(new PhaseMapPredictionRequest("fracture-strain", "al-alloy", good, fm, Double.NaN, null, ""), ctx)),
            reason(svc.predict(new PhaseMapPredictionRequest("fracture-strain", "dp-steel", good,
                List.of("ferrite", "bainite"), Double.NaN, null, ""), ctx)),
            reason(svc.predict(new PhaseMapPredictionRequest("fracture-strain", "dp-steel", noScale, fm, Double.NaN, null, ""), ctx)),
            reason(svc.predict(new PhaseMapPredictionRequest("fracture-strain", "dp-steel", good, fm, 0.1, null, ""), ctx)),
            reason(svc.predict(new PhaseMapPredictionRequest("fracture-strain", "dp-steel", good, fm, Double.NaN, null, "nope"), ctx))),
        "expected reasons (each checked by containment below)");
  }

  /** The first matching fragment of the reason, so that the list above reads as the expectations. */
  static String reason(PropertyPrediction p) {
    assertFalse(p.available(), "expected a refusal, got " + p.mean());
    for (String s : List.of("no phase-map model for property 'hardness'", "is for dual-phase steel",
        "no martensite class", "pixel size is unknown", "less than one 32 x 32 px training cell",
        "no shipped model 'nope'", "does not match SHA256SUMS")) {
      if (p.unavailableReason().contains(s)) {
        return s;
      }
    }
    return p.unavailableReason();
  }

  @Test
  void aChangedModelFileIsRefused(@TempDir Path tmp) throws Exception {
    Path zoo = tmp.resolve("models");
    Path copy = zoo.resolve("fracture-strain-dp-cnn");
    Files.createDirectories(copy);
    try (var s = Files.list(CNN)) {
      for (Path f : s.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Files.writeString(copy.resolve("explainer.json"), Files.readString(copy.resolve("explainer.json"))
        .replaceFirst("\"fidelityR2\"\\s*:\\s*[0-9.]+", "\"fidelityR2\" : 0.999"));
    FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
    PhaseMapPredictionService svc = new PhaseMapPredictionService(store, new ShippedModels(zoo));
    ArtifactRef map = storeMap(store, randomMap(64, 64, 0.3, 6), 64, 64, 1e-6, List.of("a", "b"));
    PropertyPrediction p = svc.predict(new PhaseMapPredictionRequest("fracture-strain", "dp-steel", map,
        List.of("ferrite", "martensite"), Double.NaN, null, ""), new PhaseMapPredictionService.Context("", "", 1));
    assertEquals("does not match SHA256SUMS", reason(p), p.unavailableReason());
    assertTrue(p.unavailableReason().contains("explainer.json"), p.unavailableReason());
  }
}
