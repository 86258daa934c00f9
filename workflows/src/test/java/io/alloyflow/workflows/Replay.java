package io.alloyflow.workflows;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

/**
 * Replays a recorded workflow history as {@code WorkflowReplayer} does, but with the workflow
 * worker's 10 s deadlock detection instead of the default 1 s: on a saturated two-core machine the
 * first replay of a workflow type (class loading, JIT) can hold its thread over a second without
 * any deadlock, which the default reports as a replay failure. A real non-determinism still fails.
 */
public final class Replay {
  private Replay() {}

  /** Replays the history (JSON as {@code WorkflowExecutionHistory.toJson}) on the implementation. */
  public static void replay(String json, Class<?> implementation) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker w = env.newWorker("replay", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
      w.registerWorkflowImplementationTypes(implementation);
      w.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json));
    }
  }
}
