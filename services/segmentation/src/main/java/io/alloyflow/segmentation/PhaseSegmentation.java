package io.alloyflow.segmentation;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.segmentation.measure.PhaseFraction;
import java.util.List;
import java.util.Objects;

/**
 * Result of phase segmentation.
 *
 * @param labels class index per pixel
 * @param classNames class names, index = label value
 * @param fractions area fraction per class with standard error (ASTM E562 fields)
 * @param algorithm what ran, with every parameter
 */
public record PhaseSegmentation(
    LabelMap labels, List<String> classNames, List<PhaseFraction> fractions, AlgorithmInfo algorithm) {
  public PhaseSegmentation {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(algorithm, "algorithm");
    classNames = List.copyOf(classNames);
    fractions = List.copyOf(fractions);
    if (fractions.size() != classNames.size()) {
      throw new IllegalArgumentException(
          classNames.size() + " class names but " + fractions.size() + " fractions");
    }
  }
}
