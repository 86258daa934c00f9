/**
 * The fusion service's HTTP API (Micronaut, served by the gateway with every service's
 * controllers): {@code POST /v1/fusion/register} registers a SEM image to a spectrum image and
 * returns the transform, quality metrics, the reliability flag and an overlay PNG; {@code POST
 * /v1/fusion/inclusions} runs the steel inclusion analysis (detection, quantification, rule-set
 * classification, cleanliness report, ternary diagrams). Thin adapters over the algorithm
 * packages; bad input is answered 400 as application/problem+json with one line.
 */
package io.alloyflow.fusion.http;
