/**
 * The fusion service's contract: Temporal activity interface, task queue and request/response
 * records for combining segmentation and EDS results. Workflows depend on this package only.
 */
package io.alloyflow.fusion.api;
