package io.alloyflow.store.s3;

import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.core.store.CorruptArtifactException;
import io.alloyflow.core.store.FileSystemArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link ArtifactStore} on an S3-compatible object store.
 *
 * <ul>
 *   <li>Key: {@code PREFIX sha256/ab/abcdef...}; the media type is the object's Content-Type and
 *       the hash is repeated in {@code x-amz-meta-sha256}.
 *   <li>Put: content addressing makes puts idempotent; an object already there with the right size
 *       is not sent again. Uploads carry a Content-MD5 (RFC 1864), which S3 checks before it stores
 *       the object, so a damaged upload is refused, never stored.
 *   <li>Read: through a local read-through cache, a {@link FileSystemArtifactStore} whose put
 *       recomputes the SHA-256: an object whose bytes do not match its key fails with
 *       {@link CorruptArtifactException}, is not cached, and is moved to {@code PREFIX quarantine/}
 *       so that the next put of the right content restores it. The cache also gives
 *       {@link #localPath} its files.
 * </ul>
 *
 * <p>The cache is not evicted here: give it a volume sized for the working set, or clean it with
 * {@code alloyflow store verify} and ordinary file-age tools; everything in it can be fetched again.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
  private static final String SHA_META = "sha256";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final FileSystemArtifactStore cache;
  private final boolean ownsClient;

  /** A store over an existing client (its owner closes it). */
  public S3ArtifactStore(S3Client s3, String bucket, String prefix, FileSystemArtifactStore cache) {
    this(s3, bucket, prefix, cache, false);
  }

  private S3ArtifactStore(
      S3Client s3, String bucket, String prefix, FileSystemArtifactStore cache, boolean ownsClient) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.cache = cache;
    this.ownsClient = ownsClient;
  }

  /**
   * Connects, creating the bucket when it is missing.
   *
   * @param cacheDir local read-through cache directory
   * @throws IOException when the store cannot be reached, with the endpoint and the reason
   */
  public static S3ArtifactStore connect(S3Settings s, Path cacheDir) throws IOException {
    var b = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(s.region()))
        // checksums only where S3 requires them: many S3-compatible servers refuse the SDK's
        // default trailing CRC checksums; integrity comes from Content-MD5 and our SHA-256
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build())
        .credentialsProvider(s.accessKey() == null
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey())));
    if (s.endpoint() != null) {
      b.endpointOverride(s.endpoint());
    }
    S3Client client = b.build();
    String where = (s.endpoint() == null ? "AWS S3" : s.endpoint().toString()) + " bucket " + s.bucket();
    try {
      try {
        client.headBucket(r -> r.bucket(s.bucket()));
      } catch (NoSuchBucketException e) {
        createBucket(client, s.bucket());
      } catch (S3Exception e) {
        if (e.statusCode() != 404) {
          throw e;
        }
        createBucket(client, s.bucket());
      }
    } catch (SdkException e) {
      client.close();
      throw new IOException("cannot use the object store at " + where + ": " + e.getMessage(), e);
    }
    return new S3ArtifactStore(client, s.bucket(), s.prefix(), new FileSystemArtifactStore(cacheDir), true);
  }

  /**
   * Creates the bucket; another process that created it first (workers of a deployment start at
   * once) is not an error: S3 answers 409 BucketAlreadyOwnedByYou (or BucketAlreadyExists on
   * servers that do not tell owners apart) and the bucket is there.
   */
  private static void createBucket(S3Client client, String bucket) {
    try {
      client.createBucket(r -> r.bucket(bucket));
    } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException
        | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException e) {
      client.headBucket(r -> r.bucket(bucket)); // ours to use, or the error that says why not
    } catch (S3Exception e) {
      if (e.statusCode() != 409) {
        throw e;
      }
      client.headBucket(r -> r.bucket(bucket));
    }
  }

  /** The object key of a hash. */
  public String key(String sha256) {
    return prefix + "sha256/" + sha256.substring(0, 2) + "/" + sha256;
  }

  @Override
  public ArtifactRef put(byte[] bytes, String mediaType) throws IOException {
    ArtifactRef ref = new ArtifactRef(FileSystemArtifactStore.hash(bytes), mediaType, bytes.length);
    if (!present(ref)) {
      upload(ref, md5(bytes), RequestBody.fromBytes(bytes));
    }
    return ref;
  }

  @Override
  public ArtifactRef putFile(Path file, String mediaType) throws IOException {
    MessageDigest sha = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    long size;
    try (InputStream in = new DigestInputStream(new DigestInputStream(Files.newInputStream(file), sha), md5)) {
      size = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    ArtifactRef ref = new ArtifactRef(java.util.HexFormat.of().formatHex(sha.digest()), mediaType, size);
    if (!present(ref)) {
      upload(ref, Base64.getEncoder().encodeToString(md5.digest()), RequestBody.fromFile(file));
    }
    return ref;
  }

  private void upload(ArtifactRef ref, String contentMd5, RequestBody body) throws IOException {
    try {
      s3.putObject(r -> r.bucket(bucket).key(key(ref.sha256())).contentType(ref.mediaType())
          .contentMD5(contentMd5).metadata(Map.of(SHA_META, ref.sha256())), body);
    } catch (SdkException e) {
      throw new IOException("object store refused " + key(ref.sha256()) + ": " + e.getMessage(), e);
    }
  }

  /** True when the object is there with the expected size (a short object is written again). */
  private boolean present(ArtifactRef ref) throws IOException {
    HeadObjectResponse h = head(ref.sha256());
    return h != null && h.contentLength() == ref.sizeBytes();
  }

  private HeadObjectResponse head(String sha) throws IOException {
    try {
      return s3.headObject(r -> r.bucket(bucket).key(key(sha)));
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw new IOException("object store: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("object store unreachable: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] get(ArtifactRef ref) throws IOException {
    return cache.get(cached(ref));
  }

  @Override
  public InputStream open(ArtifactRef ref) throws IOException {
    return cache.open(cached(ref));
  }

  @Override
  public boolean contains(String sha256) {
    if (cache.contains(sha256)) {
      return true;
    }
    try {
      return head(sha256) != null;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Path localPath(ArtifactRef ref) throws IOException {
    return cache.localPath(cached(ref));
  }

  /** Brings an object into the local cache (verified by its hash) and returns its cached ref. */
  private ArtifactRef cached(ArtifactRef ref) throws IOException {
    if (cache.contains(ref.sha256())) {
      return ref;
    }
    Path tmp = Files.createTempFile(cache.root().resolve("tmp"), "s3-", ".part");
    try {
      try (ResponseInputStream<GetObjectResponse> in =
          s3.getObject(r -> r.bucket(bucket).key(key(ref.sha256())))) {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (NoSuchKeyException e) {
        throw new NoSuchFileException(key(ref.sha256()), null, "no such artifact in the object store");
      } catch (SdkException e) {
        throw new IOException("object store: cannot read " + key(ref.sha256()) + ": " + e.getMessage(), e);
      }
      ArtifactRef got = cache.putFile(tmp, ref.mediaType());
      if (!got.sha256().equals(ref.sha256())) {
        quarantine(ref.sha256());
        throw new CorruptArtifactException("object " + key(ref.sha256()) + " in bucket " + bucket
            + " has SHA-256 " + got.sha256() + ": its bytes do not match its key (moved to "
            + prefix + "quarantine/; a put of the right content restores it)");
      }
      return got;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Moves a corrupt object aside, so that the next put of its content stores it again. */
  private void quarantine(String sha) {
    String to = prefix + "quarantine/" + sha + "-" + System.currentTimeMillis();
    try {
      s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key(sha)).destinationBucket(bucket).destinationKey(to));
      s3.deleteObject(r -> r.bucket(bucket).key(key(sha)));
    } catch (SdkException e) {
      // left in place: reads keep failing with the reason until someone repairs it
    }
  }

  private static String md5(byte[] bytes) {
    return Base64.getEncoder().encodeToString(digest("MD5").digest(bytes));
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " not available in this JVM", e);
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      s3.close();
    }
  }
}
