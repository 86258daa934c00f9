package io.alloyflow.synthetic.micro;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One object of an instance map (a grain, martensite island, inclusion or powder particle).
 *
 * @param id instance id as stored in the instance label map (1..n)
 * @param className class of the instance (e.g. {@code MnS}, {@code duplex}, {@code satellite})
 * @param composition mass fractions of the object (the phase composition, or the area-weighted
 *     mean for multi-phase objects such as duplex inclusions)
 * @param attributes further truth (area in pixels, equivalent diameter, flags), JSON-friendly
 */
public record Instance(
    int id, String className, Map<String, Double> composition, Map<String, Object> attributes) {

  public Instance {
    if (id <= 0) {
      throw new IllegalArgumentException("instance id must be >= 1, found " + id);
    }
    Objects.requireNonNull(className, "className");
    // insertion-ordered copies: Map.copyOf iterates in an order salted per JVM, which made
    // truth.json differ between runs of the same seed
    composition = Collections.unmodifiableMap(new LinkedHashMap<>(composition));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
