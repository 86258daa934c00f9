package io.alloyflow.workflows.campaign.opt;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The box a campaign searches. Optimisation happens in the unit cube; {@link #toUnit} and
 * {@link #fromUnit} map between parameter values and unit coordinates.
 *
 * @param parameters the parameters, 1..20, names unique
 */
public record SearchSpace(List<Parameter> parameters) {
  public SearchSpace {
    if (parameters == null || parameters.isEmpty() || parameters.size() > 20) {
      throw new IllegalArgumentException("a search space needs 1..20 parameters, found "
          + (parameters == null ? 0 : parameters.size()));
    }
    parameters = List.copyOf(parameters);
    Set<String> names = new HashSet<>();
    for (Parameter p : parameters) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("parameter '" + p.name() + "' is listed twice");
      }
    }
  }

  /** Number of parameters. */
  public int dimension() {
    return parameters.size();
  }

  /**
   * Unit coordinates of a point given as parameter values; every parameter must be present,
   * finite and inside its bounds, and no other key may appear.
   */
  public double[] toUnit(Map<String, Double> values) {
    if (values == null || values.size() != parameters.size()) {
      throw new IllegalArgumentException("expected values for exactly the parameters "
          + names() + ", found " + (values == null ? "none" : values.keySet()));
    }
    double[] u = new double[parameters.size()];
    for (int i = 0; i < u.length; i++) {
      Parameter p = parameters.get(i);
      Double v = values.get(p.name());
      if (v == null || !Double.isFinite(v) || v < p.lo() || v > p.hi()) {
        throw new IllegalArgumentException("parameter '" + p.name() + "' must be a number within ["
            + p.lo() + ", " + p.hi() + "], found " + v);
      }
      u[i] = (v - p.lo()) / (p.hi() - p.lo());
    }
    return u;
  }

  /** Parameter values of unit coordinates (clamped to the box). */
  public Map<String, Double> fromUnit(double[] u) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      double c = Math.min(1, Math.max(0, u[i]));
      m.put(p.name(), p.lo() + c * (p.hi() - p.lo()));
    }
    return m;
  }

  /** The parameter names in order. */
  public List<String> names() {
    return parameters.stream().map(Parameter::name).toList();
  }
}
