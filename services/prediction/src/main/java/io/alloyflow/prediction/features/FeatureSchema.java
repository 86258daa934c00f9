package io.alloyflow.prediction.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names, units and Shapley groups of a model's input columns. Stored with every model; a model
 * refuses input built with another schema.
 *
 * @param id schema identifier including its version, e.g. {@code mpea-hardness-v1}
 * @param features the columns in order
 */
public record FeatureSchema(String id, List<Feature> features) {

  /**
   * One input column.
   *
   * @param name column name (also the {@code shap_<name>} output column)
   * @param unit unit ("1" when dimensionless, "flag" for 0/1 indicators)
   * @param group Shapley player the column belongs to (one-hot columns of one category share a
   *     group, so they are switched in and out together)
   * @param description what it is
   */
  public record Feature(String name, String unit, String group, String description) {
    public Feature {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(group, "group");
      description = description == null ? "" : description;
    }
  }

  public FeatureSchema {
    Objects.requireNonNull(id, "id");
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a feature schema needs at least one feature");
    }
  }

  /** Number of columns. */
  public int size() {
    return features.size();
  }

  /** Column names in order. */
  public List<String> names() {
    return features.stream().map(Feature::name).toList();
  }

  /** Shapley players: group name to column indices, in first-appearance order. */
  public Map<String, int[]> groups() {
    Map<String, List<Integer>> g = new LinkedHashMap<>();
    for (int i = 0; i < features.size(); i++) {
      g.computeIfAbsent(features.get(i).group(), k -> new ArrayList<>()).add(i);
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    g.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  /** Unit of a Shapley group (the unit of its first column, or "flag" for indicator groups). */
  public String groupUnit(String group) {
    for (Feature f : features) {
      if (f.group().equals(group)) {
        return f.unit();
      }
    }
    throw new IllegalArgumentException("no feature group '" + group + "' in schema " + id);
  }

  /**
   * Fails with a message naming the first difference when {@code other} is not this schema.
   *
   * @param where what is being checked, e.g. the model directory
   */
  public void requireSame(FeatureSchema other, String where) {
    if (!id.equals(other.id())) {
      throw new IllegalArgumentException(
          where + ": feature schema '" + other.id() + "' does not match the model's '" + id + "'");
    }
    if (other.size() != size()) {
      throw new IllegalArgumentException(
          where + ": " + other.size() + " features, the model expects " + size());
    }
    for (int i = 0; i < size(); i++) {
      Feature a = features.get(i);
      Feature b = other.features().get(i);
      if (!a.name().equals(b.name()) || !a.unit().equals(b.unit())) {
        throw new IllegalArgumentException(
            where + ": feature " + i + " is '" + b.name() + "' [" + b.unit() + "], the model expects '"
                + a.name() + "' [" + a.unit() + "]");
      }
    }
  }
}
