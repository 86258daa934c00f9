/**
 * Phase statistics under a segmentation and phase identification from an alloy system's phase
 * library. Pure Java: no framework types. In a BSE image the mean signal of a phase follows its
 * mean backscatter coefficient (Reuter 1972, mass-averaged over the composition), so phases are
 * identified by the order of their mean signals against the library's expected order.
 */
package io.alloyflow.fusion.phases;
