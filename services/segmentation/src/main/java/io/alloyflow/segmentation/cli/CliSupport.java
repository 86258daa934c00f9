package io.alloyflow.segmentation.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Shared error handling: bad input -> one line on stderr and exit code 2. */
final class CliSupport {
  private CliSupport() {}

  static final int BAD_INPUT = 2;

  static ObjectMapper json() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  static int run(PrintWriter err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (java.io.IOException | IllegalArgumentException e) {
      err.println("error: " + oneLine(e.getMessage()));
      err.flush();
      return BAD_INPUT;
    } catch (UncheckedIOException e) {
      err.println("error: " + oneLine(e.getCause().getMessage()));
      err.flush();
      return BAD_INPUT;
    } catch (Exception e) {
      err.println("error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
      err.flush();
      return 1;
    }
  }

  static String oneLine(String s) {
    return s == null ? "(no message)" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
