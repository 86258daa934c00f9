package io.alloyflow.workflows.cli;

import io.temporal.client.WorkflowStub;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for a workflow started by a local command ({@code batch}, {@code inclusion-scan}) and
 * prints a progress line, from the workflow's query, whenever it changes.
 */
final class WorkflowPoller {
  private WorkflowPoller() {}

  /**
   * The workflow's result.
   *
   * @param progressLine asks the workflow for its progress and formats it (empty: nothing to say
   *     yet); a query that finds no worker-side state (between two runs of a continue-as-new) is
   *     asked again later
   */
  static <R> R await(WorkflowStub workflow, Class<R> type, Supplier<String> progressLine) {
    String last = "";
    while (true) {
      try {
        return workflow.getResult(5, TimeUnit.SECONDS, type);
      } catch (TimeoutException e) {
        String line;
        try {
          line = progressLine.get();
        } catch (RuntimeException q) {
          continue;
        }
        if (line != null && !line.isEmpty() && !line.equals(last)) {
          System.out.println(line);
          last = line;
        }
      }
    }
  }
}
