package io.alloyflow.store.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.CorruptArtifactException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The store against a real S3-protocol server (S3Proxy over a filesystem blob store, SigV4
 * authentication), as a deployment's workers use it.
 */
class S3ArtifactStoreTest {
  @TempDir static Path tmp;
  static S3Proxy proxy;
  static S3Settings settings;

  @BeforeAll
  static void startServer() throws Exception {
    Properties p = new Properties();
    p.setProperty("jclouds.filesystem.basedir", tmp.resolve("blobs").toString());
    Files.createDirectories(tmp.resolve("blobs"));
    BlobStoreContext ctx = ContextBuilder.newBuilder("filesystem")
        .credentials("identity", "credential").overrides(p).build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(ctx.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "alloyflow", "alloyflow-secret")
        .build();
    proxy.start();
    for (int i = 0; i < 200 && proxy.getPort() <= 0; i++) {
      Thread.sleep(50);
    }
    settings = new S3Settings(URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1",
        "alloyflow-test", "lab-a", "alloyflow", "alloyflow-secret", true);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
  }

  @Test
  void putGetOpenAndLocalPathRoundTripThroughTheServer() throws Exception {
    try (S3ArtifactStore store = S3ArtifactStore.connect(settings, tmp.resolve("cache-1"))) {
      byte[] data = new byte[300_000];
      new Random(7).nextBytes(data);
      ArtifactRef ref = store.put(data, "application/octet-stream");
      assertEquals(ref, store.put(data, "application/octet-stream"), "content addressing: same ref again");
      assertTrue(store.contains(ref.sha256()));
      assertEquals("lab-a/sha256/" + ref.sha256().substring(0, 2) + "/" + ref.sha256(), store.key(ref.sha256()));

      Path f = tmp.resolve("spectrum.msa");
      Files.writeString(f, "#FORMAT : EMSA/MAS Spectral Data File\n#NPOINTS : 3\n1,2\n", StandardCharsets.UTF_8);
      ArtifactRef fileRef = store.putFile(f, "application/x-emsa");
      assertEquals(Files.size(f), fileRef.sizeBytes());

      // a second machine: empty cache, same bucket
      try (S3ArtifactStore other = S3ArtifactStore.connect(settings, tmp.resolve("cache-2"))) {
        assertArrayEquals(data, other.get(ref));
        try (InputStream in = other.open(fileRef)) {
          assertArrayEquals(Files.readAllBytes(f), in.readAllBytes());
        }
        Path local = other.localPath(ref);
        assertTrue(local.startsWith(tmp.resolve("cache-2")), local.toString());
        assertArrayEquals(data, Files.readAllBytes(local));
      }
    }
  }

  @Test
  void objectWhoseBytesDoNotMatchItsKeyIsRefusedAndNotCached() throws Exception {
    try (S3ArtifactStore store = S3ArtifactStore.connect(settings, tmp.resolve("cache-3"))) {
      byte[] good = "good bytes".getBytes(StandardCharsets.UTF_8);
      ArtifactRef ref = new ArtifactRef(io.alloyflow.core.store.FileSystemArtifactStore.hash(good), "text/plain",
          good.length);
      // someone writes other bytes of the same length under that key (bit rot, a bad tool)
      try (var raw = software.amazon.awssdk.services.s3.S3Client.builder()
          .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
          .region(software.amazon.awssdk.regions.Region.US_EAST_1)
          .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
          .endpointOverride(settings.endpoint())
          .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
              .pathStyleAccessEnabled(true).build())
          .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("alloyflow", "alloyflow-secret")))
          .build()) {
        raw.putObject(r -> r.bucket(settings.bucket()).key(store.key(ref.sha256())),
            RequestBody.fromBytes("BAAD bytes".getBytes(StandardCharsets.UTF_8)));
      }
      CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> store.get(ref));
      assertTrue(e.getMessage().contains("do not match its key"), e.getMessage());
      assertFalse(Files.exists(tmp.resolve("cache-3").resolve(ref.sha256().substring(0, 2))
          .resolve(ref.sha256().substring(2, 4)).resolve(ref.sha256())), "the bad bytes are not cached under the key");
      // the bad object was moved aside: a put of the right bytes restores it
      assertFalse(store.contains(ref.sha256()));
      store.put(good, "text/plain");
      assertArrayEquals(good, store.get(ref));
    }
  }

  @Test
  void missingArtifactAndUnreachableServerGiveClearErrors() throws Exception {
    try (S3ArtifactStore store = S3ArtifactStore.connect(settings, tmp.resolve("cache-4"))) {
      ArtifactRef nothing = new ArtifactRef("0".repeat(64), "text/plain", 1);
      assertFalse(store.contains(nothing.sha256()));
      assertThrows(NoSuchFileException.class, () -> store.get(nothing));
    }
    S3Settings nowhere = new S3Settings(URI.create("http://127.0.0.1:1"), null, "alloyflow-test", "", "a", "b", true);
    java.io.IOException e = assertThrows(java.io.IOException.class,
        () -> S3ArtifactStore.connect(nowhere, tmp.resolve("cache-5")));
    assertTrue(e.getMessage().startsWith("cannot use the object store at http://127.0.0.1:1 bucket alloyflow-test"),
        e.getMessage());
  }
}
