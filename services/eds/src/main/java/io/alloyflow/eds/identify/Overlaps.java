package io.alloyflow.eds.identify;

import java.util.List;

/**
 * Well-known EDS peak overlaps at typical Si(Li)/SDD resolution (Newbury, "Mistakes encountered
 * during automatic peak identification of minor and trace constituents in electron-excited energy
 * dispersive X-ray microanalysis", Scanning 31 (2009) 91-101; Goldstein et al., Scanning Electron
 * Microscopy and X-ray Microanalysis, 4th ed., Springer 2018, ch. 16). Each group lists lines that
 * a 130 eV detector cannot separate.
 */
public final class Overlaps {
  private Overlaps() {}

  /** Groups of mutually overlapping lines, written "El Line". */
  public static final List<List<String>> GROUPS =
      List.of(
          List.of("S Ka", "Mo La", "Pb Ma"),
          List.of("Ti Kb", "V Ka"),
          List.of("V Kb", "Cr Ka"),
          List.of("Cr Kb", "Mn Ka"),
          List.of("Mn Kb", "Fe Ka"),
          List.of("Fe Kb", "Co Ka"),
          List.of("Co Kb", "Ni Ka"),
          List.of("Ni Kb", "Cu Ka"),
          List.of("Ba La", "Ti Ka"),
          List.of("Si Ka", "W Ma", "Ta Ma", "Sr La"),
          List.of("Al Ka", "Br La"),
          List.of("P Ka", "Zr La", "Ir Ma"),
          List.of("N Ka", "Ti Ll"),
          List.of("O Ka", "Cr Ll", "V La"),
          List.of("Na Ka", "Zn La"),
          List.of("Mg Ka", "As La"),
          List.of("Cl Ka", "Rh La"),
          List.of("K Ka", "In La"),
          List.of("Ca Ka", "Sb La"),
          List.of("Nb La", "Hg Ma", "Pt Mb"),
          List.of("Au Ma", "Nb La", "Zr Lb"));

  /** Groups that contain a line of an element family ("El Ka", "El La", "El Ma"). */
  public static List<List<String>> groupsOf(String symbol, String family) {
    String prefix = symbol + " " + family;
    return GROUPS.stream().filter(g -> g.stream().anyMatch(s -> s.startsWith(prefix))).toList();
  }
}
