package io.alloyflow.eds.lines;

import com.github.tschoonj.xraylib.Xraylib;
import io.alloyflow.core.xray.AtomicData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * X-ray line database over xraylib (Schoonjans et al., "The xraylib library for X-ray-matter
 * interactions. Recent developments", Spectrochimica Acta B 66 (2011) 776-784): line energies,
 * relative line intensities, absorption edges, mass attenuation coefficients, atomic weights and
 * fluorescence yields. The atomic data come through the shared {@link AtomicData} (core, keV);
 * this class builds the line families the EDS service fits and speaks eV, as EMSA axes do.
 *
 * <p>Relative weights within a family are {@code ionisation share x fluorescence yield x radiative
 * rate}, where the ionisation share of a subshell is taken proportional to its electron occupancy
 * (2, 2, 4 for L1..L3; 2, 2, 4, 4, 6 for M1..M5). Coster-Kronig transfers are neglected, an
 * approximation that changes relative L/M weights by at most some tens of percent and does not
 * enter quantification (which uses measured standards).
 */
public final class XrayData {
  private XrayData() {}

  private record LineDef(int line, int shell, String siegbahn, String iupac) {}

  private static final List<LineDef> K_LINES =
      List.of(
          new LineDef(Xraylib.KL3_LINE, Xraylib.K_SHELL, "Ka1", "K-L3"),
          new LineDef(Xraylib.KL2_LINE, Xraylib.K_SHELL, "Ka2", "K-L2"),
          new LineDef(Xraylib.KM3_LINE, Xraylib.K_SHELL, "Kb1", "K-M3"),
          new LineDef(Xraylib.KM2_LINE, Xraylib.K_SHELL, "Kb3", "K-M2"),
          new LineDef(Xraylib.KN3_LINE, Xraylib.K_SHELL, "Kb2", "K-N3"));
  private static final List<LineDef> L_LINES =
      List.of(
          new LineDef(Xraylib.L3M5_LINE, Xraylib.L3_SHELL, "La1", "L3-M5"),
          new LineDef(Xraylib.L3M4_LINE, Xraylib.L3_SHELL, "La2", "L3-M4"),
          new LineDef(Xraylib.L3N5_LINE, Xraylib.L3_SHELL, "Lb2", "L3-N5"),
          new LineDef(Xraylib.L3M1_LINE, Xraylib.L3_SHELL, "Ll", "L3-M1"),
          new LineDef(Xraylib.L2M4_LINE, Xraylib.L2_SHELL, "Lb1", "L2-M4"),
          new LineDef(Xraylib.L2M1_LINE, Xraylib.L2_SHELL, "Ln", "L2-M1"),
          new LineDef(Xraylib.L2N4_LINE, Xraylib.L2_SHELL, "Lg1", "L2-N4"),
          new LineDef(Xraylib.L1M3_LINE, Xraylib.L1_SHELL, "Lb3", "L1-M3"),
          new LineDef(Xraylib.L1M2_LINE, Xraylib.L1_SHELL, "Lb4", "L1-M2"));
  private static final List<LineDef> M_LINES =
      List.of(
          new LineDef(Xraylib.M5N7_LINE, Xraylib.M5_SHELL, "Ma1", "M5-N7"),
          new LineDef(Xraylib.M5N6_LINE, Xraylib.M5_SHELL, "Ma2", "M5-N6"),
          new LineDef(Xraylib.M4N6_LINE, Xraylib.M4_SHELL, "Mb", "M4-N6"),
          new LineDef(Xraylib.M3N5_LINE, 6, "Mg", "M3-N5"));

  private static final Map<Long, List<XrayLine>> CACHE = new ConcurrentHashMap<>();

  /** Atomic number of an element symbol (e.g. "Fe" -> 26; {@link AtomicData#z}). */
  public static int z(String symbol) {
    return AtomicData.z(symbol);
  }

  /** Element symbol of an atomic number. */
  public static String symbol(int z) {
    return AtomicData.symbol(z);
  }

  /** Standard atomic weight in g/mol. */
  public static double atomicWeight(int z) {
    return AtomicData.atomicWeight(z);
  }

  /** Absorption edge energy in eV of a shell (xraylib shell constant), 0 when unknown. */
  public static double edgeEv(int z, int shell) {
    return 1000.0 * AtomicData.edgeKeV(z, shell);
  }

  /** Edge of the family's principal shell (K, L3, M5) in eV. */
  public static double familyEdgeEv(int z, Family f) {
    return edgeEv(z, principalShell(f));
  }

  /** xraylib shell constant of a family's principal line (K, L3, M5). */
  public static int principalShell(Family f) {
    return switch (f) {
      case K -> Xraylib.K_SHELL;
      case L -> Xraylib.L3_SHELL;
      case M -> Xraylib.M5_SHELL;
    };
  }

  /** Fluorescence yield of a shell, 0 when unknown. */
  public static double fluorescenceYield(int z, int shell) {
    return AtomicData.fluorescenceYield(z, shell);
  }

  /**
   * Total mass attenuation coefficient (cm^2/g) of element z at energy eV ({@link
   * AtomicData#massAttenuation}, which works in keV).
   */
  public static double massAttenuation(int z, double energyEv) {
    return AtomicData.massAttenuation(z, energyEv / 1000.0);
  }

  /** Lines of one family with relative weight >= 1e-3, strongest first; empty if none. */
  public static List<XrayLine> family(int z, Family f) {
    long key = ((long) z << 8) | f.ordinal();
    return CACHE.computeIfAbsent(key, k -> Collections.unmodifiableList(compute(z, f)));
  }

  /** All families of an element that have lines. */
  public static List<XrayLine> allLines(int z) {
    List<XrayLine> out = new ArrayList<>();
    for (Family f : Family.values()) {
      out.addAll(family(z, f));
    }
    return out;
  }

  private static List<XrayLine> compute(int z, Family f) {
    List<LineDef> defs =
        switch (f) {
          case K -> K_LINES;
          case L -> L_LINES;
          case M -> M_LINES;
        };
    String sym = symbol(z);
    List<double[]> raw = new ArrayList<>();
    List<LineDef> kept = new ArrayList<>();
    double max = 0;
    for (LineDef d : defs) {
      double e = 1000.0 * AtomicData.lineKeV(z, d.line());
      double rate = AtomicData.radiativeRate(z, d.line());
      if (!(e > 0) || !(rate > 0)) {
        continue;
      }
      double w = rate * occupancy(d.shell()) * Math.max(fluorescenceYield(z, d.shell()), 1e-6);
      raw.add(new double[] {e, w});
      kept.add(d);
      max = Math.max(max, w);
    }
    List<XrayLine> out = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      double w = raw.get(i)[1] / max;
      if (w >= 1e-3) {
        LineDef d = kept.get(i);
        out.add(new XrayLine(z, sym, d.siegbahn(), d.iupac(), f, d.shell(), raw.get(i)[0], w));
      }
    }
    out.sort((a, b) -> Double.compare(b.weight(), a.weight()));
    return out;
  }

  private static double occupancy(int shell) {
    return switch (shell) {
      case 0 -> 2; // K
      case 1, 2 -> 2; // L1, L2
      case 3 -> 4; // L3
      case 4, 5 -> 2; // M1, M2
      case 6, 7 -> 4; // M3, M4
      case 8 -> 6; // M5
      default -> 1;
    };
  }

  /**
   * The family conventionally used for quantification at a beam energy: K when the K overvoltage
   * is at least 1.5 and the K line lies above 100 eV; else L when the L3 overvoltage is at least
   * 1.5 and Z < 72; else M.
   */
  public static Family analyticalFamily(int z, double beamEv) {
    double k = familyEdgeEv(z, Family.K);
    if (k > 0 && beamEv / k >= 1.5 && !family(z, Family.K).isEmpty()) {
      return Family.K;
    }
    double l3 = familyEdgeEv(z, Family.L);
    if (z < 72 && l3 > 0 && beamEv / l3 >= 1.5 && !family(z, Family.L).isEmpty()) {
      return Family.L;
    }
    return Family.M;
  }
}
