package io.alloyflow.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest {
  @TempDir Path root;
  @TempDir Path inputs;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Every regular file under the store root except the tmp folder. */
  private List<Path> objects() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !root.relativize(p).startsWith("tmp"))
          .collect(Collectors.toList());
    }
  }

  private List<Path> tmpFiles() throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
      return s.collect(Collectors.toList());
    }
  }

  @Test
  void putIsIdempotentAndContentAddressed() throws IOException {
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    byte[] b = bytes(10_000, 1);
    ArtifactRef a = store.put(b, "image/tiff");
    ArtifactRef again = store.put(b.clone(), "image/tiff");
    assertEquals(a, again);
    assertEquals(FileSystemArtifactStore.hash(b), a.sha256());
    assertEquals(10_000, a.sizeBytes());
    assertEquals(2, objects().size(), "one object + its .type file: " + objects());
    assertArrayEquals(b, store.get(a));
    Path f = inputs.resolve("input.bin");
    Files.write(f, b);
    assertEquals(a, store.putFile(f, "image/tiff"));
    assertEquals(2, objects().size());
    assertTrue(store.contains(a.sha256()));
    assertEquals(a.sha256(), store.localPath(a).getFileName().toString());
    try (InputStream in = store.open(a)) {
      assertArrayEquals(b, in.readAllBytes());
    }
    assertTrue(tmpFiles().isEmpty());
    ArtifactRef other = store.put(bytes(10, 2), "text/plain");
    assertFalse(other.sha256().equals(a.sha256()));
    // a second store on the same root sees the same objects
    assertArrayEquals(b, new FileSystemArtifactStore(root).get(a));
  }

  @Test
  void verifiedReadsDetectCorruption() throws IOException {
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    byte[] b = bytes(5000, 3);
    ArtifactRef ref = store.put(b, null);
    assertEquals("application/octet-stream", ref.mediaType());
    Path obj = store.localPath(ref);
    byte[] bad = b.clone();
    bad[2500] ^= 0x40;
    Files.write(obj, bad);
    CorruptArtifactException e =
        assertThrows(CorruptArtifactException.class, () -> store.get(ref));
    assertTrue(e.getMessage().contains(ref.uri()), e.getMessage());
    try (InputStream in = store.open(ref)) {
      assertThrows(CorruptArtifactException.class, in::readAllBytes);
    }
    Files.write(obj, java.util.Arrays.copyOf(b, 4000)); // truncated object
    assertThrows(CorruptArtifactException.class, () -> store.get(ref));
    Files.delete(obj);
    assertThrows(NoSuchFileException.class, () -> store.get(ref));
    assertFalse(store.contains(ref.sha256()));
  }

  @Test
  void crashMidWriteLeavesNoObject() throws IOException {
    // the source stream throws after 1.5 MiB of 4 MiB have been copied into the temporary file
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    byte[] content = bytes(4 << 20, 5);
    Path source = FailingSource.of(content, 3 << 19);
    IOException e = assertThrows(IOException.class,
        () -> store.putFile(source, "application/x-test"));
    assertTrue(e.getMessage().contains("simulated device failure after 1572864 bytes"),
        e.getMessage());
    assertTrue(objects().isEmpty(), "no object may be visible: " + objects());
    assertTrue(tmpFiles().isEmpty(), "temporary file left: " + tmpFiles());
    assertFalse(store.contains(FileSystemArtifactStore.hash(content)));
    assertFalse(store.contains(FileSystemArtifactStore.hash(
        java.util.Arrays.copyOf(content, 3 << 19))));
    // the same content stored properly afterwards is complete and verified
    ArtifactRef ok = store.putFile(FailingSource.of(content, content.length), "application/x-test");
    assertEquals(FileSystemArtifactStore.hash(content), ok.sha256());
    assertArrayEquals(content, store.get(ok));
  }

  @Test
  void failingSourceBeforeAnyByteLeavesNoObject() throws IOException {
    // a directory opens but fails on read: the temporary file already exists at that point
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    Path dir = Files.createDirectories(inputs.resolve("not-a-file"));
    assertThrows(IOException.class, () -> store.putFile(dir, "application/octet-stream"));
    assertTrue(objects().isEmpty(), objects().toString());
    assertTrue(tmpFiles().isEmpty(), tmpFiles().toString());
  }

  @Test
  void leftoverPartFileFromAKilledProcessIsInvisible() throws IOException {
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    byte[] content = "the whole artifact".getBytes(StandardCharsets.UTF_8);
    String key = FileSystemArtifactStore.hash(content);
    // a process killed mid-write leaves only its temporary file behind
    Path part = root.resolve("tmp").resolve("put-123.part");
    try (OutputStream o = Files.newOutputStream(part)) {
      o.write(content, 0, 7);
    }
    FileSystemArtifactStore reopened = new FileSystemArtifactStore(root);
    assertFalse(reopened.contains(key));
    ArtifactRef ref = new ArtifactRef(key, "text/plain", content.length);
    assertThrows(NoSuchFileException.class, () -> reopened.get(ref));
    assertThrows(NoSuchFileException.class, () -> reopened.localPath(ref));
    assertTrue(objects().isEmpty());
    assertEquals(ref, store.put(content, "text/plain"));
    assertArrayEquals(content, reopened.get(ref));
  }

  @Test
  void concurrentPutsOfTheSameBytesAgree() throws Exception {
    FileSystemArtifactStore store = new FileSystemArtifactStore(root);
    byte[] content = bytes(1 << 20, 9);
    Path f = inputs.resolve("in.bin");
    Files.write(f, content);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ArtifactRef>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean viaFile = t % 2 == 0;
        Callable<ArtifactRef> task = () -> {
          start.await();
          FileSystemArtifactStore own = new FileSystemArtifactStore(root);
          return viaFile ? own.putFile(f, "application/octet-stream")
              : own.put(content, "application/octet-stream");
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      ArtifactRef first = results.get(0).get();
      for (Future<ArtifactRef> r : results) {
        assertEquals(first, r.get());
      }
      assertArrayEquals(content, store.get(first));
      assertEquals(2, objects().size(), objects().toString());
      assertTrue(tmpFiles().isEmpty(), tmpFiles().toString());
    } finally {
      pool.shutdownNow();
      Files.deleteIfExists(f);
    }
  }
}
