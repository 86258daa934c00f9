package io.alloyflow.workflows.batch;

import java.util.List;

/**
 * Where a batch stands.
 *
 * @param batchId the batch
 * @param status {@code RUNNING} or {@code DONE}
 * @param total micrographs in the batch
 * @param completed analyses completed
 * @param failed analyses failed
 * @param running analyses running now
 * @param runs workflow runs so far (continue-as-new)
 * @param items outcomes so far, in batch order (a query returns the failed ones and the last 20
 *     completed; the result returns all)
 */
public record BatchProgress(String batchId, String status, int total, int completed, int failed, int running,
    int runs, List<BatchItemResult> items) {
  public BatchProgress {
    items = List.copyOf(items);
  }
}
