package io.alloyflow.segmentation.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of VGG Image Annotator (VIA 2.x) project files (Dutta and Zisserman 2019, ACM MM "The VIA
 * Annotation Software for Images, Audio and Video") as used by the AMPIS powder data (Cohn et al.
 * 2021, JOM 73, 2159-2172), and a scan-line rasteriser of their polygons into instance maps.
 * Private to the instance package until the shared dataset loaders are available.
 */
public final class ViaPolygons {

  /** One annotated polygon in pixel coordinates. */
  public record Polygon(double[] xs, double[] ys, String label) {
    public Polygon {
      if (xs.length != ys.length || xs.length < 3) {
        throw new IllegalArgumentException(
            "a polygon needs >= 3 points with as many x as y, found " + xs.length + " x and "
                + ys.length + " y");
      }
    }
  }

  private ViaPolygons() {}

  /** Polygons per image file name, in file order; non-polygon regions are rejected. */
  public static Map<String, List<Polygon>> read(Path via) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(via.toFile());
    } catch (IOException e) {
      throw new IOException("not a VIA JSON project: " + via + ": " + e.getMessage(), e);
    }
    JsonNode meta = root.has("_via_img_metadata") ? root.get("_via_img_metadata") : root;
    Map<String, List<Polygon>> out = new LinkedHashMap<>();
    for (JsonNode img : meta) {
      if (!img.has("filename")) {
        throw new IOException("VIA entry without 'filename' in " + via);
      }
      String file = img.get("filename").asText();
      List<Polygon> polys = new ArrayList<>();
      int idx = 0;
      for (JsonNode r : img.path("regions")) {
        JsonNode s = r.path("shape_attributes");
        String shape = s.path("name").asText();
        if (!"polygon".equals(shape)) {
          throw new IOException(
              via + ": image " + file + " region " + idx + " has shape '" + shape
                  + "', expected 'polygon'");
        }
        JsonNode px = s.path("all_points_x");
        JsonNode py = s.path("all_points_y");
        double[] xs = new double[px.size()];
        double[] ys = new double[py.size()];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = px.get(i).asDouble();
        }
        for (int i = 0; i < ys.length; i++) {
          ys[i] = py.get(i).asDouble();
        }
        String label = r.path("region_attributes").path("Label").asText("").trim();
        if (xs.length >= 3 && xs.length == ys.length) {
          polys.add(new Polygon(xs, ys, label));
        }
        idx++;
      }
      out.put(file, polys);
    }
    return out;
  }

  /**
   * Instance map (0 = background, i+1 = polygon i) by even-odd scan-line filling: a pixel
   * belongs to a polygon when its centre does, with vertex coordinates taken as pixel centres and
   * half-open edges (left/top inclusive, right/bottom exclusive), so an axis-aligned rectangle
   * covers exactly its area. Later polygons overwrite earlier ones where they overlap.
   */
  public static int[] rasterize(List<Polygon> polys, int w, int h) {
    int[] out = new int[w * h];
    double[] xs = new double[64];
    for (int id = 0; id < polys.size(); id++) {
      Polygon p = polys.get(id);
      double minY = Double.POSITIVE_INFINITY;
      double maxY = Double.NEGATIVE_INFINITY;
      for (double y : p.ys()) {
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      int y0 = Math.max(0, (int) Math.floor(minY));
      int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
      int n = p.xs().length;
      for (int y = y0; y <= y1; y++) {
        double cy = y + 0.5;
        int k = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
          double ya = p.ys()[i] + 0.5;
          double yb = p.ys()[j] + 0.5;
          if ((ya > cy) != (yb > cy)) {
            double xa = p.xs()[i] + 0.5;
            double xb = p.xs()[j] + 0.5;
            if (k == xs.length) {
              xs = java.util.Arrays.copyOf(xs, 2 * k);
            }
            xs[k++] = xa + (cy - ya) * (xb - xa) / (yb - ya);
          }
        }
        java.util.Arrays.sort(xs, 0, k);
        for (int e = 0; e + 1 < k; e += 2) {
          int xa = Math.max(0, (int) Math.ceil(xs[e] - 0.5));
          int xb = Math.min(w - 1, (int) Math.ceil(xs[e + 1] - 0.5) - 1);
          for (int x = xa; x <= xb; x++) {
            out[y * w + x] = id + 1;
          }
        }
      }
    }
    return out;
  }
}
