package io.alloyflow.workflows.inclusion;

import io.alloyflow.workflows.ingest.IngestActivities;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The file side of an inclusion scan, served by the ingest worker (the process that may read the
 * data roots) on {@link IngestActivities#TASK_QUEUE}: reading a field's BSE image and the list of
 * its spot spectra, and acquiring chosen spectra. With recorded files "acquiring" means reading
 * and validating the EMSA file; at a microscope this activity would drive the EDS detector.
 */
@ActivityInterface
public interface InclusionScanActivities {

  /** Decodes and stores the field's BSE image and lists its spot spectra. */
  @ActivityMethod
  IngestedField ingestField(String scanId, ScanField field, double pixelSizeUm);

  /** Acquires the given spot spectra of a field (reads, validates and stores each EMSA file). */
  @ActivityMethod
  AcquiredSpectra acquireSpectra(String scanId, String fieldName, List<SpotFile> spots);
}
