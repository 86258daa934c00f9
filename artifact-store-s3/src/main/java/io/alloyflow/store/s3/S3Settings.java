package io.alloyflow.store.s3;

import java.net.URI;
import java.util.Map;

/**
 * Where the object store is.
 *
 * @param endpoint the S3 endpoint (e.g. {@code https://s3.eu-central-1.amazonaws.com} or
 *     {@code http://objects.lab:9000}); null for AWS's default endpoint of the region
 * @param region signing region ({@code us-east-1} for most S3-compatible servers)
 * @param bucket bucket name (created when missing and allowed)
 * @param prefix key prefix inside the bucket, e.g. {@code alloyflow/} (may be empty)
 * @param accessKey access key id, or null for the AWS default credential chain
 * @param secretKey secret access key, or null for the default chain
 * @param pathStyle path-style addressing (needed by most S3-compatible servers)
 */
public record S3Settings(
    URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
    boolean pathStyle) {
  public S3Settings {
    if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("S3 bucket must be 3..63 lower-case letters, digits, '.' or '-',"
          + " found '" + bucket + "'");
    }
    region = region == null || region.isBlank() ? "us-east-1" : region;
    prefix = prefix == null ? "" : prefix;
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("give both an S3 access key and a secret key, or neither");
    }
  }

  /**
   * Settings from {@code ALLOYFLOW_S3_ENDPOINT}, {@code ALLOYFLOW_S3_REGION},
   * {@code ALLOYFLOW_S3_BUCKET}, {@code ALLOYFLOW_S3_PREFIX}, {@code ALLOYFLOW_S3_ACCESS_KEY},
   * {@code ALLOYFLOW_S3_SECRET_KEY}, {@code ALLOYFLOW_S3_PATH_STYLE} (default true); null when no
   * bucket is configured (then the filesystem store is used).
   */
  public static S3Settings fromEnvironment(Map<String, String> env) {
    String bucket = env.get("ALLOYFLOW_S3_BUCKET");
    if (bucket == null || bucket.isBlank()) {
      return null;
    }
    String endpoint = env.get("ALLOYFLOW_S3_ENDPOINT");
    return new S3Settings(
        endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
        env.get("ALLOYFLOW_S3_REGION"), bucket, env.get("ALLOYFLOW_S3_PREFIX"),
        env.get("ALLOYFLOW_S3_ACCESS_KEY"), env.get("ALLOYFLOW_S3_SECRET_KEY"),
        !"false".equalsIgnoreCase(env.getOrDefault("ALLOYFLOW_S3_PATH_STYLE", "true")));
  }
}
