/**
 * The EDS service's contract: Temporal activity interface, task queue and request/response
 * records. Workflows depend on this package only.
 */
package io.alloyflow.eds.api;
