package io.alloyflow.workflows.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Metadata dropped beside a micrograph as {@code <name>.json}: what the instrument PC knows about
 * the sample. Every field is optional; missing ones come from the watcher's defaults.
 *
 * <pre>{"sampleId": "heat-4711-T", "alloySystem": "dp-steel", "pixelSizeUm": 0.05,
 *  "method": "otsu", "classes": 2, "eds": "heat-4711-T-area1.msa"}</pre>
 *
 * @param sampleId sample id, or null (then the micrograph's base name)
 * @param alloySystem alloy system, or null
 * @param pixelSizeUm pixel size in micrometres, or NaN
 * @param method segmentation method, or null
 * @param classes phase classes, or 0 for the default
 * @param eds file name of the EDS data in the same folder, or null (then found by base name)
 */
public record Sidecar(
    String sampleId, String alloySystem, double pixelSizeUm, String method, int classes, String eds) {
  /** Fields a sidecar may carry. */
  public static final List<String> FIELDS =
      List.of("sampleId", "alloySystem", "pixelSizeUm", "method", "classes", "eds");

  /** Largest sidecar read (metadata, not data). */
  static final long MAX_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** No metadata. */
  public static final Sidecar NONE = new Sidecar(null, null, Double.NaN, null, 0, null);

  public Sidecar {
    if (eds != null && (eds.isBlank() || eds.contains("/") || eds.contains("\\") || eds.startsWith("."))) {
      throw new IllegalArgumentException(
          "\"eds\" must be the name of a file in the same folder, found '" + eds + "'");
    }
  }

  /**
   * Reads a sidecar file.
   *
   * @throws IllegalArgumentException with "FILE: what was wrong" for unreadable JSON, unknown
   *     fields and values of the wrong type
   */
  public static Sidecar read(Path file) throws IOException {
    String where = file.getFileName().toString();
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(where + ": sidecar metadata larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IllegalArgumentException(where + ": not UTF-8 text");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(where + ": expected a JSON object with fields " + FIELDS);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(where + ": unknown field \"" + f + "\"; expected some of " + FIELDS);
      }
    }
    try {
      return new Sidecar(
          text(root, "sampleId", where), text(root, "alloySystem", where),
          number(root, "pixelSizeUm", where), text(root, "method", where),
          (int) integer(root, "classes", where), text(root, "eds", where));
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  /** The settings as a canonical map (part of the content key: other metadata is another analysis). */
  Map<String, Object> canonical() {
    java.util.TreeMap<String, Object> m = new java.util.TreeMap<>();
    if (sampleId != null) m.put("sampleId", sampleId);
    if (alloySystem != null) m.put("alloySystem", alloySystem);
    if (!Double.isNaN(pixelSizeUm)) m.put("pixelSizeUm", pixelSizeUm);
    if (method != null) m.put("method", method);
    if (classes != 0) m.put("classes", classes);
    if (eds != null) m.put("eds", eds);
    return m;
  }

  private static String text(JsonNode root, String field, String where) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string");
    }
    return n.asText();
  }

  private static double number(JsonNode root, String field, String where) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return Double.NaN;
    }
    if (!n.isNumber()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" must be a number");
    }
    return n.asDouble();
  }

  private static long integer(JsonNode root, String field, String where) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" must be an integer");
    }
    return n.asInt();
  }
}
