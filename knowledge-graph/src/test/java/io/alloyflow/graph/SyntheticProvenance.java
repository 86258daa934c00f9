package io.alloyflow.graph;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provenance shaped like a real alloyflow analysis (the steps, roles, labels and summaries that
 * {@code AnalysisWorkflowImpl} and the services write): ingest of a micrograph file and an EMSA
 * spectrum, segmentation with a model, EDS calibration with a detector calibration, fusion,
 * prediction by a model version. Artifact contents are derived from the data seed, so the same
 * seed gives the same hashes (a re-analysis of the same files), and stored when a store is given.
 */
final class SyntheticProvenance {
  private final ArtifactStore store;

  /** @param store where artifact bytes go; null = compute hashes only (benchmarks) */
  SyntheticProvenance(ArtifactStore store) {
    this.store = store;
  }

  /**
   * Parameters of one generated analysis.
   *
   * @param analysisId workflow id
   * @param sampleId sample
   * @param dataSeed identity of the raw files (same seed = same files)
   * @param modelVersion version of the hardness model agent {@code rule-of-mixtures-hardness@v}
   * @param calibration id of the detector calibration used by the EDS step
   * @param martensite martensite fraction the fusion step reports
   * @param attempt attempt number of the segmentation step
   */
  record Spec(String analysisId, String sampleId, long dataSeed, String modelVersion,
      String calibration, double martensite, int attempt) {}

  ArtifactRef ref(String content, String mediaType) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (store != null) {
      try {
        return store.put(bytes, mediaType);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      return new ArtifactRef(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
          mediaType, bytes.length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Calibration artifact key of a calibration id (for impact queries). */
  String calibrationKey(String calibration) {
    return ref("detector calibration " + calibration, "application/json").uri();
  }

  /** Key of the phase-library rule set the fusion step of every generated analysis uses. */
  String phaseLibraryKey() {
    return ref("alloyflow phase library 1\nalloySystem=dp-steel\nphases=ferrite,martensite\n", "text/plain").uri();
  }

  List<ActivityRecord> activities(Spec s) {
    String d = Long.toString(s.dataSeed());
    ArtifactRef file = ref("TIFF micrograph " + d, "image/tiff");
    ArtifactRef micro = ref("arrow micrograph " + d, "application/vnd.apache.arrow.file");
    ArtifactRef spectrum = ref("EMSA spectrum " + d, "application/x-emsa");
    ArtifactRef model = ref("segmentation model u-net v1", "application/octet-stream");
    ArtifactRef phaseMap = ref("phase map " + d, "application/vnd.apache.arrow.file");
    ArtifactRef phasePng = ref("phase map png " + d, "image/png");
    ArtifactRef overlay = ref("overlay png " + d, "image/png");
    ArtifactRef calibration = ref("detector calibration " + s.calibration(), "application/json");
    ArtifactRef calibrated = ref("calibrated spectrum " + d + " " + s.calibration(), "application/json");
    ArtifactRef features = ref("features " + d + " " + s.martensite(), "application/vnd.apache.arrow.file");
    double hv = 180 + 400 * s.martensite();
    ArtifactRef prediction = ref("{\"property\":\"Vickers hardness\",\"data\":" + d + ",\"value\":" + hv
        + ",\"model\":\"rule-of-mixtures-hardness@" + s.modelVersion() + "\",\"contributions\":{\"martensite\":"
        + 400 * s.martensite() + ",\"ferrite\":180}}", "application/json");
    String wf = s.analysisId();
    List<ActivityRecord> r = new ArrayList<>();
    // the microscope settings ingest reads from the TIFF tags (MicroscopeSettings)
    r.add(rec(wf, "ingest-micrograph", "ingest", "micrograph-decode", "1", Map.of("pixelSizeM", "2.5E-7", "bitDepth", "16",
        "instrument.beamEnergyKeV", "15.0", "instrument.workingDistanceM", "0.0041", "instrument.dwellTimeS", "1.0E-5",
        "instrument.detector", "TLD SE", "instrument.settingsSource", "fei"),
        List.of(use("file", "MicrographFile", file)), List.of(use("micrograph", "Micrograph", micro)), Map.of(), 1));
    r.add(rec(wf, "ingest-eds", "ingest", "emsa-validate", "1", Map.of("fileName", "spot.msa"),
        List.of(), List.of(use("spectrum", "Spectrum", spectrum)), Map.of(), 1));
    r.add(rec(wf, "segmentation", "segmentation", "unet-phase-segmentation", "1", Map.of("classes", "2"),
        List.of(use("micrograph", "Micrograph", micro), use("model", "Model", model)),
        List.of(use("phaseMap", "PhaseMap", phaseMap), use("phaseMapPng", "PhaseMap", phasePng),
            use("overlay", "Overlay", overlay)),
        Map.of("fraction_class0", 1 - s.martensite(), "fraction_class1", s.martensite()), s.attempt()));
    r.add(rec(wf, "eds", "eds", "eds-calibrate-quantify", "2", Map.of("calibration", s.calibration()),
        List.of(use("spectrum", "Spectrum", spectrum), use("calibration", "Calibration", calibration)),
        List.of(use("calibratedSpectrum", "Spectrum", calibrated)), Map.of("offsetEv", -12.0, "gainEvPerChannel", 10.0), 1));
    r.add(rec(wf, "fusion", "fusion", "phase-statistics-by-brightness", "1.0", Map.of("alloySystem", "dp-steel"),
        List.of(use("micrograph", "Micrograph", micro), use("phaseMap", "PhaseMap", phaseMap),
            use("phaseLibrary", "RuleSet", ref("alloyflow phase library 1\nalloySystem=dp-steel\nphases=ferrite,martensite\n",
                "text/plain"))),
        List.of(use("phaseFeatures", "FeatureSet", features)),
        Map.of("fraction_martensite", s.martensite(), "fraction_ferrite", 1 - s.martensite()), 1));
    r.add(rec(wf, "prediction", "prediction", "rule-of-mixtures-hardness", s.modelVersion(), Map.of("alloySystem", "dp-steel"),
        List.of(use("featureSet", "FeatureSet", features)), List.of(use("prediction", "Prediction", prediction)),
        Map.of("hardnessHv", hv, "sigmaHv", 25.0), 1));
    return r;
  }

  AnalysisProvenance analysis(Spec s) {
    return new AnalysisProvenance(s.analysisId(), "run-" + s.analysisId(), "AnalysisWorkflow", s.sampleId(),
        Map.of("alloySystem", "dp-steel"), 1_700_000_000_000L + s.dataSeed(), activities(s));
  }

  private static ArtifactUse use(String role, String kind, ArtifactRef ref) {
    return new ArtifactUse(role, kind, ref);
  }

  private static ActivityRecord rec(String wf, String step, String service, String algo, String version,
      Map<String, String> params, List<ArtifactUse> used, List<ArtifactUse> generated,
      Map<String, Double> summary, int attempt) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("java.version", "17.0.13");
    env.put("alloyflow.version", "0.1.0-SNAPSHOT");
    return new ActivityRecord(step, service, new AlgorithmInfo(algo, version, "test reference " + algo, params),
        used, generated, summary, env, 0, 1_700_000_000_000L, 12, wf, "run-" + wf, attempt);
  }
}
