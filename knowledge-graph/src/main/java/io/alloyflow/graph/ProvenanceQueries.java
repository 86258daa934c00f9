package io.alloyflow.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;

/**
 * Read queries: upstream lineage (where did this number come from, down to raw files, instrument
 * settings and software versions), downstream impact (what did this artifact, model version,
 * calibration or rule set touch), structure-property search, predictions across model versions,
 * predictions against measurements. Lineage follows the PROV-O edges backwards in time
 * (WAS_GENERATED_BY, USED, WAS_ASSOCIATED_WITH, WAS_ATTRIBUTED_TO, OF_SAMPLE); impact follows the same edges the
 * other way. Both are bounded variable-length expansions from one node found through the key
 * constraints, so their cost grows with the size of the answer, not of the graph (Robinson,
 * Webber &amp; Eifrem, "Graph Databases", 2nd ed., O'Reilly 2015, ch. 6).
 */
public final class ProvenanceQueries {
  /** Deepest expansion any query accepts. */
  public static final int MAX_DEPTH = 30;
  static final String UPSTREAM = "WAS_GENERATED_BY|USED|WAS_ASSOCIATED_WITH|WAS_ATTRIBUTED_TO|OF_SAMPLE";
  /** Finds a node by key through the uniqueness constraints (no label scan). */
  static final String RESOLVE =
      "CALL { MATCH (n:Entity {key: $key}) RETURN n UNION MATCH (n:Activity {key: $key}) RETURN n "
          + "UNION MATCH (n:Agent {key: $key}) RETURN n } ";

  private final Driver driver;

  ProvenanceQueries(Driver driver) {
    this.driver = driver;
  }

  private static int depth(int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("depth must be in 1.." + MAX_DEPTH + ", found " + depth);
    }
    return depth;
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("limit must be in 1..100000, found " + limit);
    }
    return limit;
  }

  /** One node: key, labels and properties; null when no node has the key. */
  public Map<String, Object> node(String key) {
    try (Session s = driver.session()) {
      List<Record> r = s.executeRead(tx -> tx.run(RESOLVE
          + "OPTIONAL MATCH (n)-[:WAS_GENERATED_BY]->(g:Activity) "
          + "OPTIONAL MATCH (g)-[:PART_OF]->(an:Analysis) "
          + "OPTIONAL MATCH (n)-[:PART_OF]->(own:Analysis) "
          + "OPTIONAL MATCH (n)-[:OF_SAMPLE|ANALYSED]->(smp:Sample) "
          + "OPTIONAL MATCH (part:Activity)-[:PART_OF]->(n) "
          + "RETURN n, collect(DISTINCT g.key) AS generatedBy, collect(DISTINCT part.key) AS steps, "
          + "collect(DISTINCT coalesce(an.key, own.key)) AS analyses, collect(DISTINCT smp.id) AS samples",
          Map.of("key", key)).list());
      if (r.isEmpty()) {
        return null;
      }
      Record rec = r.get(0);
      Map<String, Object> m = nodeMap(rec.get("n").asNode());
      m.put("generatedBy", rec.get("generatedBy").asList(Value::asString));
      m.put("analyses", rec.get("analyses").asList(Value::asString));
      m.put("samples", rec.get("samples").asList(Value::asString));
      m.put("steps", rec.get("steps").asList(Value::asString));
      return m;
    }
  }

  static Map<String, Object> nodeMap(Node n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", n.get("key").asString(""));
    List<String> labels = new ArrayList<>();
    n.labels().forEach(labels::add);
    labels.sort(null);
    m.put("labels", labels);
    m.put("kind", kind(labels));
    m.put("properties", new TreeMap<>(n.asMap()));
    return m;
  }

  /** The most specific label: domain label before PROV class. */
  static String kind(List<String> labels) {
    for (String l : labels) {
      if (!List.of("Entity", "Activity", "Agent", "Software", "Person").contains(l)) {
        return l;
      }
    }
    if (labels.contains("Activity")) {
      return "Activity";
    }
    if (labels.contains("Agent")) {
      return labels.contains("Person") ? "Person" : "Software";
    }
    return labels.isEmpty() ? "" : labels.get(0);
  }

  /** Upstream lineage to depth 12 (the first API; see {@link #lineage(String, boolean, int)}). */
  public List<Map<String, Object>> lineage(String key) {
    return lineage(key, false, 12);
  }

  /**
   * Lineage of any node, nearest first: upstream (what it came from: activities with their
   * algorithm, parameters, software environment and attempt; input artifacts down to the raw files
   * and the sample) or, with {@code down}, downstream (everything derived from it).
   *
   * @return rows {key, labels, kind, step, algorithm, version, depth, and for nodes that carry
   *     them the instrument settings read at ingest as {@code settings} and, for the software
   *     environment an activity ran in, its versions as {@code environment}}; empty when the key is
   *     unknown or the node has no lineage
   */
  public List<Map<String, Object>> lineage(String key, boolean down, int depth) {
    String pattern = down
        ? "(n)<-[:" + UPSTREAM + "*1.." + depth(depth) + "]-(x)"
        : "(n)-[:" + UPSTREAM + "*1.." + depth(depth) + "]->(x)";
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(RESOLVE + "MATCH path = " + pattern
              + " WITH x, min(length(path)) AS depth "
              + "RETURN x.key AS key, labels(x) AS labels, x.step AS step, "
              + "coalesce(x.algorithm, x.name) AS algorithm, coalesce(x.algorithmVersion, x.version) AS version, "
              + "depth, x.environment AS environment, [k IN keys(x) WHERE k STARTS WITH '" + ProvenanceWriter.SETTING_PROPERTY_PREFIX
              + "' | [substring(k, " + ProvenanceWriter.SETTING_PROPERTY_PREFIX.length() + "), x[k]]] AS settings "
              + "ORDER BY depth, key",
          Map.of("key", key)).list(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            List<String> labels = new ArrayList<>(r.get("labels").asList(Value::asString));
            labels.sort(null);
            row.put("key", r.get("key").asString(""));
            row.put("labels", labels);
            row.put("kind", kind(labels));
            row.put("step", r.get("step").isNull() ? null : r.get("step").asString());
            row.put("algorithm", r.get("algorithm").isNull() ? null : r.get("algorithm").asString());
            row.put("version", r.get("version").isNull() ? null : r.get("version").asString());
            row.put("depth", r.get("depth").asLong());
            List<Object> settings = r.get("settings").asList(Value::asObject);
            if (!settings.isEmpty()) {
              // instrument settings read at ingest (beam energy, working distance, detector...)
              Map<String, Object> m = new TreeMap<>();
              for (Object kv : settings) {
                List<?> pair = (List<?>) kv;
                m.put((String) pair.get(0), pair.get(1));
              }
              row.put("settings", m);
            }
            if (labels.contains("Environment") && !r.get("environment").isNull()) {
              // the software and platform versions the activity ran with (java, os, alloyflow)
              row.put("environment", environmentMap(r.get("environment").asString()));
            }
            return row;
          }));
    }
  }

  /** An environment node's JSON as a map (its text under "environment" when it is not JSON). */
  static Map<String, Object> environmentMap(String json) {
    try {
      Map<String, Object> m = new TreeMap<>();
      ENV_JSON.readTree(json).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
      return m;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Map.of("environment", json);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper ENV_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * The lineage as a graph for viewers and exports: the start node, every node within {@code
   * depth} steps up- or downstream, and the PROV edges on those paths.
   *
   * @return {start, nodes: [...], edges: [{from, type, to, role}], truncated}; null for an
   *     unknown key
   */
  public Map<String, Object> subgraph(String key, boolean down, int depth, int maxNodes) {
    String pattern = down
        ? "(n)<-[:" + UPSTREAM + "*0.." + depth(depth) + "]-(x)"
        : "(n)-[:" + UPSTREAM + "*0.." + depth(depth) + "]->(x)";
    try (Session s = driver.session()) {
      List<Record> rows = s.executeRead(tx -> tx.run(RESOLVE + "MATCH path = " + pattern
          + " RETURN path LIMIT $paths", Map.of("key", key, "paths", 20L * limit(maxNodes))).list());
      if (rows.isEmpty()) {
        return null;
      }
      Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
      Map<String, Map<String, Object>> edges = new LinkedHashMap<>();
      boolean truncated = false;
      for (Record r : rows) {
        Path p = r.get("path").asPath();
        for (Node n : p.nodes()) {
          String k = n.get("key").asString("");
          if (!nodes.containsKey(k)) {
            if (nodes.size() >= maxNodes) {
              truncated = true;
              continue;
            }
            nodes.put(k, nodeMap(n));
          }
        }
        Map<String, String> keyOf = new HashMap<>();
        for (Node n : p.nodes()) {
          keyOf.put(n.elementId(), n.get("key").asString(""));
        }
        for (Relationship rel : p.relationships()) {
          String from = keyOf.get(rel.startNodeElementId());
          String to = keyOf.get(rel.endNodeElementId());
          if (nodes.containsKey(from) && nodes.containsKey(to)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("from", from);
            e.put("type", rel.type());
            e.put("to", to);
            e.put("role", rel.get("role").isNull() ? null : rel.get("role").asString());
            edges.putIfAbsent(from + "|" + rel.type() + "|" + to + "|" + e.get("role"), e);
          }
        }
      }
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("start", key);
      g.put("direction", down ? "downstream" : "upstream");
      g.put("nodes", new ArrayList<>(nodes.values()));
      g.put("edges", new ArrayList<>(edges.values()));
      g.put("truncated", truncated);
      return g;
    }
  }

  /**
   * Downstream impact of any node — an artifact (by {@code sha256:...}), a model or rule-set
   * version (agent key {@code name@version}), a calibration, a sample: every node derived from it
   * within {@code depth} steps, counted by kind, with the affected analyses and predictions
   * ("which predictions used model v3?").
   *
   * @return {key, found, counts: {kind: n}, analyses: [...], predictions: [{key, analysis, sample,
   *     model, values}]} where lists hold at most {@code limit} entries
   */
  public Map<String, Object> impact(String key, int depth, int limit) {
    // one round trip: the reached set is collected once in the database and summarised there
    // (counts by label set, the newest predictions with their analysis and model, the affected
    // analyses), so neither the reached keys nor the properties of unlisted steps travel
    String q = RESOLVE
        + "MATCH (n)<-[:" + UPSTREAM + "*1.." + depth(depth) + "]-(x) WITH DISTINCT x "
        + "WITH collect(x) AS xs "
        + "CALL { WITH xs UNWIND xs AS x WITH labels(x) AS l, count(*) AS c "
        + "RETURN collect({labels: l, count: c}) AS kinds } "
        + "CALL { WITH xs UNWIND xs AS p WITH p WHERE p:Prediction "
        + "MATCH (p)-[:WAS_GENERATED_BY]->(a:Activity)-[:PART_OF]->(an:Analysis) "
        + "WITH p, a, an ORDER BY an.startedAtEpochMs DESC, p.key LIMIT $limit "
        + "OPTIONAL MATCH (an)-[:ANALYSED]->(s:Sample) "
        + "RETURN collect({key: p.key, analysis: an.key, sample: s.id, "
        + "model: a.algorithm + '@' + a.algorithmVersion, props: properties(a)}) AS preds } "
        + "CALL { WITH xs UNWIND xs AS a WITH a WHERE a:Activity "
        + "MATCH (a)-[:PART_OF]->(an:Analysis) WITH DISTINCT an LIMIT $limit "
        + "RETURN collect(an.key) AS analyses } "
        + "RETURN size(xs) AS total, kinds, preds, analyses";
    try (Session s = driver.session()) {
      Record r = s.executeRead(tx -> tx.run(q, Map.of("key", key, "limit", (long) limit(limit))).single());
      Map<String, Long> counts = new TreeMap<>();
      for (Value k : r.get("kinds").values()) {
        counts.merge(kind(k.get("labels").asList(Value::asString)), k.get("count").asLong(), Long::sum);
      }
      List<Map<String, Object>> preds = new ArrayList<>();
      for (Value v : r.get("preds").values()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("key", v.get("key").asString());
        p.put("analysis", v.get("analysis").asString());
        p.put("sample", v.get("sample").isNull() ? null : v.get("sample").asString());
        p.put("model", v.get("model").asString(""));
        p.put("values", summaries(v.get("props").asMap(), "s_"));
        preds.add(p);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("key", key);
      out.put("counts", counts);
      out.put("total", r.get("total").asLong());
      out.put("analyses", r.get("analyses").asList(Value::asString));
      out.put("predictions", preds);
      return out;
    }
  }

  static Map<String, Object> summaries(Map<String, Object> props, String prefix) {
    Map<String, Object> m = new TreeMap<>();
    props.forEach((k, v) -> {
      if (k.startsWith(prefix) && v instanceof Number) {
        m.put(k.substring(prefix.length()), v);
      }
    });
    return m;
  }

  /**
   * Structure-property search: analyses whose step summaries satisfy every condition (e.g.
   * martensite fraction in a range and a predicted property above a value), optionally of samples
   * whose id contains {@code text}, newest first, each with its values and the keys of its
   * predictions (the starting points of their lineage).
   */
  public List<Map<String, Object>> search(List<Condition> where, String text, int limit) {
    List<Map<String, Object>> conds = new ArrayList<>();
    for (Condition c : where) {
      conds.add(Map.of("a", "m_fraction_" + c.name(), "b", "m_" + c.name(), "op", c.op(), "v", c.value()));
    }
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(
          "MATCH (an:Analysis)-[:ANALYSED]->(s:Sample) "
              + "WHERE ($text = '' OR toLower(s.id) CONTAINS toLower($text) OR toLower(an.key) CONTAINS toLower($text)) "
              + "AND all(c IN $conds WHERE CASE c.op "
              + "WHEN '>=' THEN coalesce(an[c.a], an[c.b]) >= c.v WHEN '<=' THEN coalesce(an[c.a], an[c.b]) <= c.v "
              + "WHEN '>' THEN coalesce(an[c.a], an[c.b]) > c.v WHEN '<' THEN coalesce(an[c.a], an[c.b]) < c.v "
              + "WHEN '=' THEN coalesce(an[c.a], an[c.b]) = c.v ELSE coalesce(an[c.a], an[c.b]) <> c.v END) "
              + "WITH an, s ORDER BY an.startedAtEpochMs DESC LIMIT $limit "
              + "OPTIONAL MATCH (p:Prediction)-[:WAS_GENERATED_BY]->(:Activity)-[:PART_OF]->(an) "
              + "RETURN an.key AS analysis, s.id AS sample, s.alloySystem AS alloySystem, an.status AS status, "
              + "an.startedAtEpochMs AS started, properties(an) AS props, collect(DISTINCT p.key) AS predictions "
              + "ORDER BY started DESC",
          Map.of("text", text == null ? "" : text, "conds", conds, "limit", (long) limit(limit)))
          .list(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("analysis", r.get("analysis").asString());
            row.put("sample", r.get("sample").asString(""));
            row.put("alloySystem", r.get("alloySystem").isNull() ? null : r.get("alloySystem").asString());
            row.put("status", r.get("status").isNull() ? null : r.get("status").asString());
            row.put("started", r.get("started").isNull() ? null : r.get("started").asLong());
            row.put("values", summaries(r.get("props").asMap(), "m_"));
            row.put("predictions", r.get("predictions").asList(Value::asString));
            return row;
          }));
    }
  }

  /** Samples whose id contains {@code text} (all when blank), with their analysis counts. */
  public List<Map<String, Object>> samples(String text, int limit) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(
          "MATCH (s:Sample) WHERE $text = '' OR toLower(s.id) CONTAINS toLower($text) "
              + "OPTIONAL MATCH (an:Analysis)-[:ANALYSED]->(s) "
              + "OPTIONAL MATCH (m:Measurement)-[:OF_SAMPLE]->(s) "
              + "RETURN s.id AS sample, s.alloySystem AS alloySystem, count(DISTINCT an) AS analyses, "
              + "count(DISTINCT m) AS measurements, max(an.startedAtEpochMs) AS latest "
              + "ORDER BY latest DESC, sample LIMIT $limit",
          Map.of("text", text == null ? "" : text, "limit", (long) limit(limit)))
          .list(r -> new LinkedHashMap<>(r.asMap())));
    }
  }

  /** Analyses recorded for a sample, newest first, with status and step summaries. */
  public List<Map<String, Object>> analysesOfSample(String sampleId) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(
          "MATCH (an:Analysis)-[:ANALYSED]->(:Sample {key: $s}) "
              + "OPTIONAL MATCH (p:Prediction)-[:WAS_GENERATED_BY]->(:Activity)-[:PART_OF]->(an) "
              + "OPTIONAL MATCH (o:Overlay)-[:WAS_GENERATED_BY]->(:Activity)-[:PART_OF]->(an) "
              + "RETURN an.key AS id, an.runId AS runId, an.startedAtEpochMs AS started, "
              + "an.status AS status, an.failedStep AS failedStep, an.failureReason AS failureReason, "
              + "properties(an) AS props, collect(DISTINCT p.key) AS predictions, "
              + "collect(DISTINCT o.key) AS overlays ORDER BY started DESC",
          Map.of("s", "sample:" + sampleId)).list(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.get("id").asString());
            m.put("runId", r.get("runId").asString(""));
            m.put("started", r.get("started").isNull() ? null : r.get("started").asLong());
            m.put("status", r.get("status").isNull() ? null : r.get("status").asString());
            m.put("failedStep", r.get("failedStep").asString(""));
            m.put("failureReason", r.get("failureReason").asString(""));
            m.put("values", summaries(r.get("props").asMap(), "m_"));
            m.put("predictions", r.get("predictions").asList(Value::asString));
            m.put("overlays", r.get("overlays").asList(Value::asString));
            return m;
          }));
    }
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
              + "an.startedAtEpochMs AS started, an.status AS status, "
              + "[k IN keys(f) WHERE k STARTS WITH 's_fraction_' | [substring(k, 11), f[k]]] AS fractions, "
              + "p.s_hardnessHv AS hardnessHv, p.s_sigmaHv AS sigmaHv, p.algorithm AS model "
              + "ORDER BY started DESC LIMIT $limit",
          Map.of("limit", limit)).list(r -> {
            Map<String, Object> row = new LinkedHashMap<>(r.asMap());
            Map<String, Object> fr = new LinkedHashMap<>();
            // an analysis still running (or failed) has no fusion step yet: no fractions
            for (Object pair : r.get("fractions").isNull() ? List.of() : r.get("fractions").asList()) {
              List<?> kv = (List<?>) pair;
              fr.put(String.valueOf(kv.get(0)), kv.get(1));
            }
            row.put("fractions", fr);
            return row;
          }));
    }
  }

  /**
   * Predictions of the same samples by different model versions: one row per (sample, model
   * version) with the predicted values of the newest analysis that used it.
   *
   * @param sampleId one sample, or null for all samples
   */
  public List<Map<String, Object>> predictionsAcrossModels(String sampleId, int limit) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(
          "MATCH (an:Analysis)-[:ANALYSED]->(s:Sample) WHERE $sample IS NULL OR s.id = $sample "
              + "MATCH (p:Prediction)-[:WAS_GENERATED_BY]->(a:Activity)-[:PART_OF]->(an) "
              + "MATCH (a)-[:WAS_ASSOCIATED_WITH]->(ag:Agent) WHERE NOT ag:Environment "
              + "WITH s, ag, an, p, a ORDER BY an.startedAtEpochMs DESC "
              + "WITH s, ag, collect({an: an.key, p: p.key, props: properties(a)})[0] AS newest, count(an) AS runs "
              + "RETURN s.id AS sample, ag.key AS model, ag.name AS name, ag.version AS version, "
              + "newest.an AS analysis, newest.p AS prediction, newest.props AS props, runs "
              + "ORDER BY sample, name, version LIMIT $limit",
          Map.of("limit", (long) limit(limit), "sample", sampleId == null ? org.neo4j.driver.Values.NULL
              : org.neo4j.driver.Values.value(sampleId)))
          .list(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sample", r.get("sample").asString(""));
            row.put("model", r.get("model").asString(""));
            row.put("analysis", r.get("analysis").asString(""));
            row.put("prediction", r.get("prediction").asString(""));
            row.put("values", summaries(r.get("props").asMap(), "s_"));
            row.put("runs", r.get("runs").asLong());
            return row;
          }));
    }
  }

  /**
   * Every measurement of a sample next to the predictions of the same property by its analyses:
   * rows {measurement, property, unit, measured, measuredSigma, method, enteredBy, analysis,
   * predicted, predictedSigma, model, residual}.
   */
  public List<Map<String, Object>> predictionVsMeasurement(String sampleId) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> tx.run(
          "MATCH (m:Measurement)-[:OF_SAMPLE]->(s:Sample {key: $s}) "
              + "OPTIONAL MATCH (an:Analysis)-[:ANALYSED]->(s) WHERE an['m_' + m.property] IS NOT NULL "
              + "OPTIONAL MATCH (a:Activity {step: 'prediction'})-[:PART_OF]->(an) "
              + "RETURN m.key AS measurement, m.property AS property, m.unit AS unit, m.value AS measured, "
              + "m.sigma AS measuredSigma, m.method AS method, m.enteredBy AS enteredBy, an.key AS analysis, "
              + "an['m_' + m.property] AS predicted, "
              + "coalesce(an['m_' + m.property + 'Sigma'], an['m_sigma_' + m.property], "
              + "CASE m.property WHEN 'hardnessHv' THEN an.m_sigmaHv END) AS predictedSigma, "
              + "a.algorithm + '@' + a.algorithmVersion AS model "
              + "ORDER BY property, measurement, an.startedAtEpochMs DESC",
          Map.of("s", "sample:" + sampleId)).list(r -> {
            Map<String, Object> row = new LinkedHashMap<>(r.asMap());
            if (!r.get("predicted").isNull()) {
              row.put("residual", r.get("measured").asDouble() - r.get("predicted").asDouble());
            }
            return row;
          }));
    }
  }
}
