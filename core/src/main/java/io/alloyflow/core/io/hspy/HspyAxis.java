package io.alloyflow.core.io.hspy;

/**
 * One axis of a HyperSpy signal.
 *
 * @param name axis name (e.g. x, y, Energy)
 * @param size number of points
 * @param scale step per point, in units
 * @param offset value of the first point, in units
 * @param units units (e.g. µm, keV)
 * @param navigate whether the axis is a navigation axis (pixels) rather than a signal axis
 */
public record HspyAxis(String name, int size, double scale, double offset, String units,
    boolean navigate) {
  public HspyAxis {
    if (size <= 0) {
      throw new IllegalArgumentException("axis " + name + " must have a positive size, found "
          + size);
    }
    if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
      throw new IllegalArgumentException("axis " + name + ": scale and offset must be finite");
    }
    name = name == null ? "" : name;
    units = units == null ? "" : units;
  }
}
