package io.alloyflow.synthetic.xray;

/**
 * A characteristic line emitted by a target.
 *
 * @param element element symbol
 * @param line Siegbahn-style name with IUPAC transition, e.g. {@code Ka1 (KL3)}
 * @param family K, L or M
 * @param energyEv line energy, eV
 * @param generatedPerElectronSr photons generated per incident electron per steradian
 *     (after backscatter loss, before absorption)
 * @param emittedPerElectronSr photons leaving the target towards the detector per electron per sr
 */
public record EmittedLine(
    String element,
    String line,
    String family,
    double energyEv,
    double generatedPerElectronSr,
    double emittedPerElectronSr) {}
