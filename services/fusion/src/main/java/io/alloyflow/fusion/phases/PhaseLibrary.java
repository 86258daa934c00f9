package io.alloyflow.fusion.phases;

import io.alloyflow.core.materials.AlloySystems;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expected phases of an alloy system, ordered by expected image brightness (darkest first).
 *
 * <p>Orders: dual-phase steel in SEM after nital etching shows ferrite dark and martensite bright
 * (etched ferrite vs. raised, carbon-rich martensite islands; e.g. Calcagnotto, Ponge &amp; Raabe
 * 2010, Mater. Sci. Eng. A 527:2738); Al-Mg-Si-Fe alloys in BSE show Mg2Si darker than the
 * alpha-Al matrix and Al-Fe intermetallics brightest (mean Z: Mg2Si ~12.7 &lt; Al 13 &lt;
 * Al13Fe4 ~17.5); names and orders come from the catalogue {@link AlloySystems}. Where the
 * number of segmented classes differs from the library the classes keep generic names: a name is
 * only given when the evidence supports it.
 */
public final class PhaseLibrary {
  private static final Map<String, List<String>> ORDERED =
      Map.of(
          AlloySystems.DP_STEEL, AlloySystems.phases(AlloySystems.DP_STEEL),
          AlloySystems.AL_ALLOY, AlloySystems.phases(AlloySystems.AL_ALLOY));

  private PhaseLibrary() {}

  /** Version of the naming rules; changes whenever a system's phases or their order change. */
  public static final String VERSION = "1";

  /**
   * The naming rules applied for an alloy system, as canonical text: the provenance graph stores
   * it content-hashed as a RuleSet node that every fusion using it points to, so "what did this
   * phase library touch?" is one impact query.
   */
  public static String rules(String alloySystem) {
    String system = alloySystem.toLowerCase(Locale.ROOT);
    List<String> lib = ORDERED.get(system);
    return "alloyflow phase library " + VERSION + "\n"
        + "alloySystem=" + system + "\n"
        + "rule=classes sorted by mean signal, darkest first, named in this order when their number"
        + " equals the number of phases; otherwise phase-<rank>\n"
        + "phases=" + (lib == null ? "" : String.join(",", lib)) + "\n";
  }

  /** Known alloy systems. */
  public static List<String> systems() {
    return ORDERED.keySet().stream().sorted().toList();
  }

  /**
   * Names for classes sorted darkest first.
   *
   * @param alloySystem alloy system key (case-insensitive), or "unknown"
   * @param meanSignals mean signal per class
   */
  public static List<String> name(String alloySystem, double[] meanSignals) {
    List<String> lib = ORDERED.get(alloySystem.toLowerCase(Locale.ROOT));
    int n = meanSignals.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(meanSignals[a], meanSignals[b]));
    String[] names = new String[n];
    for (int rank = 0; rank < n; rank++) {
      int cls = order[rank];
      names[cls] = lib != null && lib.size() == n ? lib.get(rank) : "phase-" + rank;
    }
    return new ArrayList<>(List.of(names));
  }
}
