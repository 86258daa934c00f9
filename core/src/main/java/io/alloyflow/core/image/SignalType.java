package io.alloyflow.core.image;

/** The detector signal an SEM image was formed from. */
public enum SignalType {
  /** Backscattered electrons: contrast follows mean atomic number. */
  BSE,
  /** Secondary electrons: contrast follows topography and edges. */
  SE,
  /** In-lens / through-the-lens secondary electrons. */
  INLENS,
  /** Optical or unknown signal. */
  OTHER;

  /** Parses a user-supplied name case-insensitively, with a clear error on unknown names. */
  public static SignalType parse(String name) {
    for (SignalType t : values()) {
      if (t.name().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown signal type '" + name + "': expected one of BSE, SE, INLENS, OTHER");
  }
}
