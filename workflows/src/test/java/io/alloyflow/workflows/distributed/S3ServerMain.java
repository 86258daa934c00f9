package io.alloyflow.workflows.distributed;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The compose file's {@code objects} service as a process of its own: S3Proxy (the server of the
 * compose image {@code andrewgaul/s3proxy}) on a filesystem blob store, with AWS V2/V4
 * authentication and the identity and credential compose gives it. Prints {@code READY port} and
 * stops when its stdin closes.
 */
public final class S3ServerMain {
  private S3ServerMain() {}

  /** Arguments: blob directory, port, identity, credential. */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: S3ServerMain BLOB_DIR PORT IDENTITY CREDENTIAL");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("jclouds.filesystem.basedir", dir.toString());
    BlobStoreContext ctx = ContextBuilder.newBuilder("filesystem")
        .credentials(args[2], args[3]).overrides(p).build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(ctx.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + Integer.parseInt(args[1])))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3])
        .build();
    proxy.start();
    for (int i = 0; i < 400 && proxy.getPort() <= 0; i++) {
      Thread.sleep(50);
    }
    System.out.println("READY " + proxy.getPort());
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // runs until the parent closes our stdin (or dies)
      }
    } finally {
      proxy.stop();
      ctx.close();
    }
  }
}
