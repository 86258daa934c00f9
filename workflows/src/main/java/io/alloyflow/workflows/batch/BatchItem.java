package io.alloyflow.workflows.batch;

import java.util.regex.Pattern;

/**
 * One micrograph of a batch.
 *
 * @param sampleId sample the micrograph belongs to (1..128 letters, digits, '.', '_' or '-')
 * @param path real path of the micrograph under the server's data roots (the ingest worker checks
 *     it again)
 */
public record BatchItem(String sampleId, String path) {
  private static final Pattern SAMPLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public BatchItem {
    if (sampleId == null || !SAMPLE.matcher(sampleId).matches()) {
      throw new IllegalArgumentException("a batch item's sampleId must be 1..128 letters, digits, '.', '_' or '-'"
          + " starting with a letter or digit, found '" + sampleId + "'");
    }
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("batch item '" + sampleId + "' needs the path of its micrograph");
    }
  }

  /** The file name (the part of the path after the last separator). */
  public String fileName() {
    int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(i + 1);
  }
}
