package io.alloyflow.workflows.distributed;

import io.alloyflow.workflows.embedded.EmbeddedTemporal;

/**
 * The compose file's {@code temporal} service as a process of its own: the Temporal test service
 * on 127.0.0.1 (state in memory, so compose's {@code postgresql} has no process here). Prints
 * {@code READY host:port} and stops when its stdin closes, so it never outlives the test.
 */
public final class TemporalEndpointMain {
  private TemporalEndpointMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: TemporalEndpointMain PORT");
      System.exit(2);
    }
    try (EmbeddedTemporal t = EmbeddedTemporal.start(Integer.parseInt(args[0]))) {
      System.out.println("READY " + t.target());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes our stdin (or dies)
      }
    }
  }
}
