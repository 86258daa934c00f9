/**
 * The segmentation service's contract: the Temporal activity interface, its task queue and the
 * request/response records that workflows use. Workflows depend on this package only, never on
 * the algorithms or the activity implementation.
 */
package io.alloyflow.segmentation.api;
