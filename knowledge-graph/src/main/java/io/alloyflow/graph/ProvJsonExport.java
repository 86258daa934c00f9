package io.alloyflow.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * W3C PROV-JSON documents (Huynh, Jewell, Keshavarz, Michaelides, Yang &amp; Moreau 2013, W3C
 * Member Submission "The PROV-JSON Serialization") of any part of the graph: an analysis with
 * everything its steps used, generated and were run by, or the up- or downstream lineage of any
 * node. Entities, activities and agents keep their properties as {@code alloyflow:} attributes;
 * activities get {@code prov:startTime}/{@code prov:endTime}; the graph's relationships map to
 * used, wasGeneratedBy, wasDerivedFrom, wasAssociatedWith, wasInformedBy, wasAttributedTo and
 * specializationOf (an input artifact specialises its sample).
 */
public final class ProvJsonExport {
  /** Namespaces every document declares. */
  public static final Map<String, String> PREFIXES = Map.of(
      "alloyflow", "https://alloyflow.io/ns#", "sha256", "urn:sha256:",
      "prov", "http://www.w3.org/ns/prov#", "xsd", "http://www.w3.org/2001/XMLSchema#");

  private final Driver driver;
  private final ProvenanceQueries queries;

  ProvJsonExport(Driver driver, ProvenanceQueries queries) {
    this.driver = driver;
    this.queries = queries;
  }

  /** The analysis' provenance subgraph; null when the analysis is not in the graph. */
  public Map<String, Object> analysis(String analysisId) {
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
          "UNWIND $keys AS k CALL { WITH k MATCH (a:Entity {key: k}) RETURN a UNION WITH k "
              + "MATCH (a:Activity {key: k}) RETURN a UNION WITH k MATCH (a:Agent {key: k}) RETURN a } "
              + "MATCH (a)-[r]->(b) WHERE b.key IN $keys "
              + "RETURN a.key AS from, type(r) AS type, b.key AS to, r.role AS role",
          Map.of("keys", keys)).list());
      List<Map<String, Object>> ns = new ArrayList<>();
      for (Record r : nodes) {
        ns.add(Map.of("key", r.get("key").asString(), "labels", r.get("labels").asList(Value::asString),
            "properties", r.get("props").asMap()));
      }
      List<Map<String, Object>> es = new ArrayList<>();
      for (Record r : rels) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("from", r.get("from").asString());
        e.put("type", r.get("type").asString());
        e.put("to", r.get("to").asString());
        e.put("role", r.get("role").isNull() ? null : r.get("role").asString());
        es.add(e);
      }
      return document(ns, es);
    }
  }

  /** The up- or downstream lineage of any node; null for an unknown key. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> lineage(String key, boolean down, int depth) {
    Map<String, Object> g = queries.subgraph(key, down, depth, 100_000);
    if (g == null) {
      return null;
    }
    return document((List<Map<String, Object>>) g.get("nodes"), (List<Map<String, Object>>) g.get("edges"));
  }

  /** Builds the document from nodes {key, labels, properties} and edges {from, type, to, role}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> document(List<Map<String, Object>> nodes, List<Map<String, Object>> edges) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("prefix", new LinkedHashMap<>(PREFIXES));
    Map<String, Object> entity = new LinkedHashMap<>();
    Map<String, Object> activity = new LinkedHashMap<>();
    Map<String, Object> agent = new LinkedHashMap<>();
    for (Map<String, Object> n : nodes) {
      List<String> labels = (List<String>) n.get("labels");
      Map<String, Object> props = (Map<String, Object>) n.get("properties");
      Map<String, Object> attrs = new LinkedHashMap<>();
      List<String> types = labels.stream()
          .filter(l -> !List.of("Entity", "Activity", "Agent").contains(l))
          .sorted().map(l -> "alloyflow:" + l).toList();
      if (!types.isEmpty()) {
        attrs.put("prov:type", types.size() == 1 ? types.get(0) : types);
      }
      props.forEach((k, v) -> {
        if (!k.equals("key") && v != null) {
          attrs.put("alloyflow:" + k, v);
        }
      });
      String id = id((String) n.get("key"));
      if (labels.contains("Activity")) {
        if (props.get("startedAtEpochMs") instanceof Number start && start.longValue() > 0) {
          attrs.put("prov:startTime", Instant.ofEpochMilli(start.longValue()).toString());
          if (props.get("durationMs") instanceof Number d) {
            attrs.put("prov:endTime", Instant.ofEpochMilli(start.longValue() + d.longValue()).toString());
          }
        }
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
    for (Map<String, Object> e : edges) {
      String from = id((String) e.get("from"));
      String to = id((String) e.get("to"));
      Map<String, Object> rel = new LinkedHashMap<>();
      String kind;
      switch ((String) e.get("type")) {
        case "USED" -> { kind = "used"; rel.put("prov:activity", from); rel.put("prov:entity", to); }
        case "WAS_GENERATED_BY" -> { kind = "wasGeneratedBy"; rel.put("prov:entity", from); rel.put("prov:activity", to); }
        case "WAS_DERIVED_FROM" -> { kind = "wasDerivedFrom"; rel.put("prov:generatedEntity", from); rel.put("prov:usedEntity", to); }
        case "WAS_ASSOCIATED_WITH" -> { kind = "wasAssociatedWith"; rel.put("prov:activity", from); rel.put("prov:agent", to); }
        case "WAS_ATTRIBUTED_TO" -> { kind = "wasAttributedTo"; rel.put("prov:entity", from); rel.put("prov:agent", to); }
        case "WAS_INFORMED_BY" -> { kind = "wasInformedBy"; rel.put("prov:informed", from); rel.put("prov:informant", to); }
        case "ANALYSED" -> { kind = "used"; rel.put("prov:activity", from); rel.put("prov:entity", to); rel.put("prov:role", "alloyflow:sample"); }
        case "PART_OF" -> { kind = "wasInformedBy"; rel.put("prov:informed", to); rel.put("prov:informant", from); rel.put("prov:type", "alloyflow:partOf"); }
        case "OF_SAMPLE" -> { kind = "specializationOf"; rel.put("prov:specificEntity", from); rel.put("prov:generalEntity", to); }
        default -> { continue; }
      }
      if (e.get("role") != null) {
        rel.put("prov:role", "alloyflow:" + e.get("role"));
      }
      relations.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put("_:r" + (++n), rel);
    }
    doc.putAll(relations);
    return doc;
  }

  /** PROV qualified name of a graph key. */
  public static String id(String key) {
    if (key.startsWith("sha256:")) {
      return key;
    }
    return "alloyflow:" + key.replaceAll("[^A-Za-z0-9_.@/-]", "_");
  }
}
