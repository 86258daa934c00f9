package io.alloyflow.core.io.hspy;

import java.util.List;
import java.util.Map;

/**
 * A HyperSpy signal: values in C order over the axes (the last axis varies fastest; for a
 * spectrum image: rows, columns, channels), its axes, title, signal type and scalar metadata
 * (flattened keys such as {@code Acquisition_instrument.SEM.beam_energy}).
 *
 * @param title the signal's title
 * @param signalType HyperSpy signal type (e.g. EDS_SEM, or empty)
 * @param axes axes, outermost first
 * @param data values, C order
 * @param metadata scalar metadata by dotted path
 */
public record HspySignal(String title, String signalType, List<HspyAxis> axes, float[] data,
    Map<String, Object> metadata) {
  public HspySignal {
    axes = List.copyOf(axes);
    long n = 1;
    for (HspyAxis a : axes) {
      n *= a.size();
    }
    if (data == null || n != data.length) {
      throw new IllegalArgumentException("signal '" + title + "' with axes of sizes "
          + axes.stream().map(a -> "" + a.size()).toList() + " needs " + n + " values, found "
          + (data == null ? 0 : data.length));
    }
    metadata = Map.copyOf(metadata);
    title = title == null ? "" : title;
    signalType = signalType == null ? "" : signalType;
  }

  /** Kind: spectrum, spectrum image, image, or "N+M-dimensional signal". */
  public String kind() {
    long nav = axes.stream().filter(HspyAxis::navigate).count();
    long sig = axes.size() - nav;
    if (sig == 1 && nav == 0) {
      return "spectrum";
    }
    if (sig == 1 && nav == 2) {
      return "spectrum image";
    }
    if (sig == 2 && nav == 0) {
      return "image";
    }
    return nav + "+" + sig + "-dimensional signal";
  }
}
