package io.alloyflow.workflows.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.workflows.batch.BatchAnalysisWorkflow;
import io.alloyflow.workflows.batch.BatchFolder;
import io.alloyflow.workflows.batch.BatchItem;
import io.alloyflow.workflows.batch.BatchItemResult;
import io.alloyflow.workflows.batch.BatchProgress;
import io.alloyflow.workflows.batch.BatchRequest;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alloyflow batch DIR}: every micrograph of a folder through the batch workflow in this
 * process (embedded stack, all workers), with progress lines and a {@code batch.json} of every
 * item's outcome. Exit code 0 when every item completed, 3 when some failed (their reasons are
 * printed and in the file), 2 for bad input.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = "Analyse every micrograph (.tif, .tiff, .png) of a folder with the same settings.")
final class BatchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "folder of micrographs")
  Path dir;

  @Option(names = "--alloy-system", defaultValue = "unknown", description = "dp-steel, al-alloy or unknown (default)")
  String alloySystem;

  @Option(names = "--method", defaultValue = "otsu", description = "segmentation method (default otsu)")
  String method;

  @Option(names = "--classes", defaultValue = "2", description = "phase classes (default 2)")
  int classes;

  @Option(names = "--pixel-size-um", defaultValue = "NaN", description = "pixel size in um when a file carries none")
  double pixelSizeUm;

  @Option(names = "--max-parallel", defaultValue = "2", description = "analyses at once (default 2)")
  int maxParallel;

  @Option(names = "--items-per-run", defaultValue = "100",
      description = "items per workflow run before it continues as new (default 100)")
  int itemsPerRun;

  @Option(names = "--out", required = true, description = "output directory for batch.json")
  Path out;

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a directory");
    }
    Path real = dir.toRealPath();
    List<BatchItem> items = BatchFolder.items(real);
    String batchId = "batch-" + UUID.randomUUID();
    BatchRequest req = new BatchRequest(batchId, items, alloySystem, method, classes, pixelSizeUm, maxParallel,
        itemsPerRun);
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    try (AlloyflowStack s = AlloyflowStack.start(stack.settings().withDataRoots(List.of(real)),
        m -> System.out.println("  " + m))) {
      s.startWorkers();
      System.out.printf("stack ready in %.1f s; batch %s: %d micrographs, %d at once%n",
          (System.nanoTime() - t0) / 1e9, batchId, items.size(), req.maxParallel());
      BatchAnalysisWorkflow wf = s.client().newWorkflowStub(BatchAnalysisWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(BatchAnalysisWorkflow.TASK_QUEUE).setWorkflowId(batchId).build());
      WorkflowClient.start(wf::run, req, null);
      WorkflowStub untyped = s.client().newUntypedWorkflowStub(batchId);
      BatchAnalysisWorkflow query = s.client().newWorkflowStub(BatchAnalysisWorkflow.class, batchId);
      BatchProgress result = WorkflowPoller.await(untyped, BatchProgress.class, () -> {
        BatchProgress p = query.progress();
        return String.format("  %d/%d done, %d failed, %d running", p.completed() + p.failed(), p.total(),
            p.failed(), p.running());
      });
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("batchId", batchId);
      doc.put("folder", real.toString());
      doc.put("total", result.total());
      doc.put("completed", result.completed());
      doc.put("failed", result.failed());
      doc.put("runs", result.runs());
      doc.put("seconds", (System.nanoTime() - t0) / 1e9);
      doc.put("items", result.items());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("batch.json").toFile(), doc);
      System.out.printf("done in %.1f s: %d completed, %d failed (%d workflow runs); %s%n",
          (System.nanoTime() - t0) / 1e9, result.completed(), result.failed(), result.runs(),
          out.resolve("batch.json"));
      for (BatchItemResult r : result.items()) {
        if (r.status().equals(BatchItemResult.FAILED)) {
          System.out.println("  FAILED " + r.fileName() + ": " + r.error());
        }
      }
      return result.failed() > 0 ? 3 : 0;
    }
  }
}
