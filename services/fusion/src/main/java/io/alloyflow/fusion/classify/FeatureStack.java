package io.alloyflow.fusion.classify;

import static io.alloyflow.fusion.registration.SemEdsRegistration.bilinear;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.table.FeatureTable;
import io.alloyflow.fusion.registration.AffineTransform2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-SEM-pixel feature stack for fused phase classification.
 *
 * <p>BSE features (the image standardised by its median and the median absolute deviation, so a
 * model transfers between images of other gain and offset): Gaussian-smoothed level at sigma 1, 2
 * and 4 pixels, local standard deviation at sigma 2 (texture) and the difference of Gaussians
 * (sigma 1 minus 4, edges and small particles). EDS features: for every element the net counts
 * divided by the pixel's total counts (dimensionless, independent of dwell and current), its
 * Poisson standard deviation on the same scale, and the total counts over their image mean;
 * sampled bilinearly at the SEM pixel centre mapped through the registration. Fused stacks add
 * the element fractions smoothed by a joint bilateral filter guided by the BSE image (Kopf et al.,
 * "Joint bilateral upsampling", ACM Trans. Graph. 26 (2007) 96) over 1.5 EDS pixels, which moves
 * the coarse EDS boundaries onto the sharper BSE ones where the BSE shows any contrast.
 *
 * @param width SEM width
 * @param height SEM height
 * @param names feature names
 * @param values per pixel features {@code [pixel * names.size() + f]}
 */
public record FeatureStack(int width, int height, List<String> names, float[] values) {

  /** Which modalities enter the stack. */
  public enum Modality {
    BSE, EDS, FUSED
  }

  /** Builds the stack; {@code maps}/{@code semToEds} may be null for {@link Modality#BSE}. */
  public static FeatureStack build(Micrograph sem, ElementMaps maps, AffineTransform2D semToEds,
      Modality modality) {
    return build(sem, maps, semToEds, modality, false);
  }

  /**
   * Builds the stack, optionally with BSE spatial-context features: the eigenvalues of the
   * scale-normalised Hessian at sigma 1 and 2 pixels (ridges such as Si flakes and Al-Fe-Si
   * needles against blobs such as Mg2Si; Frangi et al., MICCAI 1998), the gradient magnitude at
   * sigma 1 and the Gaussian level at sigma 8 (neighbourhood), the generic pixel-classification
   * filter bank of ilastik (Berg et al., Nat. Methods 16 (2019) 1226).
   */
  public static FeatureStack build(Micrograph sem, ElementMaps maps, AffineTransform2D semToEds,
      Modality modality, boolean context) {
    return build(sem, maps, semToEds, modality, context, false);
  }

  /**
   * Builds the stack, optionally with BSE spatial-context features (see above) and with region
   * features: statistics pooled over SLIC superpixels of the BSE image at two scales
   * ({@link RegionFeatures}). Region features follow the BSE boundaries, so BSE-only and fused
   * stacks get them; an EDS-only stack has no BSE image to take regions from and ignores the flag.
   */
  public static FeatureStack build(Micrograph sem, ElementMaps maps, AffineTransform2D semToEds,
      Modality modality, boolean context, boolean regions) {
    int w = sem.width();
    int h = sem.height();
    int n = w * h;
    List<String> names = new ArrayList<>();
    List<float[]> cols = new ArrayList<>();
    if (modality != Modality.EDS) {
      float[] z = robustStandardise(sem.pixels());
      float[] g1 = ImageFilters.gaussian(z, w, h, 1);
      float[] g2 = ImageFilters.gaussian(z, w, h, 2);
      float[] g4 = ImageFilters.gaussian(z, w, h, 4);
      float[] sq = new float[n];
      for (int i = 0; i < n; i++) {
        sq[i] = z[i] * z[i];
      }
      float[] sq2 = ImageFilters.gaussian(sq, w, h, 2);
      float[] sd = new float[n];
      float[] dog = new float[n];
      for (int i = 0; i < n; i++) {
        sd[i] = (float) Math.sqrt(Math.max(0, sq2[i] - g2[i] * g2[i]));
        dog[i] = g1[i] - g4[i];
      }
      names.addAll(List.of("bse_s1", "bse_s2", "bse_s4", "bse_sd2", "bse_dog14"));
      cols.addAll(List.of(g1, g2, g4, sd, dog));
      if (context) {
        float[][] h1 = hessianEigen(g1, w, h, 1);
        float[][] h2 = hessianEigen(g2, w, h, 2);
        names.addAll(List.of("bse_hess1_s1", "bse_hess2_s1", "bse_hess1_s2", "bse_hess2_s2",
            "bse_grad_s1", "bse_s8"));
        cols.addAll(List.of(h1[0], h1[1], h2[0], h2[1], gradientMagnitude(g1, w, h),
            ImageFilters.gaussian(z, w, h, 8)));
      }
    }
    if (modality != Modality.BSE) {
      if (maps == null || semToEds == null) {
        throw new IllegalArgumentException(modality + " features need element maps and the"
            + " SEM-to-EDS transform");
      }
      int ne = maps.elements().size();
      int mw = maps.width();
      int mh = maps.height();
      double meanTotal = 0;
      for (float t : maps.total()) {
        meanTotal += t;
      }
      meanTotal /= maps.total().length;
      float[][] frac = new float[ne][mw * mh];
      float[][] sig = new float[ne][mw * mh];
      float[] tot = new float[mw * mh];
      for (int p = 0; p < mw * mh; p++) {
        double t = Math.max(1, maps.total()[p]);
        tot[p] = (float) (maps.total()[p] / meanTotal);
        for (int e = 0; e < ne; e++) {
          frac[e][p] = (float) (100 * maps.net()[p * ne + e] / t);
          sig[e][p] = (float) (100 * maps.sigma()[p * ne + e] / t);
        }
      }
      float[][] out = new float[2 * ne + 1][n];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double[] uv = semToEds.apply(x + 0.5, y + 0.5);
          int i = y * w + x;
          for (int e = 0; e < ne; e++) {
            out[e][i] = (float) bilinear(frac[e], mw, mh, uv[0] - 0.5, uv[1] - 0.5);
            out[ne + e][i] = (float) bilinear(sig[e], mw, mh, uv[0] - 0.5, uv[1] - 0.5);
          }
          out[2 * ne][i] = (float) bilinear(tot, mw, mh, uv[0] - 0.5, uv[1] - 0.5);
        }
      }
      for (int e = 0; e < ne; e++) {
        names.add("eds_" + maps.elements().get(e));
        cols.add(out[e]);
      }
      for (int e = 0; e < ne; e++) {
        names.add("eds_sd_" + maps.elements().get(e));
        cols.add(out[ne + e]);
      }
      if (modality == Modality.FUSED) {
        // BSE-guided (joint bilateral) EDS maps: sharpen the coarse maps along BSE boundaries
        float[] guide = ImageFilters.gaussian(robustStandardise(sem.pixels()), w, h, 2);
        double scale = 1 / Math.max(1e-9, semToEds.scale());
        int radius = (int) Math.round(1.5 * scale);
        int stride = Math.max(1, radius / 4);
        for (int e = 0; e < ne; e++) {
          names.add("eds_guided_" + maps.elements().get(e));
          cols.add(ImageFilters.jointBilateral(out[e], guide, w, h, radius, stride, radius / 2.0,
              1.5));
        }
      }
      names.add("eds_total");
      cols.add(out[2 * ne]);
    }
    if (regions && modality != Modality.EDS) {
      RegionFeatures rf = RegionFeatures.of(robustStandardise(sem.pixels()), w, h,
          modality == Modality.FUSED ? maps : null, semToEds);
      names.addAll(rf.names());
      cols.addAll(rf.columns());
    }
    int m = names.size();
    float[] v = new float[n * m];
    for (int f = 0; f < m; f++) {
      float[] c = cols.get(f);
      for (int i = 0; i < n; i++) {
        v[i * m + f] = c[i];
      }
    }
    return new FeatureStack(w, h, List.copyOf(names), v);
  }

  /** Number of features. */
  public int count() {
    return names.size();
  }

  /** Features of the given pixels as a compact array {@code [row * count + f]}. */
  public float[] rows(int[] pixels) {
    int m = count();
    float[] out = new float[pixels.length * m];
    for (int r = 0; r < pixels.length; r++) {
      System.arraycopy(values, pixels[r] * m, out, r * m, m);
    }
    return out;
  }

  /**
   * The stack (or the given pixels of it) as a feature table, one row per pixel with id
   * {@code x,y} and columns {@code x}, {@code y} and the features; encode with
   * {@code ArrowIO.toArrow(FeatureTable)}.
   */
  public FeatureTable toTable(int[] pixels) {
    List<String> ids = new ArrayList<>(pixels.length);
    int m = count();
    Map<String, double[]> cols = new LinkedHashMap<>();
    double[] xs = new double[pixels.length];
    double[] ys = new double[pixels.length];
    cols.put("x", xs);
    cols.put("y", ys);
    double[][] f = new double[m][pixels.length];
    for (int k = 0; k < m; k++) {
      cols.put(names.get(k), f[k]);
    }
    for (int r = 0; r < pixels.length; r++) {
      int p = pixels[r];
      ids.add((p % width) + "," + (p / width));
      xs[r] = p % width;
      ys[r] = p / width;
      for (int k = 0; k < m; k++) {
        f[k][r] = values[p * m + k];
      }
    }
    return FeatureTable.of(ids, cols);
  }

  /** Pixels minus their median, divided by 1.4826 x the median absolute deviation. */
  public static float[] robustStandardise(float[] px) {
    float[] s = px.clone();
    Arrays.sort(s);
    double med = s[s.length / 2];
    float[] dev = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      dev[i] = (float) Math.abs(px[i] - med);
    }
    Arrays.sort(dev);
    double mad = Math.max(1e-6, 1.4826 * dev[dev.length / 2]);
    float[] out = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = (float) ((px[i] - med) / mad);
    }
    return out;
  }

  /**
   * Eigenvalues (larger, smaller) of the Hessian of an already smoothed image by central
   * differences, scale-normalised by sigma^2 (Lindeberg 1998).
   */
  static float[][] hessianEigen(float[] g, int w, int h, double sigma) {
    float[] l1 = new float[w * h];
    float[] l2 = new float[w * h];
    double norm = sigma * sigma;
    for (int y = 0; y < h; y++) {
      int ym = Math.max(0, y - 1);
      int yp = Math.min(h - 1, y + 1);
      for (int x = 0; x < w; x++) {
        int xm = Math.max(0, x - 1);
        int xp = Math.min(w - 1, x + 1);
        double c = g[y * w + x];
        double dxx = g[y * w + xp] - 2 * c + g[y * w + xm];
        double dyy = g[yp * w + x] - 2 * c + g[ym * w + x];
        double dxy = (g[yp * w + xp] - g[ym * w + xp] - g[yp * w + xm] + g[ym * w + xm]) / 4;
        double mean = (dxx + dyy) / 2;
        double root = Math.sqrt((dxx - dyy) * (dxx - dyy) / 4 + dxy * dxy);
        l1[y * w + x] = (float) (norm * (mean + root));
        l2[y * w + x] = (float) (norm * (mean - root));
      }
    }
    return new float[][] {l1, l2};
  }

  /** Gradient magnitude of an already smoothed image by central differences. */
  static float[] gradientMagnitude(float[] g, int w, int h) {
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      int ym = Math.max(0, y - 1);
      int yp = Math.min(h - 1, y + 1);
      for (int x = 0; x < w; x++) {
        int xm = Math.max(0, x - 1);
        int xp = Math.min(w - 1, x + 1);
        double gx = (g[y * w + xp] - g[y * w + xm]) / 2.0;
        double gy = (g[yp * w + x] - g[ym * w + x]) / 2.0;
        out[y * w + x] = (float) Math.hypot(gx, gy);
      }
    }
    return out;
  }
}
