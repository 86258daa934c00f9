package io.alloyflow.segmentation.io;

import java.util.Locale;

/** Label-mask file formats accepted for training and evaluation. */
public enum MaskFormat {
  /** Gray PNG/TIFF, pixel value = class index (or instance id). */
  PNG,
  /** NASA superalloy RGBA masks: grey = matrix, blue = secondary, red = tertiary gamma-prime. */
  NASA,
  /** VIA 2.0.8 polygon JSON (instances). */
  VIA;

  public static MaskFormat parse(String s) {
    for (MaskFormat f : values()) {
      if (f.name().equalsIgnoreCase(s.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown mask format '" + s + "': expected png, nasa or via");
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
