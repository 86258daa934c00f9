package io.alloyflow.workflows.ingest;

import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.activity.Heartbeater;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs {@link Ingest} for submitted analyses. Paths are checked against this worker's own data
 * roots again (a worker never trusts a path only because a gateway accepted it); uploads are read
 * from the store, whose reads verify the content hash. Bad files fail the analysis at once
 * (non-retryable, with the reason); I/O trouble is retried.
 */
public final class IngestActivitiesImpl implements IngestActivities {
  private final ArtifactStore store;
  private final DataRoots roots;
  private final long maxFileBytes;

  public IngestActivitiesImpl(ArtifactStore store, DataRoots roots, long maxFileBytes) {
    this.store = store;
    this.roots = roots;
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public IngestedInputs ingest(IngestRequest r) {
    // heartbeats: a killed worker is noticed after the workflow's heartbeat timeout
    try (Heartbeater hb = new Heartbeater(Activity.getExecutionContext(), "ingest " + r.analysisId())) {
      Ingest.Source micro = source("micrographPath", r.micrograph());
      Ingest.Source eds = r.eds() == null ? null : source("edsPath", r.eds());
      AnalysisInputs in = Ingest.ingest(store, r.analysisId(), micro, r.pixelSizeUm(), eds);
      return new IngestedInputs(in.micrographRef(), in.eds(), in.edsKind(), in.ingest());
    } catch (InputRejectedException e) {
      throw badInput(e.getMessage());
    } catch (FormatException | IllegalArgumentException e) {
      throw badInput(e.getMessage());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("ingest I/O error: " + e.getMessage(), "IngestIO");
    }
  }

  private Ingest.Source source(String field, InputSource s) throws InputRejectedException, IOException {
    if (s.path() != null) {
      return new Ingest.Source(roots.resolve(field, s.path(), maxFileBytes), s.fileName());
    }
    return new Ingest.Source(store.localPath(s.upload()), s.fileName());
  }

  private static ApplicationFailure badInput(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, AnalysisWorkflowImpl.BAD_INPUT);
  }
}
