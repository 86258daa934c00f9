package io.alloyflow.prediction.features;

import io.alloyflow.core.materials.AlloySystems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The feature builder of the MPEA hardness models (schema {@code mpea-hardness-v1}): eight
 * composition descriptors ({@link AlloyDescriptors}), the test temperature, the processing route
 * (one-hot, one Shapley player) and the observed phase types (indicators, one Shapley player;
 * phase names from the catalogue {@link AlloySystems}).
 */
public final class HardnessFeatures {
  /** Schema identifier. */
  public static final String SCHEMA_ID = "mpea-hardness-v1";

  /** Processing routes of the one-hot block (an unknown route is all zeros). */
  public static final List<String> ROUTES = List.of("CAST", "ANNEAL", "POWDER", "WROUGHT", "OTHER");

  /** Phase indicators. */
  public static final List<String> PHASES = List.of("BCC", "FCC", "B2", "SEC", "LAVES", "HCP_L12", "UNKNOWN");

  private static final FeatureSchema SCHEMA = build();

  private HardnessFeatures() {}

  private static FeatureSchema build() {
    List<FeatureSchema.Feature> f = new ArrayList<>();
    f.add(new FeatureSchema.Feature("mixing_entropy", "J/(mol K)", "mixing_entropy", "ideal configurational entropy -R sum c ln c"));
    f.add(new FeatureSchema.Feature("size_mismatch", "%", "size_mismatch", "atomic-size mismatch delta (Zhang et al. 2008)"));
    f.add(new FeatureSchema.Feature("vec", "e/atom", "vec", "valence electron concentration"));
    f.add(new FeatureSchema.Feature("electronegativity_spread", "Pauling", "electronegativity_spread", "Pauling electronegativity standard deviation"));
    f.add(new FeatureSchema.Feature("mixing_enthalpy", "kJ/mol", "mixing_enthalpy", "Miedema regular-solution mixing enthalpy (Takeuchi & Inoue 2005)"));
    f.add(new FeatureSchema.Feature("melting_point", "K", "melting_point", "rule-of-mixtures melting point"));
    f.add(new FeatureSchema.Feature("shear_modulus", "GPa", "shear_modulus", "rule-of-mixtures shear modulus"));
    f.add(new FeatureSchema.Feature("shear_mismatch", "%", "shear_mismatch", "shear-modulus mismatch (Wen et al. 2019)"));
    f.add(new FeatureSchema.Feature("test_temperature", "C", "test_temperature", "test temperature (25 C when not given)"));
    for (String r : ROUTES) {
      f.add(new FeatureSchema.Feature("route_" + r.toLowerCase(Locale.ROOT), "flag", "processing", "processing route " + r));
    }
    for (String p : PHASES) {
      f.add(new FeatureSchema.Feature("phase_" + p.toLowerCase(Locale.ROOT), "flag", "phases", "phase present: " + p));
    }
    return new FeatureSchema(SCHEMA_ID, f);
  }

  /** Shapley groups of the schema that are deterministic functions of the composition. */
  public static final Set<String> COMPOSITION_GROUPS =
      Set.of("mixing_entropy", "size_mismatch", "vec", "electronegativity_spread", "mixing_enthalpy",
          "melting_point", "shear_modulus", "shear_mismatch");

  /** Name of the composition player of {@link #inputPlayers(FeatureSchema)}. */
  public static final String COMPOSITION = "composition";

  /**
   * Shapley players at the level of a sample's inputs ({@link AlloySample}): the composition (all
   * descriptor columns computed from it, switched in and out together), the processing route, the
   * phases and the test temperature. Grouped Shapley values over these players (Jullum, Redelmeier
   * and Aas 2021, "groupShapley", arXiv:2106.12228) never pair one alloy's entropy with another
   * alloy's VEC: every hybrid point's composition block is a real alloy's, which the
   * descriptor-level players cannot promise (the descriptors are dependent by construction).
   * Groups that do not derive from the composition stay players of their own.
   *
   * @return player name to column indices, composition first, then in schema order
   */
  public static Map<String, int[]> inputPlayers(FeatureSchema schema) {
    Map<String, List<Integer>> g = new LinkedHashMap<>();
    g.put(COMPOSITION, new ArrayList<>());
    for (int i = 0; i < schema.size(); i++) {
      String grp = schema.features().get(i).group();
      g.computeIfAbsent(COMPOSITION_GROUPS.contains(grp) ? COMPOSITION : grp, k -> new ArrayList<>()).add(i);
    }
    g.values().removeIf(List::isEmpty);
    Map<String, int[]> out = new LinkedHashMap<>();
    g.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  /** The schema. */
  public static FeatureSchema schema() {
    return SCHEMA;
  }

  /** Feature vector of a sample, in schema order. */
  public static double[] vector(AlloySample s) {
    AlloyDescriptors d = AlloyDescriptors.of(s.composition());
    double[] v = new double[SCHEMA.size()];
    int i = 0;
    v[i++] = d.mixingEntropy();
    v[i++] = d.sizeMismatch();
    v[i++] = d.vec();
    v[i++] = d.electronegativitySpread();
    v[i++] = d.mixingEnthalpy();
    v[i++] = d.meltingPoint();
    v[i++] = d.shearModulus();
    v[i++] = d.shearMismatch();
    v[i++] = Double.isNaN(s.testTemperatureC()) ? 25.0 : s.testTemperatureC();
    String route = s.processing();
    if (!route.isEmpty() && !ROUTES.contains(route)) {
      throw new IllegalArgumentException(
          "unknown processing route '" + route + "' (expected one of " + ROUTES + " or empty)");
    }
    for (String r : ROUTES) {
      v[i++] = r.equals(route) ? 1 : 0;
    }
    String ph = s.phases().toUpperCase(Locale.ROOT);
    v[i++] = ph.contains(upper(AlloySystems.BCC)) ? 1 : 0;
    v[i++] = ph.replace(upper(AlloySystems.BCC), "").contains(upper(AlloySystems.FCC)) ? 1 : 0;
    v[i++] = ph.contains(upper(AlloySystems.B2)) ? 1 : 0;
    v[i++] = ph.contains("SEC") || ph.contains("IM") ? 1 : 0;
    v[i++] = ph.contains(upper(AlloySystems.LAVES)) ? 1 : 0;
    v[i++] = ph.contains(upper(AlloySystems.HCP)) || ph.contains(upper(AlloySystems.L12)) ? 1 : 0;
    v[i++] = ph.isEmpty() ? 1 : 0;
    return v;
  }

  private static String upper(String phase) {
    return phase.toUpperCase(Locale.ROOT);
  }
}
