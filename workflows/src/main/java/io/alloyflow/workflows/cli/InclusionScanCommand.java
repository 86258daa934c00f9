package io.alloyflow.workflows.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.inclusion.FieldOutcome;
import io.alloyflow.workflows.inclusion.InclusionScanFolder;
import io.alloyflow.workflows.inclusion.InclusionScanReport;
import io.alloyflow.workflows.inclusion.InclusionScanRequest;
import io.alloyflow.workflows.inclusion.InclusionScanWorkflow;
import io.alloyflow.workflows.inclusion.ScanField;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alloyflow inclusion-scan DIR --out OUT}: every BSE field image of a folder (with the EDS
 * spot spectra of its {@code NAME.spots/} folders) through the inclusion-scan workflow in this
 * process (embedded stack, all workers): BSE-first screening, EDS only for the uncertain
 * particles, a report ({@code OUT/inclusion-scan.json}). Exit code 0 when every field was
 * classified, 3 when some failed (reasons printed and in the report), 2 for bad input.
 */
@Command(
    name = "inclusion-scan",
    mixinStandardHelpOptions = true,
    description = "Inclusion scan of a folder of BSE fields: BSE-first screening, EDS only for"
        + " the uncertain particles, cleanliness report.")
final class InclusionScanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR",
      description = "folder of BSE field images (.tif, .tiff, .png), each with an optional"
          + " NAME.spots/ folder (spots.csv: file,x,y + EMSA spectra)")
  Path dir;

  @Option(names = "--confidence", defaultValue = "0.9",
      description = "BSE screening confidence below which a particle gets EDS (default 0.9;"
          + " 0 = never, 1.01 = always)")
  double confidence;

  @Option(names = "--pixel-size-um", defaultValue = "NaN",
      description = "pixel size in um when an image carries none")
  double pixelSizeUm;

  @Option(names = "--max-parallel", defaultValue = "2", description = "fields at once (default 2)")
  int maxParallel;

  @Option(names = "--field-overhead-s", defaultValue = "3",
      description = "instrument time per field: stage move, settling, BSE frame (default 3 s)")
  double fieldOverheadS;

  @Option(names = "--eds-dwell-s", defaultValue = "2",
      description = "instrument time per EDS acquisition (default 2 s)")
  double edsDwellS;

  @Option(names = "--out", required = true, description = "output directory for the report")
  Path out;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a directory");
    }
    Path real = dir.toRealPath();
    List<ScanField> fields = InclusionScanFolder.fields(real);
    String scanId = "scan-" + UUID.randomUUID();
    InclusionScanRequest req = new InclusionScanRequest(scanId, "", fields, confidence,
        pixelSizeUm, maxParallel, fieldOverheadS, edsDwellS);
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    try (AlloyflowStack s = AlloyflowStack.start(stack.settings().withDataRoots(List.of(real)),
        m -> System.out.println("  " + m))) {
      s.startWorkers();
      System.out.printf(Locale.ROOT, "stack ready in %.1f s; scan %s: %d fields, %d with spot"
          + " spectra%n", (System.nanoTime() - t0) / 1e9, scanId, fields.size(),
          fields.stream().filter(f -> f.spotsDir() != null).count());
      InclusionScanWorkflow wf = s.client().newWorkflowStub(InclusionScanWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(InclusionScanWorkflow.TASK_QUEUE)
              .setWorkflowId(scanId).build());
      WorkflowClient.start(wf::scan, req);
      WorkflowStub untyped = s.client().newUntypedWorkflowStub(scanId);
      InclusionScanWorkflow query = s.client().newWorkflowStub(InclusionScanWorkflow.class, scanId);
      InclusionScanReport r = WorkflowPoller.await(untyped, InclusionScanReport.class, () -> {
        InclusionScanReport p = query.progress();
        return p == null ? "" : String.format(Locale.ROOT,
            "  %d/%d fields done, %d failed; %d particles, %d EDS acquisitions, %d skipped",
            p.fieldsCompleted() + p.fieldsFailed(), p.totalFields(), p.fieldsFailed(),
            p.particles(), p.edsAcquired(), p.edsSkipped());
      });
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(out.resolve("inclusion-scan.json").toFile(), r);
      System.out.printf(Locale.ROOT, "done in %.1f s: %d fields (%d failed), %d particles, %d EDS"
          + " acquisitions, %d skipped; %.0f inclusions per instrument hour (%.3f h; %.3f h with"
          + " EDS on every particle); %s%n", (System.nanoTime() - t0) / 1e9, r.totalFields(),
          r.fieldsFailed(), r.particles(), r.edsAcquired(), r.edsSkipped(), r.inclusionsPerHour(),
          r.instrumentHours(), r.instrumentHoursAllEds(), out.resolve("inclusion-scan.json"));
      for (var e : new java.util.TreeMap<>(r.countsPerClass()).entrySet()) {
        System.out.printf(Locale.ROOT, "  %-18s %5d  %8.1f /mm2  %8.1f ppm area%n", e.getKey(),
            e.getValue(), r.countsPerMm2().get(e.getKey()), r.areaFractionPpm().get(e.getKey()));
      }
      for (FieldOutcome f : r.fields()) {
        if (f.status().equals("FAILED")) {
          System.out.println("  FAILED " + f.name() + ": " + f.error());
        }
      }
      return r.fieldsFailed() > 0 ? 3 : 0;
    }
  }
}
