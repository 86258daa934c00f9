/**
 * Orchestration: Temporal workflows that route micrographs and EDS data through the four
 * services, the gateway HTTP API, the Camel ingest route, the embedded-default launcher and the
 * {@code alloyflow} command line. Workflows talk to services only through their {@code api}
 * packages (activity interfaces and records); the launcher is the one place that knows the
 * implementations, to run every worker in one process.
 */
package io.alloyflow.workflows;
