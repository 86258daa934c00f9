package io.alloyflow.activity;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats an activity from a daemon thread while its (uninterruptible) computation runs, so a
 * workflow that sets a heartbeat timeout notices a dead worker within that timeout instead of
 * after the whole start-to-close timeout. Temporal throttles heartbeats to the server, so a short
 * period costs nothing; a heartbeat that reports the activity cancelled or timed out stops the
 * thread.
 */
public final class Heartbeater implements AutoCloseable {
  /** Heartbeat period (the workflows' heartbeat timeouts are several times longer). */
  public static final long PERIOD_MS = 2_000;

  private final ScheduledExecutorService timer;

  /**
   * Starts heartbeating at once and every {@link #PERIOD_MS} until closed.
   *
   * @param ctx the running activity's context ({@code Activity.getExecutionContext()})
   * @param detail what the activity is doing; sent as the heartbeat detail and names the thread
   */
  public Heartbeater(ActivityExecutionContext ctx, String detail) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heartbeat-" + detail);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> {
      try {
        ctx.heartbeat(detail);
      } catch (ActivityCompletionException e) {
        timer.shutdown();
      }
    }, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
