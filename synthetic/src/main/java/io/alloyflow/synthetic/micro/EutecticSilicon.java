package io.alloyflow.synthetic.micro;

import io.alloyflow.synthetic.random.RandomFields;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Silicon particles inside the Al-Si eutectic regions of a hypoeutectic casting alloy.
 *
 * <p>Volume fraction: the Al-Si eutectic (12.6 wt% Si, 577 C) decomposes into eutectic alpha-Al
 * at the maximum solid solubility (1.65 wt% Si) and essentially pure Si (J. L. Murray and A. J.
 * McAlister, "The Al-Si (aluminum-silicon) system", Bull. Alloy Phase Diagrams 5 (1984) 74). The
 * lever rule gives 11.1 wt% Si particles, i.e. {@value #SI_VOLUME_FRACTION} by volume with the
 * densities 2.33 (Si) and 2.70 g/cm3 (Al); by Delesse's principle this is also the expected area
 * fraction on a section.
 *
 * <p>Morphology (sections of the eutectic Si): unmodified alloys have coarse acicular plates,
 * which a section cuts as needles about 1-10 um long and 0.5-1 um thick; Sr or Na modification
 * turns them into a fine fibrous network whose sections are rods and dots 0.2-1 um across
 * (S. D. McDonald, K. Nogita, A. K. Dahle, "Eutectic nucleation in Al-Si alloys", Acta Mater. 52
 * (2004) 4273; K. Nogita, A. K. Dahle, Mater. Charact. 46 (2001) 305; review: S. Hegde and K. N.
 * Prabhu, "Modification of eutectic silicon in Al-Si alloys", J. Mater. Sci. 43 (2008) 3009;
 * particle sizes in A356: Q. G. Wang, "Microstructural effects on the tensile and fracture
 * behavior of aluminum casting alloys A356/357", Metall. Mater. Trans. A 34 (2003) 2887).
 * Flakes here are capsules (a segment of length L - T swept by a disc of diameter T), L and T
 * log-normal, with an orientation that follows a smooth random field (Si plates of one eutectic
 * colony grow roughly parallel) plus per-flake scatter. They are clipped to the eutectic region
 * and placed until the requested area fraction of the region is covered.
 *
 * <p>Rendering: each pixel is split into 4 x 4 sub-samples held as a 16-bit mask, so overlapping
 * flakes are united exactly at sub-pixel resolution in memory of one short per pixel; the output
 * is the Si area fraction per pixel.
 */
public final class EutecticSilicon {

  private EutecticSilicon() {}

  /** Si volume (and expected area) fraction of the eutectic from the lever rule at 577 C. */
  public static final double SI_VOLUME_FRACTION = 0.127;

  /** Section morphology of the eutectic Si. */
  public enum Morphology {
    /** Unmodified: acicular flakes, median length 3.5 um (1-10 um), thickness 0.7 um. */
    UNMODIFIED(3.5e-6, 0.6, 0.7e-6, 0.25, 0.35),
    /** Sr/Na-modified: fibrous, sections 0.2-1 um, aspect 1-3. */
    MODIFIED(0.8e-6, 0.5, 0.4e-6, 0.3, 1.2),
    /** No resolved particles: the eutectic is rendered as its uniform mean (earlier model). */
    UNIFORM(0, 0, 0, 0, 0);

    final double medianLengthM;
    final double lengthSigma;
    final double medianThicknessM;
    final double thicknessSigma;
    final double angleScatterRad;

    Morphology(double l, double ls, double t, double ts, double scatter) {
      this.medianLengthM = l;
      this.lengthSigma = ls;
      this.medianThicknessM = t;
      this.thicknessSigma = ts;
      this.angleScatterRad = scatter;
    }

    /** Parses {@code unmodified}, {@code modified} or {@code uniform} (case-insensitive). */
    public static Morphology parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "eutectic Si morphology must be unmodified, modified or uniform, found '" + s + "'");
      }
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Result: Si area fraction per pixel, number of flakes placed, achieved region fraction. */
  public record Result(float[] siFraction, int flakeCount, double regionSiFraction) {}

  private static final int SS = 4;

  /**
   * Places Si flakes inside {@code region} until {@code areaFraction} of its area is covered.
   *
   * @param region pixels of the eutectic
   * @param pixelSizeM pixel size in metres
   * @param morphology flake morphology (UNIFORM returns an all-zero map)
   * @param areaFraction target Si area fraction of the region, [0, 0.6]
   */
  public static Result generate(boolean[] region, int w, int h, double pixelSizeM,
      Morphology morphology, double areaFraction, long seed) {
    if (!(areaFraction >= 0 && areaFraction <= 0.6)) {
      throw new IllegalArgumentException(
          "Si area fraction of the eutectic must be in [0, 0.6], found " + areaFraction);
    }
    int n = w * h;
    float[] out = new float[n];
    int regionPx = 0;
    for (boolean b : region) {
      if (b) {
        regionPx++;
      }
    }
    if (morphology == Morphology.UNIFORM || regionPx == 0 || areaFraction == 0) {
      return new Result(out, 0, 0);
    }
    int[] idx = new int[regionPx];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (region[i]) {
        idx[j++] = i;
      }
    }
    double colonyPx = Math.max(2, 6e-6 / pixelSizeM);
    float[] orient = RandomFields.gaussianField(w, h, colonyPx, colonyPx,
        RandomFields.stream(seed, 71));
    SplittableRandom rng = RandomFields.stream(seed, 72);
    short[] bits = new short[n];
    long target = Math.round(areaFraction * SS * SS * (double) regionPx);
    long covered = 0;
    int flakes = 0;
    long attempts = 0;
    long maxAttempts = 100L + 50L * target;
    while (covered < target && attempts++ < maxAttempts) {
      int c = idx[rng.nextInt(regionPx)];
      double cx = c % w + rng.nextDouble();
      double cy = c / w + rng.nextDouble();
      double len = morphology.medianLengthM
          * Math.exp(morphology.lengthSigma * RandomFields.gaussian(rng)) / pixelSizeM;
      double th = morphology.medianThicknessM
          * Math.exp(morphology.thicknessSigma * RandomFields.gaussian(rng)) / pixelSizeM;
      len = Math.max(len, th);
      double ang = Math.PI * orient[c] + morphology.angleScatterRad * RandomFields.gaussian(rng);
      long added = drawCapsule(bits, region, w, h, cx, cy, len, th, ang);
      if (added > 0) {
        covered += added;
        flakes++;
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] = Integer.bitCount(bits[i] & 0xffff) / (float) (SS * SS);
    }
    return new Result(out, flakes, covered / (double) (SS * SS * (long) regionPx));
  }

  /** Sets the sub-samples of region pixels inside the capsule; returns how many were new. */
  private static long drawCapsule(short[] bits, boolean[] region, int w, int h, double cx,
      double cy, double len, double th, double ang) {
    double half = Math.max(0, (len - th) / 2);
    double r = th / 2;
    double dx = Math.cos(ang);
    double dy = Math.sin(ang);
    double ext = half + r;
    int x0 = Math.max(0, (int) Math.floor(cx - ext));
    int x1 = Math.min(w - 1, (int) Math.floor(cx + ext));
    int y0 = Math.max(0, (int) Math.floor(cy - ext));
    int y1 = Math.min(h - 1, (int) Math.floor(cy + ext));
    long added = 0;
    double r2 = r * r;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        int i = y * w + x;
        if (!region[i]) {
          continue;
        }
        int b = bits[i] & 0xffff;
        if (b == 0xffff) {
          continue;
        }
        for (int sy = 0; sy < SS; sy++) {
          double py = y + (sy + 0.5) / SS - cy;
          for (int sx = 0; sx < SS; sx++) {
            int bit = 1 << (sy * SS + sx);
            if ((b & bit) != 0) {
              continue;
            }
            double px = x + (sx + 0.5) / SS - cx;
            double t = Math.max(-half, Math.min(half, px * dx + py * dy));
            double ex = px - t * dx;
            double ey = py - t * dy;
            if (ex * ex + ey * ey <= r2) {
              b |= bit;
              added++;
            }
          }
        }
        bits[i] = (short) b;
      }
    }
    return added;
  }
}
