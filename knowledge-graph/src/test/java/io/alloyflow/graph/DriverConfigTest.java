package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** TLS to an external Neo4j follows the URI scheme; the embedded default stays unencrypted. */
class DriverConfigTest {
  @Test
  void encryptionFollowsTheScheme() {
    assertFalse(ProvenanceGraph.driverConfig("bolt://127.0.0.1:7687").encrypted());
    assertFalse(ProvenanceGraph.driverConfig("neo4j://graph.lab:7687").encrypted());
    // +s / +ssc: the driver encrypts by scheme; an explicit setting would be refused by it
    assertFalse(ProvenanceGraph.driverConfig("neo4j+s://graph.lab:7687").encrypted(),
        "no explicit encryption setting next to a +s scheme");
    // the driver refuses explicit encryption settings next to a +s scheme: this must not throw
    org.neo4j.driver.GraphDatabase.driver("neo4j+s://graph.lab:7687",
        ProvenanceGraph.driverConfig("neo4j+s://graph.lab:7687")).close();
  }
}
