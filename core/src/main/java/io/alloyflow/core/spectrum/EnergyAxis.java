package io.alloyflow.core.spectrum;

/**
 * Linear energy axis: channel {@code i} is centred at {@code offsetEv + i * gainEvPerChannel}.
 *
 * @param offsetEv energy of channel 0 in eV (EMSA {@code #OFFSET}, converted to eV)
 * @param gainEvPerChannel channel width in eV (EMSA {@code #XPERCHAN}, converted to eV), > 0
 */
public record EnergyAxis(double offsetEv, double gainEvPerChannel) {

  public EnergyAxis {
    if (!Double.isFinite(offsetEv)) {
      throw new IllegalArgumentException("energy offset must be finite, found " + offsetEv);
    }
    if (!(gainEvPerChannel > 0) || !Double.isFinite(gainEvPerChannel)) {
      throw new IllegalArgumentException(
          "channel width must be a positive number of eV, found " + gainEvPerChannel);
    }
  }

  /** Energy (eV) at the centre of a (possibly fractional) channel. */
  public double energyEv(double channel) {
    return offsetEv + channel * gainEvPerChannel;
  }

  /** Fractional channel index of an energy in eV. */
  public double channel(double energyEv) {
    return (energyEv - offsetEv) / gainEvPerChannel;
  }
}
