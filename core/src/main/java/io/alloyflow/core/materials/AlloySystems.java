package io.alloyflow.core.materials;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalogue of alloy systems and phase names: the one place where strings such as {@code
 * dp-steel} or {@code martensite} are defined.
 *
 * <p>Phase orders are the usual SEM contrast, darkest first: dual-phase steel after nital etching
 * shows ferrite dark and martensite bright (Calcagnotto, Ponge and Raabe, Mater. Sci. Eng. A 527
 * (2010) 2738); Al-Mg-Si-Fe alloys in BSE show Mg2Si darker than the alpha-Al matrix and the Al-Fe
 * intermetallics brightest (mean atomic number ~12.7 &lt; 13 &lt; ~17.5). The phase types of
 * multi-principal-element alloys follow the labels of the MPEA database (Borg et al., Sci. Data 7
 * (2020) 430): solid solutions BCC, FCC and HCP, ordered B2 and L1<sub>2</sub>, Laves phases and
 * other secondary phases ("Sec.").
 */
public final class AlloySystems {
  /** Dual-phase (ferrite-martensite) steel. */
  public static final String DP_STEEL = "dp-steel";

  /** Al-Mg-Si-Fe casting / wrought aluminium alloy. */
  public static final String AL_ALLOY = "al-alloy";

  /** Multi-principal-element ("high-entropy") alloy. */
  public static final String MPEA = "mpea";

  /** System of a sample whose alloy is not known. */
  public static final String UNKNOWN = "unknown";

  /** Body-centred-cubic ferrite of steels. */
  public static final String FERRITE = "ferrite";

  /** Body-centred-tetragonal martensite of steels. */
  public static final String MARTENSITE = "martensite";

  /** Mg2Si precipitates of Al-Mg-Si alloys. */
  public static final String MG2SI = "Mg2Si";

  /** The aluminium solid-solution matrix. */
  public static final String ALPHA_AL = "alpha-Al";

  /** Al-Fe(-Si) intermetallic particles (Al13Fe4 and relatives). */
  public static final String AL_FE_INTERMETALLIC = "Al-Fe intermetallic";

  /** Disordered body-centred-cubic solid solution. */
  public static final String BCC = "BCC";

  /** Disordered face-centred-cubic solid solution. */
  public static final String FCC = "FCC";

  /** Ordered B2 (CsCl-type) phase. */
  public static final String B2 = "B2";

  /** Ordered L1<sub>2</sub> phase. */
  public static final String L12 = "L12";

  /** Hexagonal close-packed solid solution. */
  public static final String HCP = "HCP";

  /** Laves phase. */
  public static final String LAVES = "Laves";

  /** Any other secondary phase (the MPEA database's "Sec."). */
  public static final String SECONDARY = "Sec.";

  private static final Map<String, AlloySystem> SYSTEMS = build();

  private AlloySystems() {}

  private static Map<String, AlloySystem> build() {
    Map<String, AlloySystem> m = new TreeMap<>();
    add(m, new AlloySystem(DP_STEEL, "dual-phase ferrite-martensite steel", List.of(FERRITE, MARTENSITE)));
    add(m, new AlloySystem(AL_ALLOY, "Al-Mg-Si-Fe aluminium alloy", List.of(MG2SI, ALPHA_AL, AL_FE_INTERMETALLIC)));
    add(m, new AlloySystem(MPEA, "multi-principal-element alloy",
        List.of(BCC, FCC, B2, L12, HCP, LAVES, SECONDARY)));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void add(Map<String, AlloySystem> m, AlloySystem s) {
    m.put(s.key(), s);
  }

  /** Keys of the known systems, sorted. */
  public static List<String> keys() {
    return List.copyOf(SYSTEMS.keySet());
  }

  /** The system with this key (case-insensitive), if known. */
  public static Optional<AlloySystem> find(String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(SYSTEMS.get(key.toLowerCase(Locale.ROOT)));
  }

  /** The system with this key (case-insensitive); fails naming the known keys. */
  public static AlloySystem get(String key) {
    return find(key).orElseThrow(() -> new IllegalArgumentException(
        "unknown alloy system '" + key + "' (known: " + String.join(", ", SYSTEMS.keySet()) + ")"));
  }

  /** Phase names of a system in its conventional order; fails naming the known keys. */
  public static List<String> phases(String key) {
    return get(key).phases();
  }
}
