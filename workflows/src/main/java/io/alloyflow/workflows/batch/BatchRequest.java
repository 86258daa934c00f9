package io.alloyflow.workflows.batch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A batch of micrographs analysed with the same settings.
 *
 * @param batchId id, {@code batch-} followed by 1..64 letters, digits or '-'
 * @param items the micrographs, 1..{@value #MAX_ITEMS} (the request travels with every workflow
 *     run and must stay well below Temporal's 2 MB payload limit together with the outcomes)
 * @param alloySystem alloy system naming the phases ({@code dp-steel}, {@code al-alloy}, {@code
 *     unknown})
 * @param method segmentation method
 * @param classes phase classes (2..8)
 * @param pixelSizeUm pixel size used when a file carries none (NaN = none)
 * @param maxParallel analyses running at once, 1..64 (0 = 4)
 * @param itemsPerRun analyses started by one workflow run before it continues as new, 10..1000
 *     (0 = 100): keeps each run's history far below Temporal's limits however long the batch
 */
public record BatchRequest(String batchId, List<BatchItem> items, String alloySystem, String method,
    int classes, double pixelSizeUm, int maxParallel, int itemsPerRun) {
  public static final Pattern ID = Pattern.compile("batch-[A-Za-z0-9-]{1,64}");
  /** Most items of one batch: split larger folders into several batches. */
  public static final int MAX_ITEMS = 2000;

  public BatchRequest {
    if (batchId == null || !ID.matcher(batchId).matches()) {
      throw new IllegalArgumentException(
          "batchId must be 'batch-' followed by 1..64 letters, digits or '-', found '" + batchId + "'");
    }
    if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("a batch needs 1.." + MAX_ITEMS + " micrographs (split larger folders), found "
          + (items == null ? 0 : items.size()));
    }
    items = List.copyOf(items);
    alloySystem = alloySystem == null || alloySystem.isBlank() ? "unknown" : alloySystem;
    method = method == null || method.isBlank() ? "otsu" : method;
    if (classes == 0) {
      classes = 2;
    }
    if (classes < 2 || classes > 8) {
      throw new IllegalArgumentException("classes must be 2..8, found " + classes);
    }
    if (!Double.isNaN(pixelSizeUm) && !(pixelSizeUm > 0 && Double.isFinite(pixelSizeUm))) {
      throw new IllegalArgumentException("pixelSizeUm must be a positive number of micrometres, found " + pixelSizeUm);
    }
    if (maxParallel == 0) {
      maxParallel = 4;
    }
    if (maxParallel < 1 || maxParallel > 64) {
      throw new IllegalArgumentException("maxParallel must be 1..64, found " + maxParallel);
    }
    if (itemsPerRun == 0) {
      itemsPerRun = 100;
    }
    if (itemsPerRun < 10 || itemsPerRun > 1000) {
      throw new IllegalArgumentException("itemsPerRun must be 10..1000, found " + itemsPerRun);
    }
  }

  /** The workflow id of the analysis of item i (0-based): stable, so a retried start never doubles it. */
  public String analysisId(int i) {
    return "analysis-" + batchId + "-" + String.format("%05d", i + 1);
  }
}
