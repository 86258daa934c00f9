/**
 * Steel inclusion analysis: particle detection in the BSE image, quantification of each
 * particle's EDS spectrum (three-window net counts and sensitivity factors from standards,
 * matrix iron excluded and the rest normalised), classification by open, versioned, editable
 * rule sets in the spirit of ASTM E2142, a cleanliness report (counts and area per mm^2, size
 * classes) and BSE-first screening, in which a classifier on BSE-only particle features decides
 * and EDS is acquired only below a confidence threshold. Pure Java (plus the Tribuo trees of
 * {@code classify}): no framework types.
 */
package io.alloyflow.fusion.inclusions;
