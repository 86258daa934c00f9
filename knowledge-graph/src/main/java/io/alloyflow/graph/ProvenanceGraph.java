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

  /** The Bolt driver this graph talks through (shared with other graph components). */
  public Driver driver() {
    return driver;
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

  /**
   * Plans and runs every write and count query once inside a transaction that is rolled back,
   * so that the first real analysis does not pay for Cypher planning on a cold database.
   */
  public void warmUp() {
    io.alloyflow.core.store.ArtifactRef a =
        new io.alloyflow.core.store.ArtifactRef("0".repeat(64), "application/octet-stream", 0);
    io.alloyflow.core.store.ArtifactRef b =
        new io.alloyflow.core.store.ArtifactRef("1".repeat(64), "application/octet-stream", 0);
    ActivityRecord r = new ActivityRecord("warm-up", "warm-up",
        new io.alloyflow.core.provenance.AlgorithmInfo("warm-up", "0", "n/a", Map.of()),
        List.of(new ArtifactUse("in", "Micrograph", a)), List.of(new ArtifactUse("out", "PhaseMap", b)),
        Map.of("x", 1.0), Map.of(), 0, 0, 0, "warm-up", "", 1);
    AnalysisProvenance p = new AnalysisProvenance("warm-up", "", "warm-up", "warm-up", Map.of(), 0, List.of(r));
    try (Session s = driver.session(); org.neo4j.driver.Transaction tx = s.beginTransaction()) {
      write(tx, p);
      tx.run(COUNTS, Map.of("key", "warm-up")).consume();
      tx.rollback();
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

  private static void write(org.neo4j.driver.SimpleQueryRunner tx, AnalysisProvenance p) {
    String sampleKey = "sample:" + p.sampleId();
    tx.run(
            "MERGE (s:Entity:Sample {key: $key}) SET s.id = $id, s += $props "
                + "MERGE (a:Activity:Analysis {key: $analysis}) "
                + "SET a.runId = $runId, a.workflowType = $type, a.startedAtEpochMs = $start "
                + "MERGE (a)-[:ANALYSED]->(s)",
            Map.of(
                "key", sampleKey, "id", p.sampleId(), "props", new HashMap<>(p.sampleProperties()),
                "analysis", p.analysisId(), "runId", p.runId(), "type", p.workflowType(),
                "start", p.startedAtEpochMs()))
        .consume();
    Map<String, String> generatedBy = new HashMap<>();
    for (ActivityRecord r : p.activities()) {
      for (ArtifactUse g : r.generated()) {
        generatedBy.putIfAbsent(g.ref().uri(), r.activityKey());
      }
    }
    List<Map<String, Object>> activities = new ArrayList<>();
    Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
    List<Map<String, Object>> used = new ArrayList<>();
    List<Map<String, Object>> generated = new ArrayList<>();
    List<Map<String, Object>> derived = new ArrayList<>();
    List<Map<String, Object>> informed = new ArrayList<>();
    List<String> sampleInputs = new ArrayList<>();
    for (ActivityRecord r : p.activities()) {
      String key = r.activityKey();
      activities.add(Map.of(
          "key", key, "props", activityProperties(r),
          "agentKey", r.algorithm().name() + "@" + r.algorithm().version(),
          "agentName", r.algorithm().name(), "agentVersion", r.algorithm().version(),
          "reference", r.algorithm().reference()));
      for (ArtifactUse u : r.used()) {
        entities.putIfAbsent(u.ref().uri(), entity(u));
        used.add(Map.of("a", key, "e", u.ref().uri(), "role", u.role()));
        String producer = generatedBy.get(u.ref().uri());
        if (producer == null) {
          sampleInputs.add(u.ref().uri());
        } else if (!producer.equals(key)) {
          informed.add(Map.of("a", key, "b", producer));
        }
      }
      for (ArtifactUse g : r.generated()) {
        entities.putIfAbsent(g.ref().uri(), entity(g));
        generated.add(Map.of("a", key, "e", g.ref().uri(), "role", g.role()));
        for (ArtifactUse u : r.used()) {
          if (!u.ref().uri().equals(g.ref().uri())) {
            derived.add(Map.of("o", g.ref().uri(), "i", u.ref().uri()));
          }
        }
      }
    }
    tx.run(
            "MATCH (an:Analysis {key: $analysis}) UNWIND $rows AS r "
                + "MERGE (a:Activity {key: r.key}) SET a += r.props "
                + "MERGE (a)-[:PART_OF]->(an) "
                + "MERGE (ag:Agent:Software {key: r.agentKey}) "
                + "SET ag.name = r.agentName, ag.version = r.agentVersion, ag.reference = r.reference "
                + "MERGE (a)-[:WAS_ASSOCIATED_WITH]->(ag)",
            Map.of("analysis", p.analysisId(), "rows", activities))
        .consume();
    // entities grouped by domain label: labels cannot be parameters in Cypher
    Map<String, List<Map<String, Object>>> byLabel = new LinkedHashMap<>();
    for (Map<String, Object> e : entities.values()) {
      byLabel.computeIfAbsent((String) e.get("label"), k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : byLabel.entrySet()) {
      tx.run(
              "UNWIND $rows AS r MERGE (e:Entity {key: r.key}) SET e:" + e.getKey()
                  + ", e.sha256 = r.sha256, e.mediaType = r.mediaType, e.sizeBytes = r.sizeBytes",
              Map.of("rows", e.getValue()))
          .consume();
    }
    tx.run(
            "UNWIND $used AS u MATCH (a:Activity {key: u.a}), (e:Entity {key: u.e}) "
                + "MERGE (a)-[:USED {role: u.role}]->(e) "
                + "WITH count(*) AS done UNWIND $generated AS g "
                + "MATCH (a:Activity {key: g.a}), (e:Entity {key: g.e}) "
                + "MERGE (e)-[:WAS_GENERATED_BY {role: g.role}]->(a)",
            Map.of("used", used, "generated", generated))
        .consume();
    tx.run(
            "UNWIND $derived AS d MATCH (o:Entity {key: d.o}), (i:Entity {key: d.i}) "
                + "MERGE (o)-[:WAS_DERIVED_FROM]->(i)",
            Map.of("derived", derived))
        .consume();
    tx.run(
            "UNWIND $informed AS w MATCH (a:Activity {key: w.a}), (b:Activity {key: w.b}) "
                + "MERGE (a)-[:WAS_INFORMED_BY]->(b)",
            Map.of("informed", informed))
        .consume();
    tx.run(
            "MATCH (s:Sample {key: $sample}) UNWIND $inputs AS k MATCH (e:Entity {key: k}) "
                + "MERGE (e)-[:OF_SAMPLE]->(s)",
            Map.of("sample", sampleKey, "inputs", sampleInputs))
        .consume();
  }

  private static Map<String, Object> activityProperties(ActivityRecord r) {
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
    return props;
  }

  private static Map<String, Object> entity(ArtifactUse u) {
    if (!LABEL.matcher(u.kind()).matches()) {
      throw new IllegalArgumentException(
          "entity kind must be a capitalised alphanumeric label such as PhaseMap, found '"
              + u.kind() + "'");
    }
    Map<String, Object> m = new HashMap<>();
    m.put("key", u.ref().uri());
    m.put("label", u.kind());
    m.put("sha256", u.ref().sha256());
    m.put("mediaType", u.ref().mediaType());
    m.put("sizeBytes", u.ref().sizeBytes());
    return m;
  }

  /** Size of the analysis' provenance subgraph, counted in the database. */
  public GraphCounts counts(String analysisId) {
    try (Session s = driver.session()) {
      Record rec =
          s.executeRead(
              tx ->
                  tx.run(
                          COUNTS,
                          Map.of("key", analysisId))
                      .single());
      return new GraphCounts(rec.get("nodes").asLong(), rec.get("edges").asLong());
    }
  }

  /**
   * The analysis' provenance subgraph as a W3C PROV-JSON document (Huynh et al. 2013, W3C Member
   * Submission "PROV-JSON"): entities, activities and agents with their properties, and the
   * used / wasGeneratedBy / wasDerivedFrom / wasAssociatedWith / wasInformedBy relations.
   * Returns null when the analysis is not in the graph.
   */
  public Map<String, Object> provJson(String analysisId) {
    try (Session s = driver.session()) {
      List<Record> nodes = s.executeRead(tx -> tx.run(
          "MATCH (an:Analysis {key: $key}) OPTIONAL MATCH (a:Activity)-[:PART_OF]->(an) "
              + "WITH an, collect(DISTINCT a) + [an] AS acts UNWIND acts AS act "
              + "OPTIONAL MATCH (act)-[]-(n) WHERE n:Entity OR n:Agent "
              + "WITH acts, collect(DISTINCT n) AS ends UNWIND acts + ends AS x "
              + "WITH DISTINCT x RETURN x.key AS key, labels(x) AS labels, properties(x) AS props",
          Map.of("key", analysisId)).list());
      if (nodes.isEmpty()) {
        return null;
      }
      List<String> keys = nodes.stream().map(r -> r.get("key").asString()).toList();
      List<Record> rels = s.executeRead(tx -> tx.run(
          "MATCH (a)-[r]->(b) WHERE a.key IN $keys AND b.key IN $keys "
              + "RETURN a.key AS from, type(r) AS type, b.key AS to, r.role AS role",
          Map.of("keys", keys)).list());
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("prefix", Map.of(
          "alloyflow", "https://alloyflow.io/ns#", "sha256", "urn:sha256:", "prov", "http://www.w3.org/ns/prov#"));
      Map<String, Object> entity = new LinkedHashMap<>();
      Map<String, Object> activity = new LinkedHashMap<>();
      Map<String, Object> agent = new LinkedHashMap<>();
      for (Record r : nodes) {
        List<String> labels = r.get("labels").asList(Value::asString);
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<String> types = labels.stream()
            .filter(l -> !List.of("Entity", "Activity", "Agent").contains(l))
            .map(l -> "alloyflow:" + l).toList();
        if (!types.isEmpty()) {
          attrs.put("prov:type", types.size() == 1 ? types.get(0) : types);
        }
        r.get("props").asMap().forEach((k, v) -> {
          if (!k.equals("key")) {
            attrs.put("alloyflow:" + k, v);
          }
        });
        String id = provId(r.get("key").asString());
        if (labels.contains("Activity")) {
          activity.put(id, attrs);
        } else if (labels.contains("Agent")) {
          agent.put(id, attrs);
        } else {
          entity.put(id, attrs);
        }
      }
      doc.put("entity", entity);
      doc.put("activity", activity);
      doc.put("agent", agent);
      Map<String, Map<String, Object>> relations = new LinkedHashMap<>();
      int n = 0;
      for (Record r : rels) {
        String from = provId(r.get("from").asString());
        String to = provId(r.get("to").asString());
        Map<String, Object> rel = new LinkedHashMap<>();
        String kind;
        switch (r.get("type").asString()) {
          case "USED" -> { kind = "used"; rel.put("prov:activity", from); rel.put("prov:entity", to); }
          case "WAS_GENERATED_BY" -> { kind = "wasGeneratedBy"; rel.put("prov:entity", from); rel.put("prov:activity", to); }
          case "WAS_DERIVED_FROM" -> { kind = "wasDerivedFrom"; rel.put("prov:generatedEntity", from); rel.put("prov:usedEntity", to); }
          case "WAS_ASSOCIATED_WITH" -> { kind = "wasAssociatedWith"; rel.put("prov:activity", from); rel.put("prov:agent", to); }
          case "WAS_INFORMED_BY" -> { kind = "wasInformedBy"; rel.put("prov:informed", from); rel.put("prov:informant", to); }
          case "ANALYSED" -> { kind = "used"; rel.put("prov:activity", from); rel.put("prov:entity", to); rel.put("prov:role", "alloyflow:sample"); }
          case "PART_OF" -> { kind = "wasInformedBy"; rel.put("prov:informed", to); rel.put("prov:informant", from); rel.put("prov:type", "alloyflow:partOf"); }
          case "OF_SAMPLE" -> { kind = "specializationOf"; rel.put("prov:specificEntity", from); rel.put("prov:generalEntity", to); }
          default -> { continue; }
        }
        if (!r.get("role").isNull()) {
          rel.put("prov:role", "alloyflow:" + r.get("role").asString());
        }
        relations.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put("_:r" + (++n), rel);
      }
      doc.putAll(relations);
      return doc;
    }
  }

  private static String provId(String key) {
    if (key.startsWith("sha256:")) {
      return key;
    }
    return "alloyflow:" + key.replaceAll("[^A-Za-z0-9_.@/-]", "_");
  }

  /**
   * Structure-property rows: for every analysis, the sample, the measured phase fractions and the
   * predicted hardness, newest first — what analysts plot against each other.
   */
  public List<Map<String, Object>> structureProperty(int limit) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(
          "MATCH (an:Analysis)-[:ANALYSED]->(s:Sample) "
              + "OPTIONAL MATCH (f:Activity {step: 'fusion'})-[:PART_OF]->(an) "
              + "OPTIONAL MATCH (p:Activity {step: 'prediction'})-[:PART_OF]->(an) "
              + "RETURN s.id AS sample, s.alloySystem AS alloySystem, an.key AS analysis, "
              + "an.startedAtEpochMs AS started, "
              + "[k IN keys(f) WHERE k STARTS WITH 's_fraction_' | [substring(k, 11), f[k]]] AS fractions, "
              + "p.s_hardnessHv AS hardnessHv, p.s_sigmaHv AS sigmaHv, p.algorithm AS model "
              + "ORDER BY started DESC LIMIT $limit",
          Map.of("limit", limit)).list(r -> {
            Map<String, Object> row = new LinkedHashMap<>(r.asMap());
            Map<String, Object> fr = new LinkedHashMap<>();
            for (Object pair : r.get("fractions").asList()) {
              List<?> kv = (List<?>) pair;
              fr.put(String.valueOf(kv.get(0)), kv.get(1));
            }
            row.put("fractions", fr);
            return row;
          }));
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
