package io.alloyflow.workflows.ingest;

/**
 * An input a caller supplied was refused. The message names the request field and what was
 * expected; it never contains the content of a file.
 */
public final class InputRejectedException extends Exception {
  private final String field;
  private final String reason;

  public InputRejectedException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The request field (or file role) the problem is about. */
  public String field() {
    return field;
  }

  /** What was wrong, without the field name. */
  public String reason() {
    return reason;
  }
}
