package io.alloyflow.fusion.api;

/**
 * A particle's final class.
 *
 * @param id particle id (as screened)
 * @param className its class
 * @param source {@code EDS} (rules on its quantified spectrum) or {@code BSE} (screening)
 * @param confidence the BSE screening confidence
 * @param ecdUm equivalent circle diameter (um)
 * @param areaUm2 area (um^2)
 */
public record ClassifiedParticle(int id, String className, String source, double confidence,
    double ecdUm, double areaUm2) {}
