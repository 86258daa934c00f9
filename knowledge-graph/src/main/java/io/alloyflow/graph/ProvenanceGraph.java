package io.alloyflow.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.ArtifactUse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * Writes analyses to Neo4j and reads them back.
 *
 * <p>Graph model (PROV-O, Moreau &amp; Missier 2013, W3C PROV-DM): {@code (:Sample:Entity {key})},
 * {@code (:Analysis:Activity {key})} for a workflow execution, {@code (:Activity {key})} per step
 * with {@code -[:PART_OF]->} its analysis, {@code (:Entity {key: 'sha256:...'})} per artifact with
 * its domain label, {@code (:Agent:Software {key: name@version})} per algorithm;
 * relationships USED {role}, WAS_GENERATED_BY {role}, WAS_ASSOCIATED_WITH, WAS_DERIVED_FROM
 * (every output of a step from every input of it), WAS_INFORMED_BY (step to the steps whose
 * outputs it used) and OF_SAMPLE (inputs that no step generated, to their sample). One analysis
 * is written in one transaction: either all of it is visible or none.
 */
public final class ProvenanceGraph implements AutoCloseable {
  private static final Pattern LABEL = Pattern.compile("[A-Z][A-Za-z0-9]{0,40}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Driver driver;

  public ProvenanceGraph(GraphConfig config) {
    AuthToken auth =
        config.user().isEmpty() ? AuthTokens.none() : AuthTokens.basic(config.user(), config.password());
    this.driver =
        GraphDatabase.driver(
            config.uri(),
            auth,
            Config.builder()
                .withConnectionTimeout(10, TimeUnit.SECONDS)
                .withMaxConnectionPoolSize(8)
                .withoutEncryption()
                .build());
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

  /** Creates uniqueness constraints (idempotent). */
  public void ensureSchema() {
    try (Session s = driver.session()) {
      for (String label : List.of("Entity", "Activity", "Agent")) {
        s.run(
                "CREATE CONSTRAINT " + label.toLowerCase() + "_key IF NOT EXISTS FOR (n:" + label
                    + ") REQUIRE n.key IS UNIQUE")
            .consume();
      }
    }
  }

  /** Writes (or re-writes, idempotently) one analysis and returns its subgraph size. */
  public GraphCounts record(AnalysisProvenance p) {
    try (Session s = driver.session()) {
      s.executeWrite(
          tx -> {
            write(tx, p);
            return null;
          });
    }
    return counts(p.analysisId());
  }

  private static void write(TransactionContext tx, AnalysisProvenance p) {
    Map<String, Object> sampleProps = new HashMap<>(p.sampleProperties());
    tx.run(
            "MERGE (s:Entity:Sample {key: $key}) SET s.id = $id, s += $props",
            Map.of("key", "sample:" + p.sampleId(), "id", p.sampleId(), "props", sampleProps))
        .consume();
    tx.run(
            "MERGE (a:Activity:Analysis {key: $key}) "
                + "SET a.runId = $runId, a.workflowType = $type, a.startedAtEpochMs = $start "
                + "WITH a MATCH (s:Sample {key: $sample}) MERGE (a)-[:ANALYSED]->(s)",
            Map.of(
                "key", p.analysisId(), "runId", p.runId(), "type", p.workflowType(),
                "start", p.startedAtEpochMs(), "sample", "sample:" + p.sampleId()))
        .consume();
    Map<String, String> generatedBy = new HashMap<>();
    for (ActivityRecord r : p.activities()) {
      for (ArtifactUse g : r.generated()) {
        generatedBy.putIfAbsent(g.ref().uri(), r.activityKey());
      }
    }
    for (ActivityRecord r : p.activities()) {
      writeActivity(tx, p, r, generatedBy);
    }
  }

  private static void writeActivity(
      TransactionContext tx, AnalysisProvenance p, ActivityRecord r, Map<String, String> generatedBy) {
    String key = r.activityKey();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("step", r.step());
    props.put("service", r.service());
    props.put("algorithm", r.algorithm().name());
    props.put("algorithmVersion", r.algorithm().version());
    props.put("reference", r.algorithm().reference());
    props.put("parameters", toJson(r.algorithm().parameters()));
    props.put("environment", toJson(r.environment()));
    props.put("seed", r.seed());
    props.put("startedAtEpochMs", r.startedAtEpochMs());
    props.put("durationMs", r.durationMs());
    props.put("workflowId", r.workflowId());
    props.put("runId", r.runId());
    props.put("attempt", r.attempt());
    r.summary().forEach((k, v) -> props.put("s_" + sanitize(k), v));
    tx.run(
            "MERGE (a:Activity {key: $key}) SET a += $props "
                + "WITH a MATCH (an:Analysis {key: $analysis}) MERGE (a)-[:PART_OF]->(an) "
                + "MERGE (ag:Agent:Software {key: $agentKey}) "
                + "SET ag.name = $agentName, ag.version = $agentVersion, ag.reference = $ref "
                + "MERGE (a)-[:WAS_ASSOCIATED_WITH]->(ag)",
            Map.of(
                "key", key, "props", props, "analysis", p.analysisId(),
                "agentKey", r.algorithm().name() + "@" + r.algorithm().version(),
                "agentName", r.algorithm().name(), "agentVersion", r.algorithm().version(),
                "ref", r.algorithm().reference()))
        .consume();
    for (ArtifactUse u : r.used()) {
      mergeEntity(tx, u);
      tx.run(
              "MATCH (a:Activity {key: $a}), (e:Entity {key: $e}) MERGE (a)-[u:USED {role: $role}]->(e)",
              Map.of("a", key, "e", u.ref().uri(), "role", u.role()))
          .consume();
      String producer = generatedBy.get(u.ref().uri());
      if (producer != null && !producer.equals(key)) {
        tx.run(
                "MATCH (a:Activity {key: $a}), (b:Activity {key: $b}) MERGE (a)-[:WAS_INFORMED_BY]->(b)",
                Map.of("a", key, "b", producer))
            .consume();
      } else if (producer == null) {
        tx.run(
                "MATCH (e:Entity {key: $e}), (s:Sample {key: $s}) MERGE (e)-[:OF_SAMPLE]->(s)",
                Map.of("e", u.ref().uri(), "s", "sample:" + p.sampleId()))
            .consume();
      }
    }
    for (ArtifactUse g : r.generated()) {
      mergeEntity(tx, g);
      tx.run(
              "MATCH (a:Activity {key: $a}), (e:Entity {key: $e}) "
                  + "MERGE (e)-[:WAS_GENERATED_BY {role: $role}]->(a)",
              Map.of("a", key, "e", g.ref().uri(), "role", g.role()))
          .consume();
      for (ArtifactUse u : r.used()) {
        if (!u.ref().uri().equals(g.ref().uri())) {
          tx.run(
                  "MATCH (o:Entity {key: $o}), (i:Entity {key: $i}) MERGE (o)-[:WAS_DERIVED_FROM]->(i)",
                  Map.of("o", g.ref().uri(), "i", u.ref().uri()))
              .consume();
        }
      }
    }
  }

  private static void mergeEntity(TransactionContext tx, ArtifactUse u) {
    String label = u.kind();
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "entity kind must be a capitalised alphanumeric label such as PhaseMap, found '" + label + "'");
    }
    tx.run(
            "MERGE (e:Entity {key: $key}) SET e:" + label
                + ", e.sha256 = $sha, e.mediaType = $type, e.sizeBytes = $size",
            Map.of(
                "key", u.ref().uri(), "sha", u.ref().sha256(), "type", u.ref().mediaType(),
                "size", u.ref().sizeBytes()))
        .consume();
  }

  /** Size of the analysis' provenance subgraph, counted in the database. */
  public GraphCounts counts(String analysisId) {
    try (Session s = driver.session()) {
      Record rec =
          s.executeRead(
              tx ->
                  tx.run(
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
                              + "RETURN size(nodes) AS nodes, edges",
                          Map.of("key", analysisId))
                      .single());
      return new GraphCounts(rec.get("nodes").asLong(), rec.get("edges").asLong());
    }
  }

  /** Total node and relationship counts of the whole database. */
  public GraphCounts totals() {
    try (Session s = driver.session()) {
      long n = s.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong();
      long e = s.run("MATCH ()-[r]->() RETURN count(r) AS c").single().get("c").asLong();
      return new GraphCounts(n, e);
    }
  }

  /** Number of nodes carrying a label (e.g. "Analysis", "Micrograph"). */
  public long countLabel(String label) {
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("not a label: '" + label + "'");
    }
    try (Session s = driver.session()) {
      return s.run("MATCH (n:" + label + ") RETURN count(n) AS c").single().get("c").asLong();
    }
  }

  /**
   * Upstream lineage of an entity: every activity and entity it was derived from, nearest first.
   *
   * @return rows of {kind: labels, key, step/algorithm where an activity, depth}
   */
  public List<Map<String, Object>> lineage(String entityKey) {
    try (Session s = driver.session()) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Record r :
          s.run(
                  "MATCH path = (e:Entity {key: $key})-[:WAS_GENERATED_BY|USED*1..12]->(x) "
                      + "RETURN DISTINCT x.key AS key, labels(x) AS labels, x.algorithm AS algorithm, "
                      + "x.step AS step, min(length(path)) AS depth ORDER BY depth",
                  Map.of("key", entityKey))
              .list()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", r.get("key").asString());
        row.put("labels", r.get("labels").asList(Value::asString));
        row.put("step", r.get("step").isNull() ? null : r.get("step").asString());
        row.put("algorithm", r.get("algorithm").isNull() ? null : r.get("algorithm").asString());
        row.put("depth", r.get("depth").asLong());
        out.add(row);
      }
      return out;
    }
  }

  /** Analyses recorded for a sample, newest first (listings live in the graph, not Temporal). */
  public List<Map<String, Object>> analysesOfSample(String sampleId) {
    try (Session s = driver.session()) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Record r :
          s.run(
                  "MATCH (an:Analysis)-[:ANALYSED]->(:Sample {key: $s}) "
                      + "RETURN an.key AS id, an.runId AS runId, an.startedAtEpochMs AS started "
                      + "ORDER BY started DESC",
                  Map.of("s", "sample:" + sampleId))
              .list()) {
        out.add(r.asMap());
      }
      return out;
    }
  }

  /** Runs a read-only Cypher query (for the analysts' browser endpoint). */
  public List<Map<String, Object>> query(String cypher, Map<String, Object> params) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(cypher, params).list(Record::asMap));
    }
  }

  private static String sanitize(String k) {
    return k.replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
