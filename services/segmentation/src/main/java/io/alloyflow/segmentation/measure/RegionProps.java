package io.alloyflow.segmentation.measure;

/**
 * Geometry of one labelled region, in pixel units (lengths in pixels, areas in pixels^2).
 *
 * @param label region label (>= 1)
 * @param area pixel count
 * @param centroidX mean column
 * @param centroidY mean row
 * @param minX bounding box first column
 * @param minY bounding box first row
 * @param maxX bounding box last column (inclusive)
 * @param maxY bounding box last row (inclusive)
 * @param perimeter boundary length by the weighted 4-connected border count of scikit-image
 * @param equivalentDiameter diameter of the disk of equal area (ECD)
 * @param feretMax maximum caliper diameter of the pixel-corner convex hull
 * @param feretMin minimum caliper width of the pixel-corner convex hull
 * @param majorAxis major axis length of the ellipse with the same second moments
 * @param minorAxis minor axis length of that ellipse
 * @param convexArea area of the pixel-corner convex hull
 * @param meanIntensity mean image intensity inside the region (NaN without an image)
 * @param touchesBorder whether any pixel lies on the image edge
 */
public record RegionProps(
    int label,
    long area,
    double centroidX,
    double centroidY,
    int minX,
    int minY,
    int maxX,
    int maxY,
    double perimeter,
    double equivalentDiameter,
    double feretMax,
    double feretMin,
    double majorAxis,
    double minorAxis,
    double convexArea,
    double meanIntensity,
    boolean touchesBorder) {

  public RegionProps {
    if (label < 1 || area < 1) {
      throw new IllegalArgumentException(
          "a region needs a label >= 1 and area >= 1, found label " + label + " area " + area);
    }
  }

  /** Feret aspect ratio max/min (>= 1). */
  public double aspectRatio() {
    return feretMin > 0 ? feretMax / feretMin : Double.POSITIVE_INFINITY;
  }

  /** Circularity 4 pi A / P^2 (1 for a disk; clipped to 1 for tiny pixelated regions). */
  public double circularity() {
    return perimeter > 0 ? Math.min(1.0, 4 * Math.PI * area / (perimeter * perimeter)) : 1.0;
  }

  /** Solidity A / convex area. */
  public double solidity() {
    return convexArea > 0 ? Math.min(1.0, area / convexArea) : 1.0;
  }
}
