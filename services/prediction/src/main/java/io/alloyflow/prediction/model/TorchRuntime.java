package io.alloyflow.prediction.model;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PyTorch engine, configured once: offline (the native library ships in the jar), two
 * intra-op threads, and a writable cache directory.
 */
public final class TorchRuntime {
  private static volatile Engine engine;

  private TorchRuntime() {}

  /** The engine. */
  public static synchronized Engine engine() {
    if (engine == null) {
      System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
      System.setProperty(
          "ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "2"));
      System.setProperty(
          "ai.djl.pytorch.num_interop_threads",
          System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
      if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
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
