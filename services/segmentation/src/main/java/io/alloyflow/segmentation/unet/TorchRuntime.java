package io.alloyflow.segmentation.unet;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares DJL's PyTorch engine the way this project runs it: offline (no model-zoo or native
 * download), at most two intra-op and one inter-op torch threads (the build machines are shared),
 * and a writable {@code DJL_CACHE_DIR}. Must run before the first NDManager is created; every
 * public entry point of this package calls {@link #engine()}.
 */
public final class TorchRuntime {

  /** Default number of intra-op torch threads. */
  public static final int DEFAULT_THREADS = 2;

  private static volatile Engine engine;

  private TorchRuntime() {}

  /** The PyTorch engine, configured on first use. */
  public static synchronized Engine engine() {
    if (engine == null) {
      System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
      System.setProperty(
          "ai.djl.pytorch.num_threads",
          System.getProperty("ai.djl.pytorch.num_threads", String.valueOf(DEFAULT_THREADS)));
      System.setProperty(
          "ai.djl.pytorch.num_interop_threads",
          System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
      String cache = System.getenv("DJL_CACHE_DIR");
      if (cache == null && System.getProperty("DJL_CACHE_DIR") == null) {
        Path home = Path.of(System.getProperty("user.home"), ".djl.ai");
        if (!Files.isWritable(home.getParent())) {
          System.setProperty(
              "DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "djl-cache").toString());
        }
      }
      engine = Engine.getEngine("PyTorch");
    }
    return engine;
  }
}
