package io.alloyflow.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cancelled activity stops at its next check ({@link Heartbeater#checkingLog()}) instead of
 * running its remaining steps and committing; an activity nobody cancels runs every step.
 */
class HeartbeaterTest {
  @ActivityInterface
  public interface Steps {
    int run(int steps);
  }

  /** Logs one line per step, as Training.run logs one per fold; commits after the last step. */
  static final class StepsImpl implements Steps {
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger committed = new AtomicInteger();

    @Override
    public int run(int steps) {
      try (Heartbeater hb = new Heartbeater(Activity.getExecutionContext(), "steps")) {
        PrintStream log = hb.checkingLog();
        for (int i = 0; i < steps; i++) {
          sleep(50);
          done.incrementAndGet();
          log.printf("step %d done%n", i);
        }
        hb.checkStillWanted();
        committed.incrementAndGet();
        return done.get();
      }
    }

    private static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  private Steps stub() {
    return env.newActivityStub(Steps.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(30)).build());
  }

  @Test
  void aCancelledActivityStopsAtItsNextStepAndDoesNotCommit() {
    StepsImpl impl = new StepsImpl();
    env.registerActivitiesImplementations(impl);
    env.setActivityHeartbeatListener(String.class, detail -> env.requestCancelActivity());
    assertThrows(RuntimeException.class, () -> stub().run(200));
    assertTrue(impl.done.get() < 200, impl.done.get() + " of 200 steps ran after the cancellation");
    assertEquals(0, impl.committed.get(), "a cancelled activity committed its result");
  }

  @Test
  void anActivityNobodyCancelsRunsEveryStep() {
    StepsImpl impl = new StepsImpl();
    env.registerActivitiesImplementations(impl);
    assertEquals(20, stub().run(20));
    assertEquals(1, impl.committed.get());
  }
}
