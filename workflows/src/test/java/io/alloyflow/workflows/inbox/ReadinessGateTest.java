package io.alloyflow.workflows.inbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate releases a group only when every file of it is complete and quiet. */
class ReadinessGateTest {
  @TempDir Path dir;
  final AtomicLong now = new AtomicLong(1_000_000);

  private Path file(String name, int bytes, long mtime) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, new byte[bytes]);
    Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
    return p;
  }

  @Test
  void quietFileIsTakenAfterTheSettleTimeAndNotBefore() throws Exception {
    ReadinessGate gate = new ReadinessGate(2_000, 60_000, now::get);
    Path m = file("a.tif", 100, now.get() - 10_000);
    assertFalse(gate.ready(m), "first sight: nothing known about its history yet");
    now.addAndGet(1_000);
    assertFalse(gate.ready(m), "unchanged for 1 s of the 2 s asked");
    now.addAndGet(1_500);
    assertTrue(gate.ready(m));
  }

  @Test
  void fileStillGrowingIsNotTaken() throws Exception {
    ReadinessGate gate = new ReadinessGate(2_000, 60_000, now::get);
    Path m = file("b.tif", 100, now.get() - 10_000);
    gate.ready(m);
    for (int i = 0; i < 5; i++) {
      now.addAndGet(2_500);
      Files.write(m, new byte[50], StandardOpenOption.APPEND);
      Files.setLastModifiedTime(m, FileTime.fromMillis(now.get()));
      assertFalse(gate.ready(m), "grew since the last poll (poll " + i + ")");
    }
    now.addAndGet(2_500);
    assertTrue(gate.ready(m), "quiet for 2.5 s after the last write");
  }

  @Test
  void recentlyModifiedFileWaitsEvenWhenUnchangedBetweenTwoPolls() throws Exception {
    ReadinessGate gate = new ReadinessGate(2_000, 60_000, now::get);
    Path m = file("c.tif", 100, now.get());
    gate.ready(m);
    now.addAndGet(100);
    // a writer that paused for 100 ms: same size and time at both polls but too young
    assertFalse(gate.ready(m));
  }

  @Test
  void companionStillBeingCopiedHoldsTheMicrographBack() throws Exception {
    ReadinessGate gate = new ReadinessGate(1_000, 60_000, now::get);
    Path m = file("d.tif", 100, now.get() - 10_000);
    gate.ready(m);
    now.addAndGet(1_500);
    Path eds = file("d.msa", 10, now.get());
    assertFalse(gate.ready(m), "a companion appeared: the group changed");
    now.addAndGet(1_500);
    assertTrue(gate.ready(m));
    assertTrue(Files.exists(eds));
  }

  @Test
  void namedCompanionThatNeverArrivesIsReleasedAfterTheTimeoutForRejection() throws Exception {
    ReadinessGate gate = new ReadinessGate(1_000, 30_000, now::get);
    Path m = file("e.tif", 100, now.get() - 10_000);
    Files.writeString(dir.resolve("e.json"), "{\"eds\": \"e-area1.msa\"}");
    Files.setLastModifiedTime(dir.resolve("e.json"), FileTime.fromMillis(now.get() - 10_000));
    gate.ready(m);
    now.addAndGet(5_000);
    assertFalse(gate.ready(m), "waiting for e-area1.msa");
    now.addAndGet(26_000);
    assertTrue(gate.ready(m), "released after 31 s so that the processor can say what is missing");
  }

  @Test
  void rplWithoutItsDataFileIsIncomplete() throws Exception {
    Path m = file("f.tif", 100, 0);
    file("f.rpl", 10, 0);
    InboxGroup g = InboxGroup.of(m, null, Sidecar.NONE);
    assertTrue(g.missing().contains("f.raw"), g.missing().toString());
    file("f.raw", 10, 0);
    assertTrue(InboxGroup.of(m, null, Sidecar.NONE).missing().isEmpty());
  }
}
