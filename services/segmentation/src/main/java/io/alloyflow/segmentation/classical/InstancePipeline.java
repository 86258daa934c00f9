package io.alloyflow.segmentation.classical;

import io.alloyflow.core.image.DistanceTransform;
import io.alloyflow.segmentation.measure.RegionProperties;
import io.alloyflow.segmentation.measure.RegionProps;
import io.alloyflow.segmentation.morphology.ConnectedComponents;
import io.alloyflow.segmentation.morphology.Markers;
import io.alloyflow.segmentation.morphology.Watershed;
import java.util.List;

/**
 * The classical instance pipeline for touching particles: global Otsu threshold (Otsu 1979), exact
 * Euclidean distance transform (Felzenszwalb and Huttenlocher 2012), h-maxima markers of the
 * distance map (Soille 2003; 8-connected marker components), marker-controlled watershed of the
 * negated distance map restricted to the foreground (Beucher and Meyer 1993), and region
 * properties. Each stage reproduces the corresponding scikit-image 0.19 function ({@code
 * threshold_otsu}, {@code ndimage.distance_transform_edt}, {@code h_maxima}, {@code
 * measure.label(connectivity=2)}, {@code watershed(connectivity=1)}, {@code regionprops}) so the
 * two can be compared label for label.
 */
public final class InstancePipeline {
  private InstancePipeline() {}

  /**
   * Pipeline output.
   *
   * @param labels instance id per pixel (0 = background)
   * @param count number of instances
   * @param props region properties of every instance
   * @param threshold the Otsu threshold used
   * @param stageNanos wall time of the stages: threshold, distance, markers, watershed, regionprops
   */
  public record Result(
      int[] labels, int count, List<RegionProps> props, double threshold, long[] stageNanos) {}

  /** Runs the pipeline; foreground = pixels above the Otsu threshold. */
  public static Result run(float[] px, int w, int h, double hValue) {
    long[] t = new long[5];
    long t0 = System.nanoTime();
    double thr = Otsu.threshold(px);
    byte[] fg = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      fg[i] = px[i] > thr ? (byte) 1 : 0;
    }
    long t1 = System.nanoTime();
    double[] dist = DistanceTransform.edt(fg, w, h);
    long t2 = System.nanoTime();
    byte[] peaks = Markers.hMaxima(dist, w, h, hValue);
    int[] markers = ConnectedComponents.label(peaks, w, h, true);
    long t3 = System.nanoTime();
    for (int i = 0; i < dist.length; i++) {
      dist[i] = -dist[i];
    }
    int[] labels = Watershed.flood(dist, markers, fg, w, h, false);
    long t4 = System.nanoTime();
    List<RegionProps> props = RegionProperties.compute(labels, w, h, px);
    long t5 = System.nanoTime();
    t[0] = t1 - t0;
    t[1] = t2 - t1;
    t[2] = t3 - t2;
    t[3] = t4 - t3;
    t[4] = t5 - t4;
    return new Result(labels, props.size(), props, thr, t);
  }
}
