package io.alloyflow.synthetic.truth;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes ground-truth documents as pretty-printed JSON with Jackson. Maps keep their insertion
 * order and no timestamps are written, so equal inputs give byte-identical files. Files are
 * written to a temporary sibling and moved into place.
 */
public final class TruthWriter {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private TruthWriter() {}

  /** Serialises a document (maps, lists, strings, numbers, booleans, records) to JSON text. */
  public static String toJson(Map<String, Object> document) {
    try {
      DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"));
      return MAPPER.writer(pp).writeValueAsString(document) + "\n";
    } catch (IOException e) {
      throw new IllegalArgumentException("truth document is not serialisable: " + e.getMessage(),
          e);
    }
  }

  /** Writes the document to {@code file} (UTF-8). */
  public static void write(Map<String, Object> document, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // a plain sibling (not createTempFile, whose 0600 permissions would survive the move)
    Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid()
        + ".tmp");
    try {
      Files.writeString(tmp, toJson(document), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a truth document back as a generic map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Map.class);
  }
}
