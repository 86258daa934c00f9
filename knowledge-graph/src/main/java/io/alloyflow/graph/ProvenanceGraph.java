package io.alloyflow.graph;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;

/**
 * The knowledge graph as the rest of alloyflow sees it: one Bolt driver and, by role, the schema
 * ({@link GraphSchema}), the idempotent writer ({@link ProvenanceWriter}), the read queries
 * ({@link ProvenanceQueries}) and the exports ({@link ProvJsonExport}, {@link RoCrateExport}).
 *
 * <p>Graph model (PROV-O, Lebo et al. 2013, W3C Recommendation; PROV-DM, Moreau &amp; Missier
 * 2013): {@code (:Entity:Sample {key: 'sample:<id>'})}, {@code (:Analysis:Activity {key})} for a
 * workflow execution with its {@code status} (RUNNING, COMPLETED, FAILED + failedStep,
 * failureReason) and step summaries {@code m_*}, {@code (:Activity {key: '<workflow>/<step>'})}
 * per step with {@code -[:PART_OF]->} its analysis, {@code (:Entity {key: 'sha256:...'})} per
 * artifact with its domain label, {@code (:Agent:Software {key: name@version})} per algorithm or
 * model version, {@code (:Agent:Software:Environment {key: 'environment:<hash>'})} per distinct
 * software environment, {@code (:Entity:Measurement)} per real measurement; relationships USED
 * {role}, WAS_GENERATED_BY {role}, WAS_ASSOCIATED_WITH, OF_SAMPLE, WAS_ATTRIBUTED_TO and CHECKS
 * (wasDerivedFrom and wasInformedBy follow from USED and WAS_GENERATED_BY; the PROV exports state
 * them). One write call is one transaction: all of it is visible or none.
 */
public final class ProvenanceGraph implements AutoCloseable {
  private static final String COUNTS =
      "MATCH (an:Analysis {key: $key}) "
          + "OPTIONAL MATCH (a:Activity)-[:PART_OF]->(an) "
          + "WITH an, collect(DISTINCT a) AS acts "
          + "UNWIND acts + [an] AS act "
          + "OPTIONAL MATCH (act)-[]-(n) WHERE n:Entity OR n:Agent "
          + "WITH an, acts, collect(DISTINCT n) AS ends "
          + "WITH acts + [an] + ends AS ns "
          + "UNWIND ns AS x "
          + "WITH collect(DISTINCT x) AS nodes "
          + "CALL { WITH nodes UNWIND nodes AS a MATCH (a)-[r]->(b) "
          + "WHERE b IN nodes RETURN count(DISTINCT r) AS edges } "
          + "RETURN size(nodes) AS nodes, edges";

  private final Driver driver;
  private final GraphSchema schema;
  private final ProvenanceWriter writer;
  private final ProvenanceQueries queries;
  private final ProvJsonExport prov;
  private final RoCrateExport roCrate;

  /**
   * Driver settings. TLS follows the URI scheme: {@code bolt+s://} / {@code neo4j+s://} (verified
   * certificates) and {@code +ssc} (self-signed) encrypt, and the driver refuses an explicit
   * encryption setting next to them; plain {@code bolt://} / {@code neo4j://} are unencrypted
   * (the embedded default, on loopback).
   */
  static Config driverConfig(String uri) {
    Config.ConfigBuilder b = Config.builder()
        .withConnectionTimeout(10, TimeUnit.SECONDS)
        .withMaxConnectionPoolSize(32);
    if (!uri.contains("+s://") && !uri.contains("+ssc://")) {
      b.withoutEncryption();
    }
    return b.build();
  }

  public ProvenanceGraph(GraphConfig config) {
    AuthToken auth =
        config.user().isEmpty() ? AuthTokens.none() : AuthTokens.basic(config.user(), config.password());
    this.driver =
        GraphDatabase.driver(
            config.uri(),
            auth,
            driverConfig(config.uri()));
    this.schema = new GraphSchema(driver);
    this.writer = new ProvenanceWriter(driver);
    this.queries = new ProvenanceQueries(driver);
    this.prov = new ProvJsonExport(driver, queries);
    this.roCrate = new RoCrateExport(prov);
  }

  /** The Bolt driver this graph talks through (shared with other graph components). */
  public Driver driver() {
    return driver;
  }

  public GraphSchema schema() {
    return schema;
  }

  public ProvenanceWriter writer() {
    return writer;
  }

  public ProvenanceQueries queries() {
    return queries;
  }

  public ProvJsonExport prov() {
    return prov;
  }

  /** Fails with a clear message when the database cannot be reached. */
  public void verifyConnectivity() {
    try {
      driver.verifyConnectivity();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot reach Neo4j: " + e.getMessage()
              + " (set ALLOYFLOW_NEO4J_URI/USER/PASSWORD, or run the embedded default)", e);
    }
  }

  /** Creates or migrates constraints and indexes to {@link GraphSchema#VERSION} (idempotent). */
  public void ensureSchema() {
    schema.migrate();
  }

  /**
   * Plans and runs every write and count query once inside a transaction that is rolled back,
   * so that the first real analysis does not pay for Cypher planning on a cold database.
   */
  public void warmUp() {
    ArtifactRef a = new ArtifactRef("0".repeat(64), "application/octet-stream", 0);
    ArtifactRef b = new ArtifactRef("1".repeat(64), "application/octet-stream", 0);
    ActivityRecord r = new ActivityRecord("warm-up", "warm-up",
        new AlgorithmInfo("warm-up", "0", "n/a", Map.of()),
        List.of(new ArtifactUse("in", "Micrograph", a)), List.of(new ArtifactUse("out", "PhaseMap", b)),
        Map.of("x", 1.0), Map.of(), 0, 0, 0, "warm-up", "", 1);
    AnalysisProvenance p = new AnalysisProvenance("warm-up", "", "warm-up", "warm-up", Map.of(), 0, List.of(r));
    try (Session s = driver.session()) {
      boolean viaProcedure = writer.procedureAvailable(s);
      try (Transaction tx = s.beginTransaction()) {
        if (viaProcedure) {
          ProvenanceWriter.writeViaProcedure(tx, List.of(p));
        } else {
          ProvenanceWriter.write(tx, List.of(p));
        }
        tx.run(COUNTS, Map.of("key", "warm-up")).consume();
        tx.rollback();
      }
    }
  }

  /** Writes (or re-writes, idempotently) one analysis and returns its subgraph size. */
  public GraphCounts record(AnalysisProvenance p) {
    writer.write(List.of(p));
    return counts(p.analysisId());
  }

  /** Writes many analyses in one transaction (bulk import, benchmarks). */
  public void recordAll(List<AnalysisProvenance> analyses) {
    writer.write(analyses);
  }

  /** Writes (or re-writes, idempotently) a measurement of a sample. */
  public void recordMeasurement(Measurement m) {
    writer.write(m);
  }

  /** Size of the analysis' provenance subgraph, counted in the database. */
  public GraphCounts counts(String analysisId) {
    try (Session s = driver.session()) {
      Record rec = s.executeRead(tx -> tx.run(COUNTS, Map.of("key", analysisId)).single());
      return new GraphCounts(rec.get("nodes").asLong(), rec.get("edges").asLong());
    }
  }

  /** The analysis' provenance as W3C PROV-JSON; null when the analysis is not in the graph. */
  public Map<String, Object> provJson(String analysisId) {
    return prov.analysis(analysisId);
  }

  /** The up- or downstream lineage of any node as W3C PROV-JSON; null for an unknown key. */
  public Map<String, Object> provJsonOfLineage(String key, boolean down, int depth) {
    return prov.lineage(key, down, depth);
  }

  /** Writes the analysis as an RO-Crate directory (or zip when {@code out} ends in .zip). */
  public Map<String, Object> exportRoCrate(String analysisId, ArtifactStore store, Path out)
      throws IOException {
    return roCrate.write(analysisId, store, out, RoCrateExport.DEFAULT_MAX_FILE_BYTES);
  }

  /** See {@link ProvenanceQueries#structureProperty(int)}. */
  public List<Map<String, Object>> structureProperty(int limit) {
    return queries.structureProperty(limit);
  }

  /** Total node and relationship counts of the whole database (without the schema version node). */
  public GraphCounts totals() {
    try (Session s = driver.session()) {
      long n = s.run("MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS c").single().get("c").asLong();
      long e = s.run("MATCH ()-[r]->() RETURN count(r) AS c").single().get("c").asLong();
      return new GraphCounts(n, e);
    }
  }

  /** Number of nodes carrying a label (e.g. "Analysis", "Micrograph"). */
  public long countLabel(String label) {
    if (!ProvenanceWriter.LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("not a label: '" + label + "'");
    }
    try (Session s = driver.session()) {
      return s.run("MATCH (n:" + label + ") RETURN count(n) AS c").single().get("c").asLong();
    }
  }

  /** Upstream lineage of a node, nearest first (see {@link ProvenanceQueries#lineage}). */
  public List<Map<String, Object>> lineage(String entityKey) {
    return queries.lineage(entityKey);
  }

  /** Up- or downstream lineage of a node to {@code depth} steps. */
  public List<Map<String, Object>> lineage(String key, boolean down, int depth) {
    return queries.lineage(key, down, depth);
  }

  /** See {@link ProvenanceQueries#impact(String, int, int)}. */
  public Map<String, Object> impact(String key, int depth, int limit) {
    return queries.impact(key, depth, limit);
  }

  /** See {@link ProvenanceQueries#search(List, String, int)}. */
  public List<Map<String, Object>> search(List<Condition> where, String text, int limit) {
    return queries.search(where, text, limit);
  }

  /** Analyses recorded for a sample, newest first (listings live in the graph, not Temporal). */
  public List<Map<String, Object>> analysesOfSample(String sampleId) {
    return queries.analysesOfSample(sampleId);
  }

  @Override
  public void close() {
    driver.close();
  }
}
