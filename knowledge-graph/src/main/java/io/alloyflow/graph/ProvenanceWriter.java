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
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Idempotent provenance writes. Every node is merged on a stable key — artifacts on their content
 * hash ({@code sha256:...}), activities on workflow id + step, agents on algorithm name + version,
 * samples on their id, analyses on the workflow id — and every relationship is merged too, so a
 * retried activity, a per-step re-write or a re-run never duplicates anything; attempts, run ids
 * and status are properties that the newest write overwrites. Many analyses can be written in one
 * transaction ({@link #write(List)}): the same parameterised UNWIND statements, one round trip per
 * statement per batch (the batched-import pattern of Needham &amp; Hodler, "Graph Algorithms",
 * O'Reilly 2019, ch. 3).
 */
public final class ProvenanceWriter {
  static final Pattern LABEL = Pattern.compile("[A-Z][A-Za-z0-9]{0,40}");
  /**
   * Kinds of inputs that many samples share (trained models, detector calibrations, rule sets,
   * standards): they are not data of the sample, so no OF_SAMPLE edge — which would also turn
   * them into hubs linking every sample to every other through lineage queries.
   */
  public static final java.util.Set<String> SHARED_KINDS =
      java.util.Set.of("Model", "Calibration", "RuleSet", "Standard", "Campaign");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Driver driver;

  ProvenanceWriter(Driver driver) {
    this.driver = driver;
  }

  /** Writes (or re-writes) analyses in one transaction: all of them become visible or none. */
  public void write(List<AnalysisProvenance> analyses) {
    if (analyses.isEmpty()) {
      return;
    }
    try (Session s = driver.session()) {
      s.executeWrite(tx -> {
        write(tx, analyses);
        return null;
      });
    }
  }

  static void write(SimpleQueryRunner tx, List<AnalysisProvenance> analyses) {
    Rows rows = new Rows();
    for (AnalysisProvenance p : analyses) {
      rows.add(p);
    }
    tx.run(
            "UNWIND $rows AS r "
                + "MERGE (s:Entity {key: r.sampleKey}) SET s:Sample, s.id = r.sampleId, s += r.sampleProps "
                + "MERGE (a:Analysis {key: r.key}) SET a:Activity, a.runId = r.runId, "
                + "a.workflowType = r.type, a.startedAtEpochMs = r.start, "
                // an ended analysis (the ledger's rule) is not set back to RUNNING by a late step write
                + "a.status = CASE WHEN r.status = 'RUNNING' AND a.status IN ['COMPLETED', 'FAILED', 'CANCELLED'] "
                + "THEN a.status ELSE r.status END, "
                + "a.failedStep = r.failedStep, a.failureReason = r.failureReason, "
                + "a.stepsRecorded = r.steps, a.summarised = true, a += r.measures "
                + "MERGE (a)-[:ANALYSED]->(s)",
            Map.of("rows", rows.analyses))
        .consume();
    // agents are shared by many activities: merged once per batch, then only linked
    tx.run(
            "UNWIND $rows AS r MERGE (ag:Agent {key: r.agentKey}) SET ag:Software, "
                + "ag.name = r.agentName, ag.version = r.agentVersion, ag.reference = r.reference",
            Map.of("rows", new ArrayList<>(rows.agents.values())))
        .consume();
    tx.run(
            "UNWIND $rows AS r MATCH (an:Analysis {key: r.analysis}) "
                + "MERGE (a:Activity {key: r.key}) SET a += r.props "
                + "MERGE (a)-[:PART_OF]->(an) "
                + "WITH a, r MATCH (ag:Agent {key: r.agentKey}) "
                + "MERGE (a)-[:WAS_ASSOCIATED_WITH]->(ag)",
            Map.of("rows", rows.activities))
        .consume();
    // entities grouped by domain label: labels cannot be parameters in Cypher
    Map<String, List<Map<String, Object>>> byLabel = new LinkedHashMap<>();
    for (Map<String, Object> e : rows.entities.values()) {
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
            "UNWIND $rows AS u MATCH (a:Activity {key: u.a}), (e:Entity {key: u.e}) "
                + "MERGE (a)-[:USED {role: u.role}]->(e)",
            Map.of("rows", rows.used))
        .consume();
    tx.run(
            "UNWIND $rows AS g MATCH (a:Activity {key: g.a}), (e:Entity {key: g.e}) "
                + "MERGE (e)-[:WAS_GENERATED_BY {role: g.role}]->(a)",
            Map.of("rows", rows.generated))
        .consume();
    tx.run(
            "UNWIND $rows AS d MATCH (o:Entity {key: d.o}), (i:Entity {key: d.i}) "
                + "MERGE (o)-[:WAS_DERIVED_FROM]->(i)",
            Map.of("rows", rows.derived))
        .consume();
    tx.run(
            "UNWIND $rows AS w MATCH (a:Activity {key: w.a}), (b:Activity {key: w.b}) "
                + "MERGE (a)-[:WAS_INFORMED_BY]->(b)",
            Map.of("rows", rows.informed))
        .consume();
    tx.run(
            "UNWIND $rows AS x MATCH (s:Entity {key: x.s}), (e:Entity {key: x.e}) "
                + "MERGE (e)-[:OF_SAMPLE]->(s)",
            Map.of("rows", rows.sampleInputs))
        .consume();
  }

  /** The statement rows of a batch of analyses. */
  private static final class Rows {
    final List<Map<String, Object>> analyses = new ArrayList<>();
    final List<Map<String, Object>> activities = new ArrayList<>();
    final Map<String, Map<String, Object>> agents = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
    final List<Map<String, Object>> used = new ArrayList<>();
    final List<Map<String, Object>> generated = new ArrayList<>();
    final List<Map<String, Object>> derived = new ArrayList<>();
    final List<Map<String, Object>> informed = new ArrayList<>();
    final List<Map<String, Object>> sampleInputs = new ArrayList<>();

    void add(AnalysisProvenance p) {
      String sampleKey = "sample:" + p.sampleId();
      Map<String, Object> measures = new HashMap<>();
      List<String> steps = new ArrayList<>();
      for (ActivityRecord r : p.activities()) {
        r.summary().forEach((k, v) -> {
          if (Double.isFinite(v)) {
            measures.put("m_" + sanitize(k), v);
          }
        });
        steps.add(r.step());
      }
      Map<String, Object> a = new HashMap<>();
      a.put("sampleKey", sampleKey);
      a.put("sampleId", p.sampleId());
      a.put("sampleProps", new HashMap<>(p.sampleProperties()));
      a.put("key", p.analysisId());
      a.put("runId", p.runId());
      a.put("type", p.workflowType());
      a.put("start", p.startedAtEpochMs());
      a.put("status", p.status());
      a.put("failedStep", p.failedStep());
      a.put("failureReason", p.failureReason());
      a.put("steps", steps);
      a.put("measures", measures);
      analyses.add(a);

      Map<String, String> generatedBy = new HashMap<>();
      for (ActivityRecord r : p.activities()) {
        for (ArtifactUse g : r.generated()) {
          generatedBy.putIfAbsent(g.ref().uri(), r.activityKey());
        }
      }
      for (ActivityRecord r : p.activities()) {
        String key = r.activityKey();
        Map<String, Object> act = new HashMap<>();
        act.put("analysis", p.analysisId());
        act.put("key", key);
        act.put("props", activityProperties(r));
        String agentKey = r.algorithm().name() + "@" + r.algorithm().version();
        act.put("agentKey", agentKey);
        activities.add(act);
        agents.putIfAbsent(agentKey, Map.of("agentKey", agentKey, "agentName", r.algorithm().name(),
            "agentVersion", r.algorithm().version(), "reference", r.algorithm().reference()));
        for (ArtifactUse u : r.used()) {
          entities.putIfAbsent(u.ref().uri(), entity(u));
          used.add(Map.of("a", key, "e", u.ref().uri(), "role", u.role()));
          String producer = generatedBy.get(u.ref().uri());
          if (producer == null) {
            if (!SHARED_KINDS.contains(u.kind())) {
              sampleInputs.add(Map.of("s", sampleKey, "e", u.ref().uri()));
            }
          } else if (!producer.equals(key)) {
            informed.add(Map.of("a", key, "b", producer));
          }
        }
        for (ArtifactUse g : r.generated()) {
          entities.putIfAbsent(g.ref().uri(), entity(g));
          generated.add(Map.of("a", key, "e", g.ref().uri(), "role", g.role()));
          if (r.used().isEmpty()) {
            // an output with no inputs (e.g. a validated upload) still belongs to the sample
            sampleInputs.add(Map.of("s", sampleKey, "e", g.ref().uri()));
          }
          for (ArtifactUse u : r.used()) {
            if (!u.ref().uri().equals(g.ref().uri())) {
              derived.add(Map.of("o", g.ref().uri(), "i", u.ref().uri()));
            }
          }
        }
      }
    }
  }

  /** Writes (or re-writes, idempotently) a measurement and its links. */
  public void write(Measurement m) {
    Map<String, Object> p = new HashMap<>();
    p.put("key", m.key());
    p.put("sample", "sample:" + m.sampleId());
    p.put("sampleId", m.sampleId());
    p.put("props", Map.of(
        "id", m.id(), "property", m.property(), "unit", m.unit(), "value", m.value(),
        "sigma", m.sigma(), "method", m.method(), "enteredBy", m.enteredBy(),
        "measuredAtEpochMs", m.measuredAtEpochMs()));
    p.put("agent", "person:" + m.enteredBy());
    p.put("by", m.enteredBy());
    p.put("analysis", m.analysisId());
    try (Session s = driver.session()) {
      s.executeWrite(tx -> {
        tx.run(
                "MERGE (s:Entity {key: $sample}) SET s:Sample, s.id = $sampleId "
                    + "MERGE (m:Entity {key: $key}) SET m:Measurement, m += $props "
                    + "MERGE (m)-[:OF_SAMPLE]->(s) "
                    + "MERGE (ag:Agent {key: $agent}) SET ag:Person, ag.name = $by "
                    + "MERGE (m)-[:WAS_ATTRIBUTED_TO]->(ag) "
                    + "WITH m WHERE $analysis <> '' "
                    + "MATCH (an:Analysis {key: $analysis}) MERGE (m)-[:CHECKS]->(an)",
                p)
            .consume();
        return null;
      });
    }
  }

  static Map<String, Object> activityProperties(ActivityRecord r) {
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

  static Map<String, Object> entity(ArtifactUse u) {
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

  static String sanitize(String k) {
    return k.replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
