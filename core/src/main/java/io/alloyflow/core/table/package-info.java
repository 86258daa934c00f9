/**
 * Feature tables: named numeric columns over identified rows (one row per sample, grain, particle
 * or phase), the currency between microstructure measurement and property prediction. Tables are
 * validated on construction (unique non-blank names and row ids, equal column lengths) and travel
 * between services as Arrow IPC via {@link io.alloyflow.core.io.ArrowIO}.
 */
package io.alloyflow.core.table;
