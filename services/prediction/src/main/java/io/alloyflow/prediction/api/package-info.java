/**
 * The prediction service's contract: Temporal activity interface, task queue and
 * request/response records for property predictions with uncertainty. Workflows depend on this
 * package only.
 */
package io.alloyflow.prediction.api;
