/**
 * The embedded default's graph database: Neo4j Community 5.26 run in its own child process with a
 * Bolt connector bound to 127.0.0.1 only and its store under a data directory that survives
 * restarts. Running it as a separate JVM keeps its netty 4.1 and Lucene off the services'
 * classpath; everything else talks to it over Bolt exactly as it would to a Neo4j server, so the
 * same code runs against an external database by configuration alone.
 */
package io.alloyflow.neo4j;
