package io.alloyflow.prediction.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.prediction.api.PredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.TestTables;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prediction step: a composition (from EDS) with a registered model gives a model prediction
 * whose provenance links prediction -> model version -> training data and prediction -> EDS
 * spectrum; without a composition it falls back to the labelled baseline.
 */
class PredictionServiceTest {
  @TempDir Path dir;

  @Test
  void compositionModelWithProvenanceAndBaselineFallback() throws Exception {
    FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("artifacts"));
    ModelRegistry reg = new ModelRegistry(new FileSystemArtifactStore(dir.resolve("reg")),
        dir.resolve("index.json"), dir.resolve("no-shipped"));
    ModelRegistry.Entry e = reg.register(TestTables.model(), true, "test");
    PredictionService svc = new PredictionService(store, reg);
    ArtifactRef features = store.put("features".getBytes(), "text/plain");
    ArtifactRef spectrum = store.put("spectrum".getBytes(), "application/x-emsa");
    PredictionRequest req = new PredictionRequest("hardness", "dp-steel", Map.of("ferrite", 1.0),
        Map.of("Al", 0.1, "Co", 0.225, "Cr", 0.225, "Fe", 0.225, "Ni", 0.225),
        Map.of("Al", 0.01, "Co", 0.01, "Cr", 0.01, "Fe", 0.01, "Ni", 0.01), "CAST", "BCC", Double.NaN,
        features, spectrum);
    PropertyPrediction p = svc.predict(req, PredictionService.Context.local());
    assertTrue(p.available(), p.unavailableReason());
    assertEquals(e.version(), p.modelVersion());
    assertTrue(p.inputStd() > 0 && p.modelStd() > 0);
    assertEquals(11, p.explanation().size());
    double sum = p.explanationBase() + p.explanation().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(p.mean(), sum, 1e-6 * p.mean());
    var used = p.provenance().used().stream().map(ArtifactUse::kind).toList();
    assertTrue(used.contains("Model") && used.contains("Spectrum") && used.contains("FeatureSet"), used.toString());
    ArtifactRef modelRef = p.provenance().used().stream().filter(u -> u.kind().equals("Model")).findFirst().orElseThrow().ref();
    assertTrue(store.contains(modelRef.sha256()), "model bytes are in the analysis store");
    assertEquals(modelRef, p.modelProvenance().generated().get(0).ref());
    assertEquals("TrainingData", p.modelProvenance().used().get(0).kind());
    assertEquals(ModelIO.load(TestTables.model(), "hardness").model().card().dataSha256(),
        p.modelProvenance().used().get(0).ref().sha256());
    assertTrue(p.provenance().generated().stream().anyMatch(u -> u.kind().equals("Explanation")));

    PropertyPrediction b = svc.predict(
        PredictionRequest.hardness("dp-steel", Map.of("ferrite", 0.8, "martensite", 0.2), features),
        PredictionService.Context.local());
    assertTrue(b.available(), b.unavailableReason());
    assertTrue(b.modelVersion().startsWith("rule-of-mixtures"));
    assertTrue(b.method().contains("no composition"), b.method());

    // a steel composition from EDS is outside the MPEA training domain: labelled baseline, with why
    PropertyPrediction steel = svc.predict(new PredictionRequest("hardness", "dp-steel",
        Map.of("ferrite", 0.7, "martensite", 0.3), Map.of("Fe", 0.97, "Mn", 0.015, "Si", 0.01, "C", 0.005),
        Map.of(), "", "", Double.NaN, features, spectrum), PredictionService.Context.local());
    assertTrue(steel.modelVersion().startsWith("rule-of-mixtures"), steel.modelVersion());
    assertTrue(steel.method().contains("outside the training range"), steel.method());

    PropertyPrediction u = svc.predict(
        PredictionRequest.hardness("unobtainium", Map.of("x", 1.0), features), PredictionService.Context.local());
    assertFalse(u.available());
    assertTrue(u.unavailableReason().contains("no composition"), u.unavailableReason());
  }
}
