package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks Temporal and Neo4j every {@code periodMs} on its own thread and keeps the last answer, so
 * that {@code GET /v1/health} answers from memory in microseconds, also while the workers are busy
 * (the health of a loaded server is exactly when it is asked for).
 */
public final class HealthMonitor implements AutoCloseable {
  private final AlloyflowStack stack;
  private final ScheduledExecutorService timer;
  private volatile Map<String, Object> last;
  private volatile long checkedAt;

  public HealthMonitor(AlloyflowStack stack, long periodMs) {
    this.stack = stack;
    this.last = Map.of("status", "STARTING");
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "health-monitor");
      t.setDaemon(true);
      return t;
    });
    check();
    timer.scheduleWithFixedDelay(this::check, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  private void check() {
    Map<String, Object> h = new LinkedHashMap<>();
    boolean ok = true;
    try {
      stack.client().getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(3, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      h.put("temporal", "UP");
    } catch (RuntimeException e) {
      ok = false;
      h.put("temporal", "DOWN");
    }
    try {
      stack.graph().verifyConnectivity();
      h.put("neo4j", "UP");
    } catch (RuntimeException e) {
      ok = false;
      h.put("neo4j", "DOWN");
    }
    h.put("status", ok ? "UP" : "DOWN");
    last = Map.copyOf(h);
    checkedAt = System.currentTimeMillis();
  }

  /** The last result, with its age in milliseconds. */
  public Map<String, Object> current() {
    Map<String, Object> m = new LinkedHashMap<>(last);
    m.put("checkedMsAgo", Math.max(0, System.currentTimeMillis() - checkedAt));
    return m;
  }

  public boolean up() {
    return "UP".equals(last.get("status"));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
