package io.alloyflow.synthetic.micro;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compositions (mass fractions) of the phases used by the generators. Stoichiometric compounds
 * are computed from standard atomic weights (IUPAC 2013 conventional values); alloy phases are
 * typical nominal compositions: a 0.15C-1.5Mn dual-phase steel (ferrite with C in solution at
 * the ferrite solubility, martensite with the carbon partitioned into austenite at the
 * intercritical temperature, after Speich et al., Metall. Trans. A 12, 1981, 1419), A356-type
 * cast Al-7Si-0.3Mg (alpha-Al, Al-Si eutectic, Mg2Si, beta-Al5FeSi) and gas-atomised 316L.
 */
public final class Materials {

  private Materials() {}

  private static final Map<String, Double> WEIGHT =
      Map.ofEntries(
          Map.entry("C", 12.011),
          Map.entry("N", 14.007),
          Map.entry("O", 15.999),
          Map.entry("Mg", 24.305),
          Map.entry("Al", 26.982),
          Map.entry("Si", 28.085),
          Map.entry("S", 32.06),
          Map.entry("Ca", 40.078),
          Map.entry("Ti", 47.867),
          Map.entry("Cr", 51.996),
          Map.entry("Mn", 54.938),
          Map.entry("Fe", 55.845),
          Map.entry("Ni", 58.693),
          Map.entry("Mo", 95.95));

  /** Mass fractions of a compound given as element, atoms, element, atoms, ... */
  public static Map<String, Double> compound(Object... elementAtoms) {
    double total = 0;
    for (int i = 0; i < elementAtoms.length; i += 2) {
      total += weight((String) elementAtoms[i]) * ((Number) elementAtoms[i + 1]).doubleValue();
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < elementAtoms.length; i += 2) {
      String el = (String) elementAtoms[i];
      m.put(el, weight(el) * ((Number) elementAtoms[i + 1]).doubleValue() / total);
    }
    return m;
  }

  /** Mass-weighted mixture of compositions given as composition, mass fraction, ... */
  @SuppressWarnings("unchecked")
  public static Map<String, Double> mix(Object... compositionWeight) {
    Map<String, Double> m = new LinkedHashMap<>();
    double total = 0;
    for (int i = 0; i < compositionWeight.length; i += 2) {
      total += ((Number) compositionWeight[i + 1]).doubleValue();
    }
    for (int i = 0; i < compositionWeight.length; i += 2) {
      Map<String, Double> c = (Map<String, Double>) compositionWeight[i];
      double w = ((Number) compositionWeight[i + 1]).doubleValue() / total;
      c.forEach((el, f) -> m.merge(el, f * w, Double::sum));
    }
    return m;
  }

  static double weight(String el) {
    Double w = WEIGHT.get(el);
    if (w == null) {
      throw new IllegalArgumentException("no atomic weight tabulated for element " + el);
    }
    return w;
  }

  private static Map<String, Double> of(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    }
    return m;
  }

  // Dual-phase steel (0.15C-1.5Mn-0.3Si)
  public static final Map<String, Double> FERRITE =
      of("Fe", 0.9815, "Mn", 0.0150, "Si", 0.0030, "C", 0.0005);
  public static final Map<String, Double> MARTENSITE =
      of("Fe", 0.9764, "Mn", 0.0170, "Si", 0.0030, "C", 0.0036);
  public static final Map<String, Double> STEEL_MATRIX =
      of("Fe", 0.9850, "Mn", 0.0120, "Si", 0.0020, "C", 0.0010);

  // Non-metallic inclusions
  public static final Map<String, Double> AL2O3 = compound("Al", 2, "O", 3);
  public static final Map<String, Double> MNS = compound("Mn", 1, "S", 1);
  public static final Map<String, Double> TIN = compound("Ti", 1, "N", 1);
  public static final Map<String, Double> CA_ALUMINATE = compound("Ca", 12, "Al", 14, "O", 33);
  public static final Map<String, Double> CAMNS = compound("Ca", 0.5, "Mn", 0.5, "S", 1);
  public static final Map<String, Double> OXYSULFIDE = mix(AL2O3, 0.6, MNS, 0.4);

  // Cast Al-7Si-0.3Mg (A356 type)
  public static final Map<String, Double> ALPHA_AL =
      of("Al", 0.9850, "Si", 0.0110, "Mg", 0.0030, "Fe", 0.0010);
  public static final Map<String, Double> AL_SI_EUTECTIC = of("Al", 0.874, "Si", 0.126);
  /** Eutectic alpha-Al at the maximum solubility of Si, 1.65 wt% (Murray and McAlister 1984). */
  public static final Map<String, Double> EUTECTIC_ALPHA_AL = of("Al", 0.9835, "Si", 0.0165);
  public static final Map<String, Double> SILICON = of("Si", 1.0);
  /** Densities (g/cm3) used to turn the Si volume fraction of the eutectic into mass. */
  public static final double DENSITY_AL = 2.70;
  public static final double DENSITY_SI = 2.33;
  public static final Map<String, Double> MG2SI = compound("Mg", 2, "Si", 1);
  public static final Map<String, Double> AL5FESI = compound("Al", 5, "Fe", 1, "Si", 1);

  // Gas-atomised 316L on carbon tape
  public static final Map<String, Double> SS316L =
      of("Fe", 0.6550, "Cr", 0.1700, "Ni", 0.1200, "Mo", 0.0250, "Mn", 0.0200, "Si", 0.0100);
  public static final Map<String, Double> CARBON = of("C", 1.0);
  public static final Map<String, Double> IRON = of("Fe", 1.0);
}
