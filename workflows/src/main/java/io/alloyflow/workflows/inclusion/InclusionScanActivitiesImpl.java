package io.alloyflow.workflows.inclusion;

import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.ingest.DataRoots;
import io.alloyflow.workflows.ingest.Ingest;
import io.alloyflow.workflows.ingest.InputRejectedException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads scan fields and acquires spot spectra under this worker's own data roots (paths are
 * checked again here, whatever the gateway accepted). Bad files fail at once (non-retryable, with
 * the reason: file, line and what was expected); I/O trouble is retried.
 */
public final class InclusionScanActivitiesImpl implements InclusionScanActivities {
  /** Most spot spectra listed for one field. */
  public static final int MAX_SPOTS = 10_000;

  private final ArtifactStore store;
  private final DataRoots roots;
  private final long maxFileBytes;

  public InclusionScanActivitiesImpl(ArtifactStore store, DataRoots roots, long maxFileBytes) {
    this.store = store;
    this.roots = roots;
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public IngestedField ingestField(String scanId, ScanField field, double pixelSizeUm) {
    try {
      Path img = roots.resolve("image", field.image(), maxFileBytes);
      AnalysisInputs in = Ingest.ingest(store, scanId, new Ingest.Source(img, null), pixelSizeUm,
          null);
      List<ActivityRecord> recs = new ArrayList<>();
      for (ActivityRecord r : in.ingest()) {
        recs.add(renamed(r, r.step() + ":" + field.name()));
      }
      List<SpotFile> spots = field.spotsDir() == null ? List.of() : spots(field);
      return new IngestedField(field.name(), in.micrographRef(), spots, recs);
    } catch (InputRejectedException e) {
      throw badInput("field " + field.name() + ": " + e.getMessage());
    } catch (FormatException | IllegalArgumentException e) {
      throw badInput("field " + field.name() + ": " + e.getMessage());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("ingest I/O error: " + e.getMessage(), "IngestIO");
    }
  }

  private List<SpotFile> spots(ScanField field) throws IOException, InputRejectedException {
    Path csv = roots.resolve("spotsDir", Path.of(field.spotsDir(), "spots.csv").toString(),
        maxFileBytes);
    Path dir = csv.getParent();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).strip().replace(" ", "").equalsIgnoreCase("file,x,y")) {
      throw new IllegalArgumentException("spots.csv: expected the header 'file,x,y'");
    }
    List<SpotFile> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",");
      double x;
      double y;
      try {
        x = Double.parseDouble(f[1].strip());
        y = Double.parseDouble(f[2].strip());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("spots.csv, line " + (i + 1)
            + ": expected 'file,x,y' with numeric pixel coordinates");
      }
      if (f.length != 3 || !(x >= 0) || !(y >= 0) || Double.isInfinite(x) || Double.isInfinite(y)) {
        throw new IllegalArgumentException("spots.csv, line " + (i + 1)
            + ": expected 'file,x,y' with non-negative finite pixel coordinates");
      }
      Path file = roots.resolve("spotsDir", dir.resolve(f[0].strip()).toString(), maxFileBytes);
      if (!file.getParent().equals(dir)) {
        throw new IllegalArgumentException("spots.csv, line " + (i + 1)
            + ": the spectrum file must lie in the spots folder itself");
      }
      out.add(new SpotFile(x, y, file.toString()));
      if (out.size() > MAX_SPOTS) {
        throw new IllegalArgumentException("spots.csv lists more than " + MAX_SPOTS + " spectra");
      }
    }
    return out;
  }

  @Override
  public AcquiredSpectra acquireSpectra(String scanId, String fieldName, List<SpotFile> spots) {
    long t0 = System.currentTimeMillis();
    try {
      List<ArtifactRef> refs = new ArrayList<>();
      List<ArtifactUse> gen = new ArrayList<>();
      for (SpotFile s : spots) {
        Path p = roots.resolve("spotsDir", s.file(), maxFileBytes);
        // validates with a clear error (file and line) before anything is stored
        EmsaIO.read(p);
        ArtifactRef ref = store.putFile(p, "application/x-emsa");
        refs.add(ref);
        gen.add(new ArtifactUse("spectrum-" + gen.size(), "Spectrum", ref));
      }
      Map<String, String> params = new LinkedHashMap<>();
      params.put("fieldName", fieldName);
      params.put("spots", Integer.toString(spots.size()));
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      ActivityRecord rec = ActivityRecord.builder("eds-acquire:" + fieldName, "ingest",
              new AlgorithmInfo("emsa-spot-read", "1.0", "ISO 22029 (EMSA/MAS)", params))
          .generated(gen)
          .summary(Map.of("acquired", (double) spots.size()))
          .timing(t0, System.currentTimeMillis() - t0)
          .execution(info.getWorkflowId(), info.getRunId(), info.getAttempt())
          .build();
      return new AcquiredSpectra(refs, rec);
    } catch (InputRejectedException e) {
      throw badInput("field " + fieldName + ": " + e.getMessage());
    } catch (FormatException | IllegalArgumentException e) {
      throw badInput("field " + fieldName + ": " + e.getMessage());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("acquisition I/O error: " + e.getMessage(), "IngestIO");
    }
  }

  static ActivityRecord renamed(ActivityRecord r, String step) {
    return new ActivityRecord(step, r.service(), r.algorithm(), r.used(), r.generated(),
        r.summary(), r.environment(), r.seed(), r.startedAtEpochMs(), r.durationMs(),
        r.workflowId(), r.runId(), r.attempt());
  }

  private static ApplicationFailure badInput(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, AnalysisWorkflowImpl.BAD_INPUT);
  }
}
