package io.alloyflow.prediction.volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Engineered features of a cubic polycrystal volume for the ridge and XGBoost baselines:
 * grain count and a grain-size histogram (equivalent-sphere diameters), a volume-weighted
 * histogram and mean of the orientation invariant Gamma = l1^2 l2^2 + l2^2 l3^2 + l3^2 l1^2 of
 * the sample x axis in crystal coordinates (which fixes the cubic directional Young's modulus;
 * 0 for &lt;100&gt;, 1/3 for &lt;111&gt;), a histogram of the largest fcc Schmid factor for
 * tension along x, and two-point autocorrelations of the Gamma field at lags 1, 2, 4 (mean over
 * x, y, z).
 */
public final class VolumeFeatures {

  /** Feature names. */
  public static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>(List.of("grain_count", "mean_grain_diameter_vox"));
    for (int b = 0; b < 4; b++) {
      names.add("grain_size_bin" + b);
    }
    names.add("gamma_mean");
    for (int b = 0; b < 6; b++) {
      names.add("gamma_bin" + b);
    }
    for (int b = 0; b < 4; b++) {
      names.add("schmid_bin" + b);
    }
    for (int lag : new int[] {1, 2, 4}) {
      names.add("gamma_s2_lag" + lag);
    }
    NAMES = List.copyOf(names);
  }

  private VolumeFeatures() {}

  /** The x axis of the sample in crystal coordinates: the first column of g. */
  static double[] xInCrystal(double[] g) {
    return new double[] {g[0], g[3], g[6]};
  }

  static double gamma(double[] d) {
    double a = d[0] * d[0];
    double b = d[1] * d[1];
    double c = d[2] * d[2];
    double s = a + b + c;
    return (a * b + b * c + c * a) / (s * s);
  }

  static double schmid(double[] d) {
    double[][] normals = {{1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}};
    double[][] dirs = {{0, 1, -1}, {1, 0, -1}, {1, -1, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    double best = 0;
    for (double[] nn : normals) {
      for (double[] s : dirs) {
        if (nn[0] * s[0] + nn[1] * s[1] + nn[2] * s[2] != 0) {
          continue;
        }
        double cn = (nn[0] * d[0] + nn[1] * d[1] + nn[2] * d[2]) / Math.sqrt(3);
        double cs = (s[0] * d[0] + s[1] * d[1] + s[2] * d[2]) / Math.sqrt(2);
        best = Math.max(best, Math.abs(cn * cs));
      }
    }
    return best;
  }

  /** Features of a volume of side n. */
  public static double[] of(int n, int[] grainId, double[][] orientation) {
    int vox = n * n * n;
    if (grainId.length != vox) {
      throw new IllegalArgumentException("volume of side " + n + " needs " + vox + " voxels, found " + grainId.length);
    }
    int g = orientation.length;
    int[] size = new int[g];
    for (int id : grainId) {
      if (id < 0 || id >= g) {
        throw new IllegalArgumentException("grain id " + id + " has no orientation (grains 0.." + (g - 1) + ")");
      }
      size[id]++;
    }
    int present = 0;
    double meanD = 0;
    double[] sizeHist = new double[4];
    double[] gam = new double[g];
    double[] sch = new double[g];
    for (int k = 0; k < g; k++) {
      double[] d = xInCrystal(orientation[k]);
      gam[k] = gamma(d);
      sch[k] = schmid(d);
      if (size[k] > 0) {
        present++;
        double dia = Math.cbrt(6 * size[k] / Math.PI);
        meanD += dia;
      }
    }
    meanD /= Math.max(present, 1);
    double gMean = 0;
    double[] gHist = new double[6];
    double[] sHist = new double[4];
    for (int k = 0; k < g; k++) {
      if (size[k] == 0) {
        continue;
      }
      double w = size[k] / (double) vox;
      double dia = Math.cbrt(6 * size[k] / Math.PI);
      sizeHist[Math.min(3, (int) (dia / meanD * 2))] += 1.0 / present;
      gMean += w * gam[k];
      gHist[Math.min(5, (int) (gam[k] * 3 * 6))] += w;
      sHist[Math.min(3, Math.max(0, (int) ((sch[k] - 0.27) / 0.14 * 4)))] += w;
    }
    List<Double> out = new ArrayList<>(List.of((double) present, meanD));
    for (double v : sizeHist) {
      out.add(v);
    }
    out.add(gMean);
    for (double v : gHist) {
      out.add(v);
    }
    for (double v : sHist) {
      out.add(v);
    }
    double var = 0;
    for (int id : grainId) {
      var += Math.pow(gam[id] - gMean, 2) / vox;
    }
    for (int lag : new int[] {1, 2, 4}) {
      double s = 0;
      for (int z = 0; z < n; z++) {
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            double a = gam[grainId[(z * n + y) * n + x]] - gMean;
            s += a * (gam[grainId[(z * n + y) * n + (x + lag) % n]] - gMean);
            s += a * (gam[grainId[(z * n + (y + lag) % n) * n + x]] - gMean);
            s += a * (gam[grainId[(((z + lag) % n) * n + y) * n + x]] - gMean);
          }
        }
      }
      out.add(var > 0 ? s / (3.0 * vox) / var : 1);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * 3D-CNN input: 4 channels per voxel, the sorted absolute components of the sample x axis in
   * crystal coordinates (a cubic-symmetry invariant of the orientation seen by tension along x)
   * and a grain-boundary indicator (voxel differs from its +x, +y or +z neighbour).
   */
  public static float[] cnnInput(int n, int[] grainId, double[][] orientation) {
    return cnnInput(n, grainId, orientation, 4);
  }

  /** Channels of the richer volume input ({@link #cnnInput(int, int[], double[][], int)}). */
  public static final int RICH_CHANNELS = 6;

  /**
   * 3D-CNN input with 4 channels (as above) or {@link #RICH_CHANNELS}: the 4 plus, per voxel, the
   * largest fcc Schmid factor for tension along x (scaled by 2 to 0..1) and the directional
   * stiffness invariant Gamma (scaled by 3 to 0..1) of its grain: the same orientation, in the
   * two forms that set the local resolved shear stress and stiffness (per-voxel descriptors,
   * not the volume statistics the feature models get).
   */
  public static float[] cnnInput(int n, int[] grainId, double[][] orientation, int channels) {
    if (channels != 4 && channels != RICH_CHANNELS) {
      throw new IllegalArgumentException("volume CNN input has 4 or " + RICH_CHANNELS
          + " channels, found " + channels);
    }
    int vox = n * n * n;
    float[] x = new float[channels * vox];
    if (channels == RICH_CHANNELS) {
      float[] sch = new float[orientation.length];
      float[] gam = new float[orientation.length];
      for (int k = 0; k < orientation.length; k++) {
        double[] d = xInCrystal(orientation[k]);
        sch[k] = (float) (2 * schmid(d));
        gam[k] = (float) (3 * gamma(d));
      }
      for (int i = 0; i < vox; i++) {
        x[4 * vox + i] = sch[grainId[i]];
        x[5 * vox + i] = gam[grainId[i]];
      }
    }
    float[][] inv = new float[orientation.length][];
    for (int k = 0; k < orientation.length; k++) {
      double[] d = xInCrystal(orientation[k]);
      double[] a = {Math.abs(d[0]), Math.abs(d[1]), Math.abs(d[2])};
      java.util.Arrays.sort(a);
      inv[k] = new float[] {(float) a[0], (float) a[1], (float) a[2]};
    }
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int xx = 0; xx < n; xx++) {
          int i = (z * n + y) * n + xx;
          int id = grainId[i];
          x[i] = inv[id][0];
          x[vox + i] = inv[id][1];
          x[2 * vox + i] = inv[id][2];
          boolean gb = id != grainId[(z * n + y) * n + (xx + 1) % n]
              || id != grainId[(z * n + (y + 1) % n) * n + xx]
              || id != grainId[(((z + 1) % n) * n + y) * n + xx];
          x[3 * vox + i] = gb ? 1 : 0;
        }
      }
    }
    return x;
  }

  /** Channels of {@link #symmetricInput}. */
  public static final int SYMMETRIC_CHANNELS = 6;

  /**
   * Input of the symmetric volume CNN ({@link VolumeCnn}): {@link #SYMMETRIC_CHANNELS} per-voxel
   * scalars that a map of {@link VolumeSymmetry#GROUP} leaves unchanged, so a transformed volume's
   * input is this input with its voxels permuted: the sorted absolute components of the sample x
   * axis in crystal coordinates, a grain-boundary indicator symmetric in the six face neighbours
   * (periodic), the largest fcc Schmid factor for tension along x (times 2) and the stiffness
   * invariant Gamma (times 3) of the voxel's grain.
   */
  public static float[] symmetricInput(int n, int[] grainId, double[][] orientation) {
    int vox = n * n * n;
    if (grainId.length != vox) {
      throw new IllegalArgumentException("volume of side " + n + " needs " + vox + " voxels, found "
          + grainId.length);
    }
    float[][] per = new float[orientation.length][];
    for (int k = 0; k < orientation.length; k++) {
      double[] d = xInCrystal(orientation[k]);
      double[] a = {Math.abs(d[0]), Math.abs(d[1]), Math.abs(d[2])};
      java.util.Arrays.sort(a);
      double norm = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
      per[k] = new float[] {(float) (a[0] / norm), (float) (a[1] / norm), (float) (a[2] / norm),
          (float) (2 * schmid(d)), (float) (3 * gamma(d))};
    }
    float[] x = new float[SYMMETRIC_CHANNELS * vox];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int xx = 0; xx < n; xx++) {
          int i = (z * n + y) * n + xx;
          int id = grainId[i];
          if (id < 0 || id >= per.length) {
            throw new IllegalArgumentException("voxel " + i + " has grain " + id
                + ", which has no orientation (grains 0.." + (per.length - 1) + ")");
          }
          boolean gb = id != grainId[(z * n + y) * n + (xx + 1) % n]
              || id != grainId[(z * n + y) * n + (xx + n - 1) % n]
              || id != grainId[(z * n + (y + 1) % n) * n + xx]
              || id != grainId[(z * n + (y + n - 1) % n) * n + xx]
              || id != grainId[(((z + 1) % n) * n + y) * n + xx]
              || id != grainId[(((z + n - 1) % n) * n + y) * n + xx];
          x[i] = per[id][0];
          x[vox + i] = per[id][1];
          x[2 * vox + i] = per[id][2];
          x[3 * vox + i] = gb ? 1 : 0;
          x[4 * vox + i] = per[id][3];
          x[5 * vox + i] = per[id][4];
        }
      }
    }
    return x;
  }
}
