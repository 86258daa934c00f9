package io.alloyflow.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file could not be read because its content does not follow its format. The message is one
 * line: {@code <file>: <location>: expected <expected>, found <found>}, where the location is e.g.
 * {@code line 12}, {@code byte offset 4096} or {@code tag 282}.
 */
public final class FormatException extends IOException {
  private final transient Path file;
  private final String location;
  private final String expected;
  private final String found;

  /**
   * @param file the file (or a pseudo path naming the source) that is malformed
   * @param location where in the file, e.g. {@code "line 12"} or {@code "byte offset 4096"}
   * @param expected what the format requires there
   * @param found what the file holds there
   */
  public FormatException(Path file, String location, String expected, String found) {
    super(oneLine(file + ": " + location + ": expected " + expected + ", found " + found));
    this.file = file;
    this.location = location;
    this.expected = expected;
    this.found = found;
  }

  /** Same as {@link #FormatException(Path, String, String, String)} with a cause. */
  public FormatException(
      Path file, String location, String expected, String found, Throwable cause) {
    this(file, location, expected, found);
    initCause(cause);
  }

  /**
   * A description of offending file text that does not repeat it: error messages travel to
   * callers (HTTP answers, logs) that must not learn the content of a file they pointed a reader
   * at, e.g. a secrets file passed as a spectrum.
   *
   * @param what what the text is, e.g. {@code "a line"} or {@code "a value"}
   */
  public static String unshown(String what, String text) {
    int n = text == null ? 0 : text.length();
    return what + " of " + n + " character" + (n == 1 ? "" : "s") + " (content not shown)";
  }

  private static String oneLine(String s) {
    return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }

  public Path file() {
    return file;
  }

  public String location() {
    return location;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
