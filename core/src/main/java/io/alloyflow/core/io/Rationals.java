package io.alloyflow.core.io;

/** Best rational approximations with 32-bit unsigned numerator and denominator (TIFF RATIONAL). */
final class Rationals {
  private Rationals() {}

  private static final long MAX = 0xffffffffL;

  /**
   * The continued-fraction convergent of {@code x} closest to it whose numerator and denominator
   * both fit in 32 unsigned bits (Khinchin, Continued Fractions, 1964, ch. II).
   *
   * @return {numerator, denominator}
   */
  static long[] approximate(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("expected a positive finite value, found " + x);
    }
    if (x >= MAX) {
      return new long[] {MAX, 1};
    }
    long h0 = 0;
    long h1 = 1;
    long k0 = 1;
    long k1 = 0;
    double v = x;
    long[] best = {Math.max(1, Math.round(x)), 1};
    for (int i = 0; i < 64; i++) {
      double a = Math.floor(v);
      if (a > MAX) {
        break;
      }
      long ai = (long) a;
      long h2 = ai * h1 + h0;
      long k2 = ai * k1 + k0;
      if (h2 > MAX || k2 > MAX || h2 < 0 || k2 < 0) {
        break;
      }
      if (h2 > 0) {
        best = new long[] {h2, k2};
      }
      h0 = h1;
      h1 = h2;
      k0 = k1;
      k1 = k2;
      double frac = v - a;
      if (frac < 1e-15 || Math.abs((double) h2 / k2 - x) <= Math.ulp(x)) {
        break;
      }
      v = 1.0 / frac;
    }
    return best;
  }
}
