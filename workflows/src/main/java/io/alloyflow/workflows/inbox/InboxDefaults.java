package io.alloyflow.workflows.inbox;

/**
 * What the watcher assumes for files whose sidecar (or lack of one) does not say.
 *
 * @param alloySystem alloy system of the samples
 * @param pixelSizeUm pixel size in micrometres when neither file nor sidecar carries one (NaN = none)
 * @param method segmentation method
 * @param classes phase classes
 */
public record InboxDefaults(String alloySystem, double pixelSizeUm, String method, int classes) {
  public InboxDefaults {
    alloySystem = alloySystem == null ? "unknown" : alloySystem;
    method = method == null ? "otsu" : method;
    if (classes < 2 || classes > 16) {
      throw new IllegalArgumentException("classes must be 2..16, found " + classes);
    }
  }
}
