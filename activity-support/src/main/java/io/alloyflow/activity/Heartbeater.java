package io.alloyflow.activity;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats an activity from a daemon thread while its (uninterruptible) computation runs, so a
 * workflow that sets a heartbeat timeout notices a dead worker within that timeout instead of
 * after the whole start-to-close timeout. Temporal throttles heartbeats to the server, so a short
 * period costs nothing; a heartbeat that reports the activity cancelled or timed out stops the
 * thread and is remembered: {@link #checkStillWanted()} (or a write to {@link #checkingLog()})
 * then throws it, so a long computation that calls it at its natural steps (a fold, an epoch)
 * stops there instead of running on, and committing its result, after its workflow gave it up.
 */
public final class Heartbeater implements AutoCloseable {
  /** Heartbeat period (the workflows' heartbeat timeouts are several times longer). */
  public static final long PERIOD_MS = 2_000;

  private final ScheduledExecutorService timer;
  private volatile ActivityCompletionException stopped;

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
        stopped = e;
        timer.shutdown();
      }
    }, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Throws the cancellation (or timeout) a heartbeat reported, if any; returns otherwise. Call it
   * at the computation's steps and before anything that must not happen for an abandoned activity
   * (registering a model, writing a result).
   *
   * @throws ActivityCompletionException the activity was cancelled or timed out
   */
  public void checkStillWanted() {
    ActivityCompletionException e = stopped;
    if (e != null) {
      throw e;
    }
  }

  /**
   * A log for a computation that reports its steps as text: the text is discarded, and every
   * write first calls {@link #checkStillWanted()}.
   */
  public PrintStream checkingLog() {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        checkStillWanted();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        checkStillWanted();
      }
    }, true);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
