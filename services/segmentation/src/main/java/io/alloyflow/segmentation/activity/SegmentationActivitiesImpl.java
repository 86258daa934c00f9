package io.alloyflow.segmentation.activity;

import io.alloyflow.activity.Heartbeater;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.provenance.SummaryKeys;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.SegmentationOptions;
import io.alloyflow.segmentation.Segmenter;
import io.alloyflow.segmentation.api.SegmentPhasesRequest;
import io.alloyflow.segmentation.api.SegmentPhasesResult;
import io.alloyflow.segmentation.api.SegmentationActivities;
import io.alloyflow.segmentation.measure.PhaseFraction;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Segmentation activities over an artifact store. */
public final class SegmentationActivitiesImpl implements SegmentationActivities {
  private final ArtifactStore store;

  public SegmentationActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public SegmentPhasesResult segmentPhases(SegmentPhasesRequest request) {
    long t0 = System.currentTimeMillis();
    try (Heartbeater beat = new Heartbeater(Activity.getExecutionContext(), "segmentation")) {
      Micrograph m = ArrowIO.micrographFromArrow(store.get(request.micrograph()));
      SegmentationOptions options = request.model() == null
          ? SegmentationOptions.of(request.method(), request.classes())
          : SegmentationOptions.withModel(request.method(), store.localPath(request.model()));
      PhaseSegmentation seg = Segmenter.segment(m, smoothed(options, request.smoothingSigma()));
      ArtifactRef mapRef = store.put(ArrowIO.toArrow(seg.labels()), ArrowIO.MEDIA_TYPE);
      ArtifactRef pngRef = storePng(seg, m, false);
      ArtifactRef overlayRef = storePng(seg, m, true);
      Map<String, Double> fractions = new LinkedHashMap<>();
      Map<String, Double> sigma = new LinkedHashMap<>();
      Map<String, Double> summary = new LinkedHashMap<>();
      for (PhaseFraction f : seg.fractions()) {
        fractions.put(f.className(), f.fraction());
        sigma.put(f.className(), f.standardError());
        summary.put(SummaryKeys.fraction(f.className()), f.fraction());
      }
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      ActivityRecord record = ActivityRecord.builder("segmentation", "segmentation", seg.algorithm())
          .used(request.model() == null
              ? List.of(new ArtifactUse("micrograph", "Micrograph", request.micrograph()))
              : List.of(new ArtifactUse("micrograph", "Micrograph", request.micrograph()),
                  new ArtifactUse("model", "Model", request.model())))
          .generated(List.of(new ArtifactUse("phaseMap", "PhaseMap", mapRef),
              new ArtifactUse("phaseMapPng", "PhaseMap", pngRef),
              new ArtifactUse("overlay", "Overlay", overlayRef)))
          .summary(summary)
          .timing(t0, System.currentTimeMillis() - t0)
          .execution(info.getWorkflowId(), info.getRunId(), info.getAttempt())
          .build();
      return new SegmentPhasesResult(mapRef, pngRef, overlayRef, seg.classNames(), fractions, sigma, record);
    } catch (IllegalArgumentException | io.alloyflow.core.io.FormatException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("artifact store: " + e.getMessage(), "StoreFailure", e);
    }
  }

  private static SegmentationOptions smoothed(SegmentationOptions o, double sigma) {
    return new SegmentationOptions(o.method(), o.classes(), o.model(), sigma, o.localFeatures(),
        o.adaptiveBlockSize(), o.fractionTiles(), o.seed());
  }

  private ArtifactRef storePng(PhaseSegmentation seg, Micrograph m, boolean overlay) throws IOException {
    Path tmp = Files.createTempFile("labels-", ".png");
    try {
      if (overlay) {
        LabelMapIO.writeOverlayPng(m, seg.labels(), tmp);
      } else {
        LabelMapIO.writePng(seg.labels(), tmp);
      }
      return store.putFile(tmp, "image/png");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
