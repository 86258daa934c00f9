/**
 * The embedded default: a real Temporal endpoint (the Temporal Java test service behind a gRPC
 * server bound to 127.0.0.1), Neo4j in a child JVM with Bolt on 127.0.0.1, the filesystem
 * artifact store, the service workers on their own task queues, all started by one call and
 * replaced by external Temporal / Neo4j through configuration alone.
 */
package io.alloyflow.workflows.embedded;
