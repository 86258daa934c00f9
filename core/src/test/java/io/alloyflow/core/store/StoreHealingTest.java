package io.alloyflow.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store heals: verified paths, corrupt copies replaced by a put, a scan with repair. */
class StoreHealingTest {
  @TempDir Path root;
  @TempDir Path inputs;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static void flip(Path p, int at) throws IOException {
    byte[] b = Files.readAllBytes(p);
    b[at] ^= 0x01;
    Files.write(p, b);
  }

  private List<Path> quarantined(FileSystemArtifactStore s) throws IOException {
    if (!Files.isDirectory(s.quarantineDir())) {
      return List.of();
    }
    try (Stream<Path> st = Files.list(s.quarantineDir())) {
      return st.toList();
    }
  }

  @Test
  void localPathVerifiesBeforeReturning() throws IOException {
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    byte[] model = bytes(20000, 1);
    ArtifactRef ref = store.put(model, "application/zip");
    Path p = store.localPath(ref);
    assertArrayEquals(model, Files.readAllBytes(p));
    flip(p, 1234); // a flipped byte in a stored model ZIP
    CorruptArtifactException e =
        assertThrows(CorruptArtifactException.class, () -> store.localPath(ref));
    assertTrue(e.getMessage().contains(ref.uri() + " is corrupt"), e.getMessage());
  }

  @Test
  void putOfGoodBytesReplacesACorruptCopy() throws IOException {
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    byte[] b = bytes(5000, 2);
    ArtifactRef ref = store.put(b, "application/vnd.apache.arrow.file");
    Path obj = store.localPath(ref);
    flip(obj, 10);
    assertThrows(CorruptArtifactException.class, () -> store.get(ref));
    assertEquals(ref, store.put(b, "application/vnd.apache.arrow.file"));
    assertArrayEquals(b, store.get(ref));
    assertEquals(1, quarantined(store).size(), "the corrupt copy is kept for inspection");
    // a truncated copy (same prefix) is replaced too, through putFile
    Files.write(obj, java.util.Arrays.copyOf(b, 100));
    Path in = inputs.resolve("in.bin");
    Files.write(in, b);
    assertEquals(ref, store.putFile(in, "application/vnd.apache.arrow.file"));
    assertArrayEquals(b, store.get(ref));
    assertEquals(2, quarantined(store).size());
    // an intact copy is left alone
    store.put(b, null);
    assertEquals(2, quarantined(store).size());
    assertTrue(store.verify(false).clean());
  }

  @Test
  void verifyReportsAndRepairs() throws IOException {
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    ArtifactRef good = store.put(bytes(3000, 3), "image/tiff");
    ArtifactRef bad = store.put(bytes(4000, 4), "image/tiff");
    ArtifactRef untyped = store.put(bytes(100, 5), "text/plain");
    StoreReport clean = store.verify(false);
    assertTrue(clean.clean(), clean.toString());
    assertEquals(3, clean.objects());
    assertEquals(7100, clean.bytes());

    flip(store.localPath(bad), 0);
    Path badPath = root.resolve(bad.sha256().substring(0, 2)).resolve(bad.sha256().substring(2, 4))
        .resolve(bad.sha256());
    Path typeFile = root.resolve(untyped.sha256().substring(0, 2))
        .resolve(untyped.sha256().substring(2, 4)).resolve(untyped.sha256() + ".type");
    Files.delete(typeFile);
    Path oldPart = root.resolve("tmp").resolve("put-1.part");
    Files.write(oldPart, new byte[10]);
    Files.setLastModifiedTime(oldPart, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path freshPart = root.resolve("tmp").resolve("put-2.part");
    Files.write(freshPart, new byte[10]);
    Path stray = root.resolve("ab").resolve("notes.txt");
    Files.createDirectories(stray.getParent());
    Files.writeString(stray, "x");
    String orphan = "0".repeat(64);
    Path orphanType = root.resolve("00").resolve("00").resolve(orphan + ".type");
    Files.createDirectories(orphanType.getParent());
    Files.writeString(orphanType, "image/png");

    StoreReport r = store.verify(false);
    assertFalse(r.clean());
    assertEquals(List.of(bad.sha256()), r.corrupt());
    assertEquals(List.of(untyped.sha256()), r.missingType());
    assertEquals(List.of(orphan), r.orphanTypes());
    assertEquals(List.of(oldPart, freshPart), r.partial());
    assertEquals(List.of(stray), r.stray());
    assertTrue(r.quarantined().isEmpty() && r.removedPartial().isEmpty());
    assertTrue(Files.exists(badPath), "without repair nothing moves");

    StoreReport fixed = store.verify(true, Duration.ofMinutes(10));
    assertEquals(List.of(bad.sha256()), fixed.corrupt());
    assertEquals(1, fixed.quarantined().size());
    assertFalse(Files.exists(badPath));
    assertTrue(fixed.quarantined().get(0).startsWith(store.quarantineDir()));
    assertEquals(List.of(oldPart), fixed.removedPartial());
    assertTrue(Files.exists(freshPart), "a temp file a live writer may own is kept");
    assertFalse(store.contains(bad.sha256()));
    assertArrayEquals(bytes(3000, 3), store.get(good));

    StoreReport after = store.verify(false);
    assertTrue(after.corrupt().isEmpty(), after.toString());
    assertEquals(2, after.objects());
  }
}
