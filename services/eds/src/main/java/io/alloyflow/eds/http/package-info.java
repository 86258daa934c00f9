/**
 * The EDS service's HTTP API (Micronaut): {@code POST /v1/eds/identify} (EMSA spectrum ->
 * calibration and elements), {@code POST /v1/eds/quantify} (unknown and standards as EMSA text in
 * JSON -> k-ratios, XPP mass and atom fractions with uncertainties), {@code POST /v1/eds/denoise}
 * and {@code POST /v1/eds/maps} (a spectrum image as an Arrow IPC body or as a multipart RPL +
 * RAW upload -> JSON with the denoising report or elemental maps, arrays as base64 Arrow IPC or
 * PNG, or an artifact-store reference). Thin adapters over the algorithm packages that share the
 * CLI's code paths; size limits per endpoint; bad input gets 400 and one line naming the field.
 */
package io.alloyflow.eds.http;
