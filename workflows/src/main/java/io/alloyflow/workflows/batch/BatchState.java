package io.alloyflow.workflows.batch;

import java.util.List;

/**
 * What a batch carries from one workflow run to the next (continue-as-new).
 *
 * @param next index of the first item not yet started
 * @param results outcomes of the items 0..next-1, in batch order
 * @param runs workflow runs so far
 */
public record BatchState(int next, List<BatchItemResult> results, int runs) {
  public BatchState {
    results = List.copyOf(results);
    if (next != results.size()) {
      throw new IllegalArgumentException("a carried batch state must hold one outcome per started item: "
          + next + " started, " + results.size() + " outcomes");
    }
  }
}
