package io.alloyflow.segmentation.measure;

/**
 * ASTM grain size from one method.
 *
 * @param method {@code E112-heyn-intercept}, {@code E112-jeffries-planimetric} or {@code
 *     E1382-grain-area}
 * @param g ASTM grain size number G
 * @param gLow lower bound of the 95 % CI of G (NaN when not defined)
 * @param gHigh upper bound of the 95 % CI of G
 * @param meanInterceptUm mean lineal intercept length in micrometres (intercept method, else NaN)
 * @param grainsPerMm2 N_A, grains per square millimetre (planimetric / area methods, else NaN)
 * @param relativeAccuracyPct %RA of the underlying measurement (100 CI / mean)
 * @param count intersections counted (intercept) or grains counted (planimetric/area)
 * @param fields number of fields (lines or tiles) the CI is computed from
 */
public record GrainSizeResult(
    String method,
    double g,
    double gLow,
    double gHigh,
    double meanInterceptUm,
    double grainsPerMm2,
    double relativeAccuracyPct,
    long count,
    int fields) {}
