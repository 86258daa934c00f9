package io.alloyflow.workflows.candidate;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A designer's candidate: a composition and microstructure parameters of the Al(x)CoCrFeNi family
 * the synthetic world can make.
 *
 * @param candidateId id, {@code candidate-} followed by 1..64 letters, digits or '-'
 * @param composition molar amounts of Al, Co, Cr, Fe and Ni (normalised here); Co, Cr, Fe and Ni
 *     equal within 2 %, Al/Co within 0.2..1.0
 * @param grainInterceptUm mean lineal intercept of the grains (um), 2..200
 * @param imageSize edge of the synthetic micrograph (pixels), 64..1024
 * @param pixelSizeUm its pixel size (um), 0.05..5
 * @param seed seed of the synthetic micrograph and spectrum
 */
public record CandidateRequest(String candidateId, Map<String, Double> composition,
    double grainInterceptUm, int imageSize, double pixelSizeUm, long seed) {
  public static final Pattern ID = Pattern.compile("candidate-[A-Za-z0-9-]{1,64}");

  public CandidateRequest {
    if (candidateId == null || !ID.matcher(candidateId).matches()) {
      throw new IllegalArgumentException(
          "candidateId must be 'candidate-' followed by 1..64 letters, digits or '-', found '" + candidateId + "'");
    }
    if (composition == null || !composition.keySet().equals(java.util.Set.of("Al", "Co", "Cr", "Fe", "Ni"))) {
      throw new IllegalArgumentException("composition must give exactly Al, Co, Cr, Fe and Ni (the Al(x)CoCrFeNi"
          + " family of the synthetic world), found " + (composition == null ? "none" : composition.keySet()));
    }
    composition = new TreeMap<>(composition);
    double co = composition.get("Co");
    for (String el : new String[] {"Cr", "Fe", "Ni"}) {
      if (!(co > 0) || Math.abs(composition.get(el) / co - 1) > 0.02) {
        throw new IllegalArgumentException("Co, Cr, Fe and Ni must be equal (within 2 %) and positive, found "
            + composition);
      }
    }
    double x = composition.get("Al") / co;
    if (!(x >= 0.2 && x <= 1.0)) {
      throw new IllegalArgumentException("Al/Co must be within 0.2..1.0 (the two-phase range), found " + x);
    }
    if (!(grainInterceptUm >= 2 && grainInterceptUm <= 200)) {
      throw new IllegalArgumentException("grainInterceptUm must be within 2..200, found " + grainInterceptUm);
    }
    if (imageSize == 0) {
      imageSize = 192;
    }
    if (imageSize < 64 || imageSize > 1024) {
      throw new IllegalArgumentException("imageSize must be 64..1024, found " + imageSize);
    }
    if (pixelSizeUm == 0) {
      pixelSizeUm = 0.5;
    }
    if (!(pixelSizeUm >= 0.05 && pixelSizeUm <= 5)) {
      throw new IllegalArgumentException("pixelSizeUm must be within 0.05..5, found " + pixelSizeUm);
    }
  }

  /** x of Al(x)CoCrFeNi. */
  public double aluminium() {
    return composition.get("Al") / composition.get("Co");
  }
}
