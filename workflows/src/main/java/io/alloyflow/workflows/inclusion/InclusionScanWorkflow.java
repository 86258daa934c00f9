package io.alloyflow.workflows.inclusion;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An inclusion scan: per field, ingest (BSE image and the list of its spot spectra), particle
 * detection and BSE-first screening, EDS acquisition for the uncertain particles only,
 * classification; provenance of every field in the graph; a report for the scan.
 */
@WorkflowInterface
public interface InclusionScanWorkflow {
  String TASK_QUEUE = io.alloyflow.workflows.analysis.AnalysisWorkflow.TASK_QUEUE;

  @WorkflowMethod
  InclusionScanReport scan(InclusionScanRequest request);

  /** The report so far (status {@code RUNNING} until the last field is done). */
  @QueryMethod
  InclusionScanReport progress();
}
