package io.alloyflow.workflows.inclusion;

/**
 * An EDS spot spectrum that can be acquired on a field.
 *
 * @param x BSE pixel x of the spot
 * @param y BSE pixel y
 * @param file real path of its EMSA file (checked to lie under the data roots)
 */
public record SpotFile(double x, double y, String file) {}
