package io.alloyflow.workflows.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.AtomicFiles;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.eds.api.ElementLine;
import io.alloyflow.fusion.api.PhaseSummary;
import io.alloyflow.prediction.api.PhaseMapPredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Writes {@code report.json}, {@code report.html} and the PNGs they show. */
public final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /**
   * Writes the report.
   *
   * @param out output directory (created)
   * @param sample sample description ({@code id}, {@code alloySystem}, ...)
   * @param truth ground truth to compare with (synthetic inputs), or empty
   * @param graphUri where the provenance lives
   * @param graphTotals counts over the whole graph after this analysis (analyses, entities, ...)
   * @return the report as written to report.json
   */
  public static Map<String, Object> write(
      Path out,
      ArtifactStore store,
      Map<String, Object> sample,
      AnalysisInputs inputs,
      AnalysisResult r,
      Map<String, Object> truth,
      String graphUri,
      Map<String, Object> graphTotals)
      throws IOException {
    Files.createDirectories(out);
    Micrograph m = inputs.micrograph();
    AtomicFiles.write(out.resolve("micrograph.png"), png(display(m)));
    AtomicFiles.write(out.resolve("phases.png"), store.get(r.segmentation().phaseMapPng()));
    AtomicFiles.write(out.resolve("overlay.png"), store.get(r.segmentation().overlayPng()));

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("sample", sample);
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("micrograph", Map.of(
        "sha256", inputs.micrographRef().sha256(), "width", m.width(), "height", m.height(),
        "pixelSizeUm", m.pixelSizeUm(), "bitDepth", m.bitDepth(), "signal", m.signal().name()));
    if (inputs.eds() != null) {
      in.put("eds", Map.of("sha256", inputs.eds().sha256(), "kind", inputs.edsKind()));
    }
    report.put("inputs", in);

    Map<String, Object> seg = new LinkedHashMap<>();
    seg.put("algorithm", r.segmentation().provenance().algorithm().name());
    seg.put("classNames", r.segmentation().classNames());
    seg.put("phaseFractions", r.segmentation().phaseFractions());
    seg.put("phaseFractionSigma", r.segmentation().phaseFractionSigma());
    seg.put("phaseMap", r.segmentation().phaseMap().uri());
    seg.put("overlayPng", "overlay.png");
    report.put("segmentation", seg);

    Map<String, Object> eds = new LinkedHashMap<>();
    List<Map<String, Object>> elements = new ArrayList<>();
    if (r.eds() != null) {
      for (ElementLine l : r.eds().elements()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("symbol", l.symbol());
        e.put("family", l.family());
        e.put("energyEv", l.energyEv());
        e.put("netCounts", l.netCounts());
        e.put("netCountsSigma", l.netCountsSigma());
        e.put("confidence", l.confidence());
        e.put("warnings", l.warnings());
        elements.add(e);
      }
      eds.put("calibration", Map.of(
          "offsetEv", r.eds().offsetEv(), "gainEvPerChannel", r.eds().gainEvPerChannel()));
      eds.put("algorithm", r.eds().provenance().algorithm().name());
      Spectrum s = EmsaIO.read(
          new String(store.get(r.eds().calibratedSpectrum()), StandardCharsets.ISO_8859_1),
          "calibrated spectrum");
      Path plot = out.resolve("spectrum.png");
      AtomicFiles.write(plot, png(SpectrumPlot.render(
          s, r.eds().elements(), Math.min(20, s.beamEnergyKeV() > 0 ? s.beamEnergyKeV() : 20))));
      eds.put("spectrumPng", "spectrum.png");
    }
    eds.put("available", r.eds() != null);
    if (r.eds() != null && !r.eds().composition().isEmpty()) {
      eds.put("composition", r.eds().composition());
      eds.put("compositionSigma", r.eds().compositionSigma());
    }
    eds.put("elements", elements);
    report.put("eds", eds);

    Map<String, Object> fusion = new LinkedHashMap<>();
    fusion.put("phases", r.fusion().phases());
    fusion.put("contrastSeparation", r.fusion().contrastSeparation());
    fusion.put("featureSet", r.fusion().featureSet().uri());
    report.put("fusion", fusion);

    Map<String, Object> pred = new LinkedHashMap<>();
    if (r.prediction() != null) {
      var p = r.prediction();
      pred.put("property", p.property());
      pred.put("unit", p.unit());
      pred.put("mean", p.mean());
      pred.put("std", p.std());
      pred.put("modelStd", p.modelStd());
      pred.put("inputStd", p.inputStd());
      pred.put("lo95", p.lo95());
      pred.put("hi95", p.hi95());
      pred.put("modelVersion", p.modelVersion());
      pred.put("method", p.method());
      pred.put("explanationBase", p.explanationBase());
      pred.put("explanation", p.explanation());
      if (p.waterfall() != null) {
        AtomicFiles.write(out.resolve("shap_waterfall.png"), store.get(p.waterfall()));
        pred.put("waterfallPng", "shap_waterfall.png");
      }
      if ("hardness".equals(p.property())) {
        pred.put("hardnessHv", p.mean());
        pred.put("sigmaHv", p.std());
      }
    } else {
      pred.put("unavailable", r.predictionUnavailable());
    }
    report.put("prediction", pred);
    if (r.imagePrediction() != null) {
      report.put("fractureStrain", imagePrediction(out, store, r.imagePrediction()));
    }
    if (truth != null && !truth.isEmpty()) {
      report.put("truth", truth);
      if (truth.get("phaseFractions") instanceof Map<?, ?> tf) {
        Map<String, Object> cmp = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : tf.entrySet()) {
          double t = ((Number) e.getValue()).doubleValue();
          double measured = r.fusion().phases().stream()
              .filter(p -> p.phaseName().equals(e.getKey()))
              .mapToDouble(PhaseSummary::areaFraction).sum();
          cmp.put(String.valueOf(e.getKey()), Map.of(
              "truth", t, "measured", measured, "absoluteError", Math.abs(measured - t)));
        }
        report.put("truthComparison", Map.of("phaseFractions", cmp));
      }
    }
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("analysisId", r.analysisId());
    prov.put("runId", r.runId());
    prov.put("nodes", r.graph().nodes());
    prov.put("edges", r.graph().edges());
    prov.put("graph", graphUri);
    prov.put("graphTotals", graphTotals);
    report.put("provenance", prov);

    AtomicFiles.write(out.resolve("report.json"), JSON.writeValueAsBytes(report));
    AtomicFiles.write(out.resolve("report.html"), Html.render(report, r).getBytes(StandardCharsets.UTF_8));
    return report;
  }

  /**
   * The prediction from the phase map (fracture strain): numbers, the stored prediction document
   * (scale, cells), the critical-region overlay and the SHAP waterfall written beside the report.
   */
  static Map<String, Object> imagePrediction(Path out, ArtifactStore store, PropertyPrediction p)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("property", p.property());
    if (!p.available()) {
      m.put("unavailable", p.unavailableReason());
      return m;
    }
    m.put("unit", p.unit());
    m.put("mean", p.mean());
    m.put("std", p.std());
    m.put("modelStd", p.modelStd());
    m.put("samplingStd", p.inputStd());
    m.put("lo95", p.lo95());
    m.put("hi95", p.hi95());
    m.put("modelVersion", p.modelVersion());
    m.put("method", p.method());
    m.put("explanationBase", p.explanationBase());
    m.put("explanation", p.explanation());
    if (p.prediction() != null) {
      Map<?, ?> doc = JSON.readValue(store.get(p.prediction()), Map.class);
      for (String k : List.of("weakestCell", "cellSd", "scale", "cellPredictions",
          "cellsOutsideTrainingFractionRange", "modelCard", "trainingData", "surrogateFidelityR2",
          "shapSurrogateMean", "shapMaxAdditivityError")) {
        if (doc.containsKey(k)) {
          m.put(k, doc.get(k));
        }
      }
    }
    if (p.provenance() != null) {
      for (var g : p.provenance().generated()) {
        if (g.role().equals(PhaseMapPredictionRequest.OVERLAY_ROLE)) {
          AtomicFiles.write(out.resolve("fracture_strain_critical.png"), store.get(g.ref()));
          m.put("criticalRegionsPng", "fracture_strain_critical.png");
        }
      }
    }
    if (p.waterfall() != null) {
      AtomicFiles.write(out.resolve("fracture_strain_shap.png"), store.get(p.waterfall()));
      m.put("waterfallPng", "fracture_strain_shap.png");
    }
    return m;
  }

  /** Percentile-stretched 8-bit rendering of a micrograph (0.5 % / 99.5 %). */
  static BufferedImage display(Micrograph m) {
    float[] sorted = m.pixels().clone();
    Arrays.sort(sorted);
    float lo = sorted[(int) (0.005 * (sorted.length - 1))];
    float hi = sorted[(int) (0.995 * (sorted.length - 1))];
    float span = Math.max(1e-6f, hi - lo);
    BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] dst = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
    float[] px = m.pixels();
    for (int i = 0; i < px.length; i++) {
      int v = Math.round(255 * (px[i] - lo) / span);
      dst[i] = (byte) Math.max(0, Math.min(255, v));
    }
    return img;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bos);
    return bos.toByteArray();
  }

}
