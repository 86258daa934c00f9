/**
 * The gateway HTTP API (Micronaut): submit analyses, follow them, list a sample's analyses and
 * browse lineage in the knowledge graph, and a health endpoint that checks Temporal and Neo4j.
 */
package io.alloyflow.workflows.gateway;
