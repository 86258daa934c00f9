package io.alloyflow.core.store;

import java.io.IOException;

/** Thrown when stored bytes no longer hash to their key. */
public final class CorruptArtifactException extends IOException {
  public CorruptArtifactException(String message) {
    super(message);
  }
}
