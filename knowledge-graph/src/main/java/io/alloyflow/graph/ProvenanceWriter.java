package io.alloyflow.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.ArtifactUse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Idempotent provenance writes. Every node is merged on a stable key — artifacts on their content
 * hash ({@code sha256:...}), activities on workflow id + step, agents on algorithm name + version,
 * samples on their id, analyses on the workflow id — and every relationship is merged too, so a
 * retried activity, a per-step re-write or a re-run never duplicates anything; attempts, run ids
 * and status are properties that the newest write overwrites. Many analyses can be written in one
 * transaction ({@link #write(List)}): the same parameterised UNWIND statements, one round trip per
 * statement per batch (the batched-import pattern of Needham &amp; Hodler, "Graph Algorithms",
 * O'Reilly 2019, ch. 3).
 *
 * <p>Where the server has the procedure {@value #PROCEDURE} (the embedded Neo4j registers it;
 * module {@code neo4j-embedded}, class {@code ProvenanceProcedure}), a batch is one call of it over
 * Bolt with these same rows: it finds or creates every node by key and creates every absent
 * relationship through the core API, leaving the graph the Cypher statements below leave (tested)
 * at less server CPU and one round trip. Otherwise plain Cypher:
 *
 * <p>Analyses that are new to the graph (none of their steps exists, checked inside the same
 * transaction) take a create path: CREATE for their activities, for artifacts found absent and for
 * every relationship that touches a node absent before the transaction, MERGE for what exists
 * (shared models, rule sets, samples, agents). It leaves exactly the graph merging would (tested),
 * costs about 10 % less server CPU per node, and stays safe against a concurrent writer: a
 * uniqueness-constraint violation at commit rolls the batch back and writes it again through the
 * merge path. Instrument settings an ingest step read from its file ({@code instrument.*}
 * parameters) are stored on the file and decoded-data nodes as {@code instrument_*} properties.
 *
 * <p>Stored properties are what a write costs (the storage engine's work per property record,
 * dynamic string record and relationship), so nothing is stored twice (schema version 3): each
 * distinct software environment is one {@code :Agent:Software:Environment} node keyed by the hash
 * of its JSON and linked from the activities that ran in it ({@link #environment}); the literature
 * reference lives on the algorithm's agent only; an artifact's hash is its key only. PROV's
 * wasDerivedFrom (each output of a step from each of its inputs) and wasInformedBy (a step from
 * the step that generated what it used) follow from USED and WAS_GENERATED_BY by exactly that
 * rule, so they are not stored but stated where PROV documents are written ({@link
 * ProvJsonExport}); a third of the relationships of an analysis.
 */
public final class ProvenanceWriter {
  static final Pattern LABEL = Pattern.compile("[A-Z][A-Za-z0-9]{0,40}");
  /**
   * Kinds of inputs that many samples share (trained models, detector calibrations, rule sets,
   * standards): they are not data of the sample, so no OF_SAMPLE edge — which would also turn
   * them into hubs linking every sample to every other through lineage queries.
   */
  public static final Set<String> SHARED_KINDS =
      Set.of("Model", "Calibration", "RuleSet", "Standard", "Campaign");
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
      boolean viaProcedure = procedureAvailable(s);
      try {
        s.executeWrite(tx -> {
          if (viaProcedure) {
            writeViaProcedure(tx, analyses);
          } else {
            write(tx, analyses);
          }
          return null;
        });
      } catch (ClientException e) {
        if (!isConstraintFailure(e)) {
          throw e;
        }
        // another writer created one of the keys this batch found absent: the whole batch
        // again, merging everything (the rolled-back transaction left nothing behind)
        s.executeWrite(tx -> {
          if (viaProcedure) {
            writeViaProcedure(tx, analyses);
          } else {
            mergeAll(tx, analyses);
          }
          return null;
        });
      }
    }
  }

  /** The server-side batch writer of module neo4j-embedded ({@code ProvenanceProcedure}). */
  static final String PROCEDURE = "alloyflow.writeProvenance";

  /** Batch format {@value #PROCEDURE} reads. */
  static final long PROCEDURE_FORMAT = 2;

  private volatile Boolean procedure;
  private volatile boolean cypherOnly;

  /**
   * Writes through plain Cypher even where the server has {@value #PROCEDURE} (benchmarks
   * compare both paths; tests check they leave the same graph).
   */
  void cypherOnly(boolean on) {
    cypherOnly = on;
  }

  /** Whether the server has the alloyflow write procedure (asked once per writer). */
  boolean procedureAvailable(Session s) {
    if (cypherOnly) {
      return false;
    }
    Boolean p = procedure;
    if (p == null) {
      try {
        p = s.executeRead(tx -> tx.run("SHOW PROCEDURES YIELD name WHERE name = $n RETURN count(*) AS c",
            Map.of("n", PROCEDURE)).single().get("c").asLong() > 0);
      } catch (ClientException e) {
        p = false; // a server that cannot list procedures (or forbids it): plain Cypher
      }
      procedure = p;
    }
    return p;
  }

  /**
   * One round trip: the batch's rows (the same rows the Cypher statements take) to the server's
   * {@value #PROCEDURE}, which finds or creates every node by key and creates every absent
   * relationship through the core API. Leaves the graph {@link #mergeAll} leaves (tested).
   */
  static void writeViaProcedure(SimpleQueryRunner tx, List<AnalysisProvenance> analyses) {
    Rows rows = new Rows();
    analyses.forEach(rows::add);
    tx.run("CALL " + PROCEDURE + "($batch)", Map.of("batch", rows.batch())).consume();
  }

  /**
   * A uniqueness-constraint violation: reported as such by Cypher, and wrapped as a failed
   * procedure call when it happens inside {@value #PROCEDURE}.
   */
  static boolean isConstraintFailure(ClientException e) {
    return CONSTRAINT_FAILED.equals(e.code())
        || ("Neo.ClientError.Procedure.ProcedureCallFailed".equals(e.code()) && e.getMessage() != null
            && (e.getMessage().contains("IndexEntryConflictException")
                || e.getMessage().contains("already exists with label")));
  }

  static final String CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed";

  /**
   * Writes a batch: analyses that are new to the graph (none of their step activities exists yet,
   * checked in this transaction, and written once in the batch) take the create path, all others
   * the merge path. Both leave the same graph; creating skips the per-row lock, re-check and
   * relationship look-up that MERGE needs, which is what makes bulk loads fast.
   */
  static void write(SimpleQueryRunner tx, List<AnalysisProvenance> analyses) {
    Map<String, Integer> times = new HashMap<>();
    List<String> stepKeys = new ArrayList<>();
    for (AnalysisProvenance p : analyses) {
      times.merge(p.analysisId(), 1, Integer::sum);
      for (ActivityRecord r : p.activities()) {
        stepKeys.add(r.activityKey());
      }
    }
    Set<String> existing = existingKeys(tx, "Activity", stepKeys);
    List<AnalysisProvenance> fresh = new ArrayList<>();
    List<AnalysisProvenance> known = new ArrayList<>();
    for (AnalysisProvenance p : analyses) {
      boolean isNew = times.get(p.analysisId()) == 1 && !p.activities().isEmpty()
          && p.activities().stream().noneMatch(r -> existing.contains(r.activityKey()))
          && p.activities().stream().map(ActivityRecord::activityKey).distinct().count() == p.activities().size();
      (isNew ? fresh : known).add(p);
    }
    if (!known.isEmpty()) {
      mergeAll(tx, known);
    }
    if (!fresh.isEmpty()) {
      createNew(tx, fresh);
    }
  }

  /** The keys among {@code keys} that a node with {@code label} already has. */
  static Set<String> existingKeys(SimpleQueryRunner tx, String label, java.util.Collection<String> keys) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(tx.run("UNWIND $keys AS k MATCH (n:" + label + " {key: k}) RETURN collect(k) AS found",
        Map.of("keys", new ArrayList<>(new LinkedHashSet<>(keys)))).single().get("found").asList(Value::asString));
  }

  /**
   * The create path for analyses whose step activities are all absent: activities and every
   * relationship that starts or ends at a node absent before this transaction are created; nodes
   * that exist (shared artifacts, samples, agents, the analysis node a ledger wrote) are merged.
   */
  private static void createNew(SimpleQueryRunner tx, List<AnalysisProvenance> analyses) {
    Rows rows = new Rows();
    analyses.forEach(rows::add);
    Set<String> entityKeys = new LinkedHashSet<>(rows.entities.keySet());
    for (Map<String, Object> a : rows.analyses) {
      entityKeys.add((String) a.get("sampleKey"));
    }
    Set<String> old = existingKeys(tx, "Entity", entityKeys);
    tx.run(ANALYSES, Map.of("rows", rows.analyses)).consume();
    tx.run(AGENTS, Map.of("rows", new ArrayList<>(rows.agents.values()))).consume();
    tx.run(ENVIRONMENTS, Map.of("rows", new ArrayList<>(rows.environments.values()))).consume();
    Map<String, List<Map<String, Object>>> created = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> merged = new LinkedHashMap<>();
    for (Map<String, Object> e : rows.entities.values()) {
      (old.contains((String) e.get("key")) ? merged : created)
          .computeIfAbsent((String) e.get("label"), k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : created.entrySet()) {
      tx.run("UNWIND $rows AS r CREATE (e:Entity:" + e.getKey() + " {key: r.key, "
              + "mediaType: r.mediaType, sizeBytes: r.sizeBytes}) SET e += r.settings",
          Map.of("rows", e.getValue())).consume();
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : merged.entrySet()) {
      tx.run(mergeEntities(e.getKey()), Map.of("rows", e.getValue())).consume();
    }
    // new activities with their PART_OF, WAS_ASSOCIATED_WITH, USED and WAS_GENERATED_BY edges
    List<Map<String, Object>> acts = new ArrayList<>(rows.activities.size());
    Map<String, List<Map<String, Object>>> usedBy = group(rows.used, "a");
    Map<String, List<Map<String, Object>>> generatedBy = group(rows.generated, "a");
    for (Map<String, Object> a : rows.activities) {
      Map<String, Object> r = new HashMap<>(a);
      r.put("used", usedBy.getOrDefault((String) a.get("key"), List.of()));
      r.put("generated", generatedBy.getOrDefault((String) a.get("key"), List.of()));
      acts.add(r);
    }
    tx.run("UNWIND $rows AS r MATCH (an:Analysis {key: r.analysis}) MATCH (ag:Agent {key: r.agentKey}) "
            + "CREATE (a:Activity {key: r.key}) SET a += r.props "
            + "CREATE (a)-[:PART_OF]->(an) CREATE (a)-[:WAS_ASSOCIATED_WITH]->(ag) "
            + "WITH a, r CALL { WITH a, r OPTIONAL MATCH (v:Agent {key: r.environmentKey}) "
            + "FOREACH (x IN CASE WHEN v IS NULL THEN [] ELSE [v] END | CREATE (a)-[:WAS_ASSOCIATED_WITH]->(x)) } "
            + "CALL { WITH a, r UNWIND r.used AS u MATCH (e:Entity {key: u.e}) "
            + "CREATE (a)-[:USED {role: u.role}]->(e) } "
            + "CALL { WITH a, r UNWIND r.generated AS g MATCH (e:Entity {key: g.e}) "
            + "CREATE (e)-[:WAS_GENERATED_BY {role: g.role}]->(a) }",
        Map.of("rows", acts)).consume();
    List<Map<String, Object>> ofNew = new ArrayList<>();
    List<Map<String, Object>> ofOld = new ArrayList<>();
    for (Map<String, Object> x : rows.sampleInputs) {
      (old.contains((String) x.get("s")) && old.contains((String) x.get("e")) ? ofOld : ofNew).add(x);
    }
    tx.run("UNWIND $rows AS x MATCH (s:Entity {key: x.s}), (e:Entity {key: x.e}) "
        + "CREATE (e)-[:OF_SAMPLE]->(s)", Map.of("rows", ofNew)).consume();
    tx.run(OF_SAMPLE, Map.of("rows", ofOld)).consume();
  }

  private static Map<String, List<Map<String, Object>>> group(
      java.util.Collection<Map<String, Object>> rows, String by) {
    Map<String, List<Map<String, Object>>> m = new HashMap<>();
    for (Map<String, Object> r : rows) {
      m.computeIfAbsent((String) r.get(by), k -> new ArrayList<>()).add(r);
    }
    return m;
  }

  private static final String ANALYSES =
      "UNWIND $rows AS r "
          + "MERGE (s:Entity {key: r.sampleKey}) SET s:Sample, s.id = r.sampleId, s += r.sampleProps "
          + "MERGE (a:Analysis {key: r.key}) SET a:Activity, a.runId = r.runId, "
          + "a.workflowType = r.type, a.startedAtEpochMs = r.start, "
          // an ended analysis (the ledger's rule) is not set back to RUNNING by a late step write
          + "a.status = CASE WHEN r.status = 'RUNNING' AND a.status IN ['COMPLETED', 'FAILED', 'CANCELLED'] "
          + "THEN a.status ELSE r.status END, "
          + "a.failedStep = r.failedStep, a.failureReason = r.failureReason, "
          + "a.summarised = true, a += r.measures "
          + "MERGE (a)-[:ANALYSED]->(s)";
  private static final String AGENTS =
      "UNWIND $rows AS r MERGE (ag:Agent {key: r.agentKey}) SET ag:Software, "
          + "ag.name = r.agentName, ag.version = r.agentVersion, ag.reference = r.reference";
  /** Software environments: one node per distinct environment (keyed by its content hash). */
  private static final String ENVIRONMENTS =
      "UNWIND $rows AS r MERGE (v:Agent {key: r.key}) SET v:Software:Environment, "
          + "v.name = r.name, v.version = r.version, v.environment = r.environment";
  private static final String RAN_IN =
      "UNWIND $rows AS r MATCH (a:Activity {key: r.key}), (v:Agent {key: r.environmentKey}) "
          + "MERGE (a)-[:WAS_ASSOCIATED_WITH]->(v)";
  private static final String OF_SAMPLE =
      "UNWIND $rows AS x MATCH (s:Entity {key: x.s}), (e:Entity {key: x.e}) "
          + "MERGE (e)-[:OF_SAMPLE]->(s)";

  private static String mergeEntities(String label) {
    return "UNWIND $rows AS r MERGE (e:Entity {key: r.key}) SET e:" + label
        + ", e.mediaType = r.mediaType, e.sizeBytes = r.sizeBytes, e += r.settings";
  }

  /** The merge path: every node and relationship merged on its key (retries, re-runs, per-step writes). */
  static void mergeAll(SimpleQueryRunner tx, List<AnalysisProvenance> analyses) {
    Rows rows = new Rows();
    for (AnalysisProvenance p : analyses) {
      rows.add(p);
    }
    tx.run(ANALYSES, Map.of("rows", rows.analyses)).consume();
    // agents are shared by many activities: merged once per batch, then only linked
    tx.run(AGENTS, Map.of("rows", new ArrayList<>(rows.agents.values()))).consume();
    tx.run(ENVIRONMENTS, Map.of("rows", new ArrayList<>(rows.environments.values()))).consume();
    tx.run(
            "UNWIND $rows AS r MATCH (an:Analysis {key: r.analysis}) "
                + "MERGE (a:Activity {key: r.key}) SET a += r.props "
                + "MERGE (a)-[:PART_OF]->(an) "
                + "WITH a, r MATCH (ag:Agent {key: r.agentKey}) "
                + "MERGE (a)-[:WAS_ASSOCIATED_WITH]->(ag)",
            Map.of("rows", rows.activities))
        .consume();
    tx.run(RAN_IN, Map.of("rows", rows.activities)).consume();
    // entities grouped by domain label: labels cannot be parameters in Cypher
    Map<String, List<Map<String, Object>>> byLabel = new LinkedHashMap<>();
    for (Map<String, Object> e : rows.entities.values()) {
      byLabel.computeIfAbsent((String) e.get("label"), k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : byLabel.entrySet()) {
      tx.run(mergeEntities(e.getKey()), Map.of("rows", e.getValue())).consume();
    }
    tx.run(
            "UNWIND $rows AS u MATCH (a:Activity {key: u.a}), (e:Entity {key: u.e}) "
                + "MERGE (a)-[:USED {role: u.role}]->(e)",
            Map.of("rows", new ArrayList<>(rows.used)))
        .consume();
    tx.run(
            "UNWIND $rows AS g MATCH (a:Activity {key: g.a}), (e:Entity {key: g.e}) "
                + "MERGE (e)-[:WAS_GENERATED_BY {role: g.role}]->(a)",
            Map.of("rows", new ArrayList<>(rows.generated)))
        .consume();
    tx.run(OF_SAMPLE, Map.of("rows", new ArrayList<>(rows.sampleInputs))).consume();
  }

  /** The statement rows of a batch of analyses. */
  static final class Rows {
    final List<Map<String, Object>> analyses = new ArrayList<>();
    final List<Map<String, Object>> activities = new ArrayList<>();
    final Map<String, Map<String, Object>> agents = new LinkedHashMap<>();
    /** Distinct software environments by key ({@link #environment}). */
    final Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
    // sets: a relationship listed twice in a batch is one relationship (the create path relies on it)
    final Set<Map<String, Object>> used = new LinkedHashSet<>();
    final Set<Map<String, Object>> generated = new LinkedHashSet<>();
    final Set<Map<String, Object>> sampleInputs = new LinkedHashSet<>();

    /** The rows as the parameter of {@value ProvenanceWriter#PROCEDURE}. */
    Map<String, Object> batch() {
      Map<String, Object> b = new HashMap<>();
      b.put("format", PROCEDURE_FORMAT);
      b.put("analyses", analyses);
      b.put("agents", new ArrayList<>(agents.values()));
      b.put("environments", new ArrayList<>(environments.values()));
      b.put("activities", activities);
      b.put("entities", new ArrayList<>(entities.values()));
      b.put("used", new ArrayList<>(used));
      b.put("generated", new ArrayList<>(generated));
      b.put("sampleInputs", new ArrayList<>(sampleInputs));
      return b;
    }

    void add(AnalysisProvenance p) {
      String sampleKey = "sample:" + p.sampleId();
      Map<String, Object> measures = new HashMap<>();
      for (ActivityRecord r : p.activities()) {
        r.summary().forEach((k, v) -> {
          if (Double.isFinite(v)) {
            measures.put("m_" + sanitize(k), v);
          }
        });
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
      a.put("measures", measures);
      analyses.add(a);

      Set<String> generatedHere = new HashSet<>();
      for (ActivityRecord r : p.activities()) {
        for (ArtifactUse g : r.generated()) {
          generatedHere.add(g.ref().uri());
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
        Map<String, Object> env = environment(r.environment());
        act.put("environmentKey", env == null ? null : env.get("key"));
        if (env != null) {
          environments.putIfAbsent((String) env.get("key"), env);
        }
        activities.add(act);
        agents.putIfAbsent(agentKey, Map.of("agentKey", agentKey, "agentName", r.algorithm().name(),
            "agentVersion", r.algorithm().version(), "reference", r.algorithm().reference()));
        Map<String, Object> settings = instrumentSettings(r);
        for (ArtifactUse u : r.used()) {
          entities.putIfAbsent(u.ref().uri(), entity(u));
          addSettings(entities.get(u.ref().uri()), settings);
          used.add(Map.of("a", key, "e", u.ref().uri(), "role", u.role()));
          if (!generatedHere.contains(u.ref().uri()) && !SHARED_KINDS.contains(u.kind())) {
            sampleInputs.add(Map.of("s", sampleKey, "e", u.ref().uri()));
          }
        }
        for (ArtifactUse g : r.generated()) {
          entities.putIfAbsent(g.ref().uri(), entity(g));
          addSettings(entities.get(g.ref().uri()), settings);
          generated.add(Map.of("a", key, "e", g.ref().uri(), "role", g.role()));
          if (r.used().isEmpty()) {
            // an output with no inputs (e.g. a validated upload) still belongs to the sample
            sampleInputs.add(Map.of("s", sampleKey, "e", g.ref().uri()));
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
    props.put("parameters", toJson(r.algorithm().parameters()));
    props.put("seed", r.seed());
    props.put("startedAtEpochMs", r.startedAtEpochMs());
    props.put("durationMs", r.durationMs());
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
    m.put("mediaType", u.ref().mediaType());
    m.put("sizeBytes", u.ref().sizeBytes());
    m.put("settings", new LinkedHashMap<String, Object>());
    return m;
  }

  /** Key prefix of software-environment nodes; the rest is the SHA-256 of their canonical JSON. */
  public static final String ENVIRONMENT_PREFIX = "environment:";

  /**
   * The software environment an activity ran in (java, os, alloyflow versions) as the row of its
   * node: stored once per distinct environment and linked from each activity (PROV-O: the
   * activity {@code wasAssociatedWith} the runtime, a {@code prov:SoftwareAgent} with its version),
   * instead of repeating the same JSON on every activity. Keyed by the SHA-256 of the canonical
   * JSON (keys sorted), so the same environment always has the same key. Null for an activity
   * that recorded none.
   */
  static Map<String, Object> environment(Map<String, String> environment) {
    if (environment == null || environment.isEmpty()) {
      return null;
    }
    String json = toJson(new java.util.TreeMap<>(environment));
    Map<String, Object> m = new HashMap<>();
    m.put("key", environmentKey(json));
    m.put("name", "alloyflow");
    m.put("version", environment.getOrDefault("alloyflow.version", ""));
    m.put("environment", json);
    return m;
  }

  /** The node key of an environment given as canonical JSON (keys sorted). */
  static String environmentKey(String canonicalJson) {
    try {
      return ENVIRONMENT_PREFIX + java.util.HexFormat.of().formatHex(java.security.MessageDigest
          .getInstance("SHA-256").digest(canonicalJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parameter prefix by which an ingest step states the instrument settings its file carried. */
  public static final String INSTRUMENT_PREFIX = "instrument.";

  /** Property prefix of instrument settings on the Micrograph, SpectrumImage and file nodes. */
  public static final String SETTING_PROPERTY_PREFIX = "instrument_";

  /**
   * The instrument settings an activity read from its input file (its {@code instrument.*}
   * parameters: beam energy, working distance, dwell time, detector...), as node properties
   * {@code instrument_*}; numbers stay numbers.
   */
  static Map<String, Object> instrumentSettings(ActivityRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    r.algorithm().parameters().forEach((k, v) -> {
      if (k.startsWith(INSTRUMENT_PREFIX) && v != null && !v.isBlank()) {
        Object value = v;
        try {
          double d = Double.parseDouble(v);
          if (Double.isFinite(d)) {
            value = d;
          }
        } catch (NumberFormatException e) {
          // a name (detector, instrument): kept as text
        }
        m.put(SETTING_PROPERTY_PREFIX + sanitize(k.substring(INSTRUMENT_PREFIX.length())), value);
      }
    });
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void addSettings(Map<String, Object> entity, Map<String, Object> settings) {
    if (!settings.isEmpty()) {
      ((Map<String, Object>) entity.get("settings")).putAll(settings);
    }
  }

  static String sanitize(String k) {
    return k.replaceAll("[^A-Za-z0-9_]", "_");
  }

  static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
