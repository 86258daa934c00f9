package io.alloyflow.fusion.inclusions;

/**
 * A particle detected in a BSE image.
 *
 * @param id 1-based id in detection order
 * @param pixels row-major pixel indices
 * @param areaPx area in pixels
 * @param ecdM equivalent circle diameter (m; NaN when the pixel size is unknown)
 * @param cx centroid x (pixel coordinates, centres at +0.5)
 * @param cy centroid y
 * @param aspect ratio of the principal axes of the second moments (>= 1)
 * @param orientationDeg angle of the major axis to x (deg)
 * @param touchesBorder whether the particle touches the image border
 * @param bseFeatures BSE-only features, names in {@link ParticleDetector#FEATURE_NAMES}
 */
public record Particle(int id, int[] pixels, int areaPx, double ecdM, double cx, double cy,
    double aspect, double orientationDeg, boolean touchesBorder, float[] bseFeatures) {}
