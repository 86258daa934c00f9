package io.alloyflow.core.xray;

import java.util.Arrays;
import java.util.Map;

/**
 * A specimen's composition as the phi(rho z) models see it: atomic numbers and mass fractions,
 * normalised to 1 (negative fractions, which iterative quantification can produce on its way,
 * count as 0). Holds defensive copies; equality is element-wise.
 *
 * @param z atomic numbers
 * @param c mass fractions, non-negative, summing to 1
 */
public record Matrix(int[] z, double[] c) {

  /** Validates and normalises. */
  public Matrix {
    if (z == null || c == null || z.length == 0 || z.length != c.length) {
      throw new IllegalArgumentException("a matrix needs as many mass fractions as elements, found "
          + (z == null ? "no" : z.length) + " elements and " + (c == null ? "no" : c.length)
          + " fractions");
    }
    z = z.clone();
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      if (z[i] < 1 || z[i] > 103) {
        throw new IllegalArgumentException("atomic number must be in 1..103, found " + z[i]);
      }
      if (Double.isNaN(c[i]) || Double.isInfinite(c[i])) {
        throw new IllegalArgumentException(
            "mass fraction of Z=" + z[i] + " must be finite, found " + c[i]);
      }
      sum += Math.max(c[i], 0);
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException(
          "matrix composition has no positive mass fraction: " + Arrays.toString(c));
    }
    double[] n = new double[c.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = Math.max(c[i], 0) / sum;
    }
    c = n;
  }

  /** A matrix from atomic numbers and (unnormalised) mass fractions. */
  public static Matrix of(int[] z, double[] c) {
    return new Matrix(z, c);
  }

  /** A matrix from symbol -&gt; mass fraction (unnormalised). */
  public static Matrix of(Map<String, Double> composition) {
    if (composition == null || composition.isEmpty()) {
      throw new IllegalArgumentException("composition is empty: expected symbol -> mass fraction");
    }
    int[] z = new int[composition.size()];
    double[] c = new double[z.length];
    int i = 0;
    for (Map.Entry<String, Double> e : composition.entrySet()) {
      z[i] = AtomicData.z(e.getKey());
      c[i++] = e.getValue() == null ? Double.NaN : e.getValue();
    }
    return new Matrix(z, c);
  }

  @Override
  public int[] z() {
    return z.clone();
  }

  @Override
  public double[] c() {
    return c.clone();
  }

  /** Number of elements. */
  public int size() {
    return z.length;
  }

  /** Atomic number of element i. */
  public int z(int i) {
    return z[i];
  }

  /** Mass fraction of element i. */
  public double c(int i) {
    return c[i];
  }

  /** Mass-averaged atomic number. */
  public double meanZ() {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      s += c[i] * z[i];
    }
    return s;
  }

  /** Log-averaged atomic number exp(sum c ln Z) (P&amp;P's Z_n). */
  public double logMeanZ() {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      s += c[i] * Math.log(z[i]);
    }
    return Math.exp(s);
  }

  /** Backscatter mean atomic number (sum c sqrt Z)^2 (P&amp;P's Z_b). */
  public double backscatterZ() {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      s += c[i] * Math.sqrt(z[i]);
    }
    return s * s;
  }

  /** Mass attenuation coefficient of the matrix at a photon energy in keV, cm^2/g. */
  public double massAttenuation(double keV) {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      if (c[i] > 0) {
        s += c[i] * AtomicData.massAttenuation(z[i], keV);
      }
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && Arrays.equals(z, m.z) && Arrays.equals(c, m.c);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(z) + Arrays.hashCode(c);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Matrix[");
    for (int i = 0; i < z.length; i++) {
      b.append(i == 0 ? "" : ", ").append(AtomicData.symbol(z[i])).append('=').append(c[i]);
    }
    return b.append(']').toString();
  }
}
