/**
 * The segmentation service's HTTP API (Micronaut): {@code POST /v1/segment} takes a micrograph
 * (TIFF or PNG bytes) and returns phase fractions with standard errors and the label map as PNG;
 * {@code POST /v1/measure} takes a label PNG and returns ASTM E562/E112 measurements. Thin
 * adapters over the algorithm packages; errors in the input are answered with 400 and one line.
 */
package io.alloyflow.segmentation.http;
