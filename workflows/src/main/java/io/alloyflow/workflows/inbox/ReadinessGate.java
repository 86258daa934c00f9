package io.alloyflow.workflows.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides when a dropped micrograph may be taken: when it and every companion file have kept the
 * same size and modification time for {@code settleMillis} and the newest of them is at least that
 * old (instrument PCs write large files slowly, and copy companions one after the other). A group
 * whose sidecar names a file that never arrives is released after {@code companionTimeoutMillis}
 * so that the processor can reject it with the reason, instead of waiting for ever.
 */
final class ReadinessGate {
  private record Seen(List<String> fingerprint, long firstSeen, long stableSince) {}

  private final long settleMillis;
  private final long companionTimeoutMillis;
  private final LongSupplier clock;
  private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

  ReadinessGate(long settleMillis, long companionTimeoutMillis, LongSupplier clock) {
    if (settleMillis < 0 || companionTimeoutMillis < settleMillis) {
      throw new IllegalArgumentException("need 0 <= settle <= companion timeout, found "
          + settleMillis + " ms and " + companionTimeoutMillis + " ms");
    }
    this.settleMillis = settleMillis;
    this.companionTimeoutMillis = companionTimeoutMillis;
    this.clock = clock;
  }

  /** Whether the micrograph's group is complete and quiet. */
  boolean ready(Path micrograph) {
    long now = clock.getAsLong();
    List<String> fp = new ArrayList<>();
    long newest;
    InboxGroup group;
    try {
      Path sidecarFile = InboxGroup.sidecarOf(micrograph);
      Sidecar sc = Sidecar.NONE;
      if (sidecarFile != null) {
        try {
          sc = Sidecar.read(sidecarFile);
        } catch (IllegalArgumentException bad) {
          sc = Sidecar.NONE; // the processor rejects it once the files are quiet
        }
      }
      group = InboxGroup.of(micrograph, sidecarFile, sc);
      newest = 0;
      for (Path p : group.files()) {
        long mtime = Files.getLastModifiedTime(p).toMillis();
        newest = Math.max(newest, mtime);
        fp.add(p.getFileName() + ":" + Files.size(p) + ":" + mtime);
      }
      fp.add("missing:" + group.missing());
    } catch (IOException e) {
      seen.remove(micrograph); // vanished or unreadable while we looked: look again next poll
      return false;
    }
    Seen before = seen.get(micrograph);
    if (before == null || !before.fingerprint().equals(fp)) {
      seen.put(micrograph, new Seen(fp, before == null ? now : before.firstSeen(), now));
      return false;
    }
    if (!group.missing().isEmpty()) {
      return release(micrograph, now - before.firstSeen() >= companionTimeoutMillis);
    }
    return release(micrograph, now - before.stableSince() >= settleMillis && now - newest >= settleMillis);
  }

  private boolean release(Path micrograph, boolean ready) {
    if (ready) {
      seen.remove(micrograph);
    }
    return ready;
  }

  /** How long a group with a missing companion has been waiting, in milliseconds (0 = not seen). */
  long waitingMillis(Path micrograph) {
    Seen s = seen.get(micrograph);
    return s == null ? 0 : clock.getAsLong() - s.firstSeen();
  }
}
