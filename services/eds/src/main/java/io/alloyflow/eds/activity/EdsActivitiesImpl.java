package io.alloyflow.eds.activity;

import io.alloyflow.activity.Heartbeater;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.eds.EdsAnalyzer;
import io.alloyflow.eds.api.EdsActivities;
import io.alloyflow.eds.api.EdsSpectrumRequest;
import io.alloyflow.eds.api.EdsSpectrumResult;
import io.alloyflow.eds.api.ElementLine;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EDS activities over an artifact store. */
public final class EdsActivitiesImpl implements EdsActivities {
  private final ArtifactStore store;

  public EdsActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public EdsSpectrumResult analyzeSpectrum(EdsSpectrumRequest request) {
    long t0 = System.currentTimeMillis();
    // heartbeats while it decodes and sums a spectrum image (can take long for large cubes), so a
    // workflow's heartbeat timeout notices a dead worker early
    try (Heartbeater hb = new Heartbeater(Activity.getExecutionContext(), "eds " + request.kind())) {
      byte[] bytes = store.get(request.data());
      Spectrum spectrum;
      if ("spectrum".equals(request.kind())) {
        spectrum = EmsaIO.read(new String(bytes, StandardCharsets.ISO_8859_1), request.data().uri());
      } else {
        SpectrumImage si = ArrowIO.spectrumImageFromArrow(bytes);
        spectrum = new Spectrum(si.sumSpectrum(), si.axis(),
            si.liveTimePerPixelS() * si.width() * si.height(), Double.NaN, si.beamEnergyKeV(),
            Double.NaN, Double.NaN, "sum spectrum of " + si.width() + "x" + si.height() + " map", Map.of());
      }
      EdsAnalyzer.CalibratedSpectrum cal = EdsAnalyzer.calibrate(spectrum);
      List<ElementLine> elements = EdsAnalyzer.identify(cal.spectrum()).stream()
          .map(e -> new ElementLine(e.symbol(), e.family(), e.energyEv(), e.netCounts(),
              e.netCountsSigma(), e.confidence(), e.overlapWarnings()))
          .toList();
      Path tmp = Files.createTempFile("calibrated-", ".msa");
      ArtifactRef calibrated;
      try {
        EmsaIO.write(cal.spectrum(), tmp);
        calibrated = store.putFile(tmp, "application/x-emsa");
      } finally {
        Files.deleteIfExists(tmp);
      }
      Map<String, String> params = new LinkedHashMap<>();
      params.put("input", request.kind());
      params.put("calibration", cal.algorithm().name() + "@" + cal.algorithm().version());
      // standardless composition of the identified metallic elements, for composition models;
      // a spectrum that cannot be quantified (missing beam conditions, no usable line) has none
      Map<String, Double> composition = new LinkedHashMap<>();
      Map<String, Double> compositionSigma = new LinkedHashMap<>();
      List<String> quantElements = elements.stream().map(ElementLine::symbol)
          .filter(s -> !s.equals("O") && !s.equals("C") && !s.equals("N")).distinct().toList();
      if (!quantElements.isEmpty()) {
        try {
          var q = io.alloyflow.eds.quant.StandardlessQuantifier.quantify(cal.spectrum(), quantElements,
              Map.of(), Map.of(), io.alloyflow.eds.quant.QuantOptions.defaults());
          q.quantification().elements().forEach((sym, eq) -> {
            if (eq.atomFraction() > 0 && Double.isFinite(eq.atomFraction())) {
              composition.put(sym, eq.atomFraction());
              compositionSigma.put(sym, eq.atomFractionSigma());
            }
          });
          params.put("quantification",
              "standardless@" + io.alloyflow.eds.quant.StandardlessQuantifier.VERSION);
        } catch (IllegalArgumentException | IllegalStateException e) {
          composition.clear();
          compositionSigma.clear();
        }
      }
      AlgorithmInfo algo = new AlgorithmInfo("eds-calibrate-identify", "1.0",
          cal.algorithm().reference(), params);
      Map<String, Double> summary = new LinkedHashMap<>();
      summary.put("offsetEv", cal.offsetEv());
      summary.put("gainEvPerChannel", cal.gainEv());
      summary.put("elements", (double) elements.size());
      // the calibration procedure (not its fitted offset and gain, which are this spectrum's),
      // content-addressed: one RuleSet node shared by every spectrum calibrated by it
      ArtifactRef calibrationRules = store.put(("alloyflow EDS energy calibration\n"
              + "algorithm=" + cal.algorithm().name() + "@" + cal.algorithm().version() + "\n"
              + "reference=" + cal.algorithm().reference() + "\n")
          .getBytes(StandardCharsets.UTF_8), "text/plain");
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      ActivityRecord record = ActivityRecord.builder("eds", "eds", algo)
          .used(List.of(new ArtifactUse("spectrum", "spectrum".equals(request.kind()) ? "Spectrum" : "SpectrumImage",
              request.data()), new ArtifactUse("calibration", "RuleSet", calibrationRules)))
          .generated(List.of(new ArtifactUse("calibratedSpectrum", "Spectrum", calibrated)))
          .summary(summary)
          .timing(t0, System.currentTimeMillis() - t0)
          .execution(info.getWorkflowId(), info.getRunId(), info.getAttempt())
          .build();
      return new EdsSpectrumResult(calibrated, cal.offsetEv(), cal.gainEv(), elements, record,
          composition, compositionSigma);
    } catch (IllegalArgumentException | FormatException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("artifact store: " + e.getMessage(), "StoreFailure", e);
    }
  }
}
