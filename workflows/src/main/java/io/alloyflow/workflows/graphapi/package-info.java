/**
 * The analysts' side of the gateway: JSON queries over the knowledge graph (lineage up and down,
 * impact, structure-property search, model comparison, measurements, PROV-JSON and RO-Crate
 * exports) and the browser pages built on them — search, sample pages with images, overlays,
 * property tables and plots, an interactive lineage graph drawn with Cytoscape.js from its WebJar,
 * and a page per node where every number links back to its provenance.
 */
package io.alloyflow.workflows.graphapi;
