package io.alloyflow.segmentation.io;

import java.io.IOException;
import java.nio.file.Path;

/** Bad user input (wrong kind of file, size, colour, mismatch); the message is one line. */
public final class SegmentationInputException extends IOException {
  private static final long serialVersionUID = 1L;

  public SegmentationInputException(Path file, String problem) {
    super((file == null ? "" : file + ": ") + problem.replace('\n', ' '));
  }

  public SegmentationInputException(Path file, String problem, Throwable cause) {
    this(file, problem);
    initCause(cause);
  }
}
