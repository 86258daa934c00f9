package io.alloyflow.workflows.cli;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.segmentation.cli.TrainSegmentationCommand;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * A segmentation model trained by the client before an analysis (the demo trains a pixel
 * classifier on held-out synthetic samples), stored as an artifact with its training provenance.
 *
 * @param model the stored model
 * @param record provenance of the training: training images and masks used, model generated
 */
record ModelTraining(ArtifactRef model, ActivityRecord record) {

  /** Trains a model once the stack (and so the artifact store) is up. */
  @FunctionalInterface
  interface Trainer {
    ModelTraining train(ArtifactStore store, String analysisId) throws IOException;
  }

  /**
   * Trains the pixel classifier (through the segmentation service's own training command) on
   * pairs of images and label masks named alike in two folders. A model trained before on the
   * same training files with the same settings is reused (looked up in {@code cacheDir} by a key
   * over the files' content hashes), so re-running an analysis does not produce a second,
   * byte-different model: XGBoost models are not bit-reproducible across runs.
   */
  static ModelTraining trainPixelClassifier(
      ArtifactStore store, String analysisId, Path images, Path masks, Path calibrationImages,
      Path calibrationMasks, Path modelFile, long seed, Path cacheDir) throws IOException {
    long t0 = System.currentTimeMillis();
    List<ArtifactUse> used = new ArrayList<>();
    int pairs = addPairs(store, images, masks, "training", used);
    int calibration = calibrationImages == null ? 0
        : addPairs(store, calibrationImages, calibrationMasks, "calibration", used);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("learner", "xgboost");
    params.put("seed", Long.toString(seed));
    params.put("trainingPairs", Integer.toString(pairs));
    params.put("autoContextStages", "1");
    params.put("priorCorrection", "true");
    params.put("calibrationPairs", Integer.toString(calibration));
    StringBuilder key = new StringBuilder(PixelClassifier.ALGORITHM + PixelClassifier.VERSION + params);
    used.forEach(u -> key.append(u.ref().sha256()));
    Path cached = cacheDir.resolve(FileSystemArtifactStore.hash(
        key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".model");
    ArtifactRef model = null;
    if (Files.isRegularFile(cached)) {
      String sha = Files.readString(cached).trim();
      if (store.contains(sha)) {
        try {
          model = new ArtifactRef(sha, "application/zip", Files.size(store.localPath(
              new ArtifactRef(sha, "application/zip", 0))));
          params.put("reused", "true");
        } catch (io.alloyflow.core.store.CorruptArtifactException e) {
          // the cached model is damaged: train again; storing the result heals the store
          model = null;
        }
      }
    }
    if (model == null) {
      CommandLine cl = new CommandLine(new TrainSegmentationCommand());
      java.io.StringWriter sw = new java.io.StringWriter();
      cl.setErr(new java.io.PrintWriter(sw, true));
      List<String> args = new ArrayList<>(List.of("--images", images.toString(), "--masks",
          masks.toString(), "--format", "png", "--method", "pixel-classifier", "--seed",
          Long.toString(seed), "--auto-context", "1", "--prior-correction", "true", "--out",
          modelFile.toString()));
      if (calibrationImages != null) {
        args.addAll(List.of("--calibration-images", calibrationImages.toString(),
            "--calibration-masks", calibrationMasks.toString()));
      }
      int rc = cl.execute(args.toArray(String[]::new));
      if (rc != 0 || !Files.isRegularFile(modelFile)) {
        throw new IllegalStateException("training the pixel classifier failed: " + sw.toString().trim());
      }
      model = store.putFile(modelFile, "application/zip");
      Files.createDirectories(cacheDir);
      io.alloyflow.core.io.AtomicFiles.write(cached,
          model.sha256().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    ActivityRecord rec = ActivityRecord.builder("train-segmentation-model", "segmentation",
            new AlgorithmInfo(PixelClassifier.ALGORITHM + "-training", PixelClassifier.VERSION,
                PixelClassifier.REFERENCE, params))
        .used(used)
        .generated(List.of(new ArtifactUse("model", "Model", model)))
        .seed(seed)
        .timing(t0, System.currentTimeMillis() - t0)
        .execution(analysisId, "", 1)
        .build();
    return new ModelTraining(model, rec);
  }

  /** Stores image/mask pairs named alike (mask = image base name + .png); returns the count. */
  private static int addPairs(ArtifactStore store, Path images, Path masks, String role,
      List<ArtifactUse> used) throws IOException {
    int n = 0;
    try (var files = Files.list(images)) {
      for (Path img : files.sorted().toList()) {
        used.add(new ArtifactUse(role + "Image", "Micrograph", store.putFile(img, "image/tiff")));
        String base = img.getFileName().toString().replaceAll("\\.[^.]*$", "");
        Path mask = masks.resolve(base + ".png");
        if (Files.isRegularFile(mask)) {
          used.add(new ArtifactUse(role + "Mask", "GroundTruth", store.putFile(mask, "image/png")));
          n++;
        }
      }
    }
    return n;
  }
}
