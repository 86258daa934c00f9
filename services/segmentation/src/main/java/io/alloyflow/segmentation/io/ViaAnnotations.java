package io.alloyflow.segmentation.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alloyflow.core.io.FormatException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VGG Image Annotator 2.0.8 project files (Dutta A. and Zisserman A., 2019, "The VIA annotation
 * software for images, audio and video", ACM Multimedia): {@code _via_img_metadata} maps keys to
 * {filename, regions[{shape_attributes{name: polygon|rect|circle|ellipse, ...},
 * region_attributes}]}. Polygons are rasterised to instance maps by even-odd scan-line filling of
 * pixel centres (Foley J.D. et al., 1990, "Computer Graphics: Principles and Practice", Sec. 3.6).
 */
public final class ViaAnnotations {
  private ViaAnnotations() {}

  /** One annotated region as a polygon in pixel coordinates. */
  public record Region(double[] xs, double[] ys, Map<String, String> attributes) {
    public Region {
      if (xs.length != ys.length || xs.length < 3) {
        throw new IllegalArgumentException(
            "a polygon needs >= 3 points with as many x as y, found " + xs.length + "/" + ys.length);
      }
    }
  }

  /** Most bytes of a VIA project file (real projects of a few thousand polygons are ~10 MB). */
  public static final long MAX_BYTES = 256L << 20;

  /** Regions per image file name, in file order. */
  public static Map<String, List<Region>> read(Path json) throws IOException {
    if (!Files.isRegularFile(json)) {
      throw new SegmentationInputException(json, "expected a regular VIA JSON file, found "
          + (Files.isDirectory(json) ? "a directory" : Files.exists(json) ? "a special file"
              : "no such file"));
    }
    long size = Files.size(json);
    if (size > MAX_BYTES) {
      throw new SegmentationInputException(json, "a VIA JSON file of at most " + MAX_BYTES
          + " bytes expected (read limit), found " + size + " bytes");
    }
    return parse(Files.readAllBytes(json), json);
  }

  /**
   * Parses VIA JSON held in memory; errors name the line and column, never the content.
   *
   * @param name the file the bytes came from, for messages
   */
  public static Map<String, List<Region>> parse(byte[] bytes, Path name)
      throws SegmentationInputException {
    Path json = name;
    if (bytes.length > MAX_BYTES) {
      throw new SegmentationInputException(json, "a VIA JSON file of at most " + MAX_BYTES
          + " bytes expected (read limit), found " + bytes.length + " bytes");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new SegmentationInputException(json, "not a VIA JSON file: malformed JSON"
          + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
          + " (content not shown)", e);
    } catch (IOException e) {
      throw new SegmentationInputException(json, "not a VIA JSON file: unreadable JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new SegmentationInputException(json,
          "not a VIA JSON file: expected a JSON object at the top level");
    }
    JsonNode meta = root.has("_via_img_metadata") ? root.get("_via_img_metadata") : root;
    Map<String, List<Region>> out = new LinkedHashMap<>();
    var it = meta.fields();
    while (it.hasNext()) {
      JsonNode img = it.next().getValue();
      if (!img.isObject() || !img.path("filename").isTextual()) {
        throw new SegmentationInputException(
            json, "VIA image entry without 'filename' (expected VIA 2.0.8 project JSON)");
      }
      List<Region> regions = out.computeIfAbsent(img.get("filename").asText(), k -> new ArrayList<>());
      for (JsonNode r : img.path("regions")) {
        JsonNode sa = r.path("shape_attributes");
        Map<String, String> attrs = new LinkedHashMap<>();
        r.path("region_attributes").fields()
            .forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
        String shape = sa.path("name").asText();
        switch (shape) {
          case "polygon", "polyline" -> {
            double[] xs = toArray(sa.path("all_points_x"));
            double[] ys = toArray(sa.path("all_points_y"));
            if (xs.length >= 3 && xs.length == ys.length) {
              regions.add(new Region(xs, ys, attrs));
            }
          }
          case "rect" -> {
            double x = sa.path("x").asDouble();
            double y = sa.path("y").asDouble();
            double w = sa.path("width").asDouble();
            double h = sa.path("height").asDouble();
            regions.add(
                new Region(new double[] {x, x + w, x + w, x}, new double[] {y, y, y + h, y + h},
                    attrs));
          }
          case "circle", "ellipse" -> {
            double cx = sa.path("cx").asDouble();
            double cy = sa.path("cy").asDouble();
            double rx = shape.equals("circle") ? sa.path("r").asDouble() : sa.path("rx").asDouble();
            double ry = shape.equals("circle") ? rx : sa.path("ry").asDouble();
            double th = sa.path("theta").asDouble(0);
            int m = 64;
            double[] xs = new double[m];
            double[] ys = new double[m];
            for (int k = 0; k < m; k++) {
              double a = 2 * Math.PI * k / m;
              double ex = rx * Math.cos(a);
              double ey = ry * Math.sin(a);
              xs[k] = cx + ex * Math.cos(th) - ey * Math.sin(th);
              ys[k] = cy + ex * Math.sin(th) + ey * Math.cos(th);
            }
            regions.add(new Region(xs, ys, attrs));
          }
          default -> throw new SegmentationInputException(
              json, "unsupported VIA shape " + FormatException.unshown("name", shape)
                  + " (expected polygon, rect, circle, ellipse)");
        }
      }
    }
    return out;
  }

  private static double[] toArray(JsonNode a) {
    if (!a.isArray()) {
      return new double[0];
    }
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  /**
   * Rasterises regions into an instance map (region k -> id k+1; later regions overwrite earlier
   * ones where they overlap).
   */
  public static int[] rasterise(List<Region> regions, int w, int h) {
    int[] out = new int[w * h];
    double[] xing = new double[64];
    for (int id = 0; id < regions.size(); id++) {
      Region r = regions.get(id);
      int m = r.xs().length;
      double minY = Double.POSITIVE_INFINITY;
      double maxY = Double.NEGATIVE_INFINITY;
      for (double y : r.ys()) {
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      int y0 = Math.max(0, (int) Math.floor(minY));
      int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
      for (int y = y0; y <= y1; y++) {
        double py = y + 0.5;
        int nx = 0;
        for (int k = 0; k < m; k++) {
          double ax = r.xs()[k] + 0.0;
          double ay = r.ys()[k];
          double bx = r.xs()[(k + 1) % m];
          double by = r.ys()[(k + 1) % m];
          // vertices are pixel-corner coordinates in VIA (pixel (i,j) spans [i,i+1))
          if ((ay <= py && by > py) || (by <= py && ay > py)) {
            if (nx == xing.length) {
              xing = java.util.Arrays.copyOf(xing, nx * 2);
            }
            xing[nx++] = ax + (py - ay) / (by - ay) * (bx - ax);
          }
        }
        java.util.Arrays.sort(xing, 0, nx);
        for (int k = 0; k + 1 < nx; k += 2) {
          int xa = Math.max(0, (int) Math.ceil(xing[k] - 0.5));
          int xb = Math.min(w - 1, (int) Math.floor(xing[k + 1] - 0.5));
          for (int x = xa; x <= xb; x++) {
            out[y * w + x] = id + 1;
          }
        }
      }
    }
    return out;
  }
}
