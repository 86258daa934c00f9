/**
 * The EDS service's HTTP API (Micronaut): {@code POST /v1/eds/identify} takes an EMSA spectrum and
 * returns the calibration and identified elements; {@code POST /v1/eds/quantify} takes an unknown
 * and its standards (EMSA text in JSON) and returns k-ratios, XPP mass and atom fractions with
 * uncertainties. Thin adapters over the algorithm packages; bad input gets 400 and one line.
 */
package io.alloyflow.eds.http;
