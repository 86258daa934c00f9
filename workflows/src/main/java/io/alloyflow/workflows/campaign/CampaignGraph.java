package io.alloyflow.workflows.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.graph.Measurement;
import io.alloyflow.graph.ProvenanceGraph;
import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import io.alloyflow.workflows.campaign.opt.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Session;

/**
 * A campaign in the knowledge graph, in the ledger's style: every node is MERGEd on a stable key,
 * so a retried write never duplicates anything.
 *
 * <pre>
 * (:Entity:Campaign {key: "campaign:&lt;id&gt;"})
 * (:Activity:Trial {key: "trial:&lt;trialId&gt;"})-[:IN_CAMPAIGN]-&gt;(campaign)
 * (:Entity:Candidate {key: "candidate:&lt;trialId&gt;"})-[:PROPOSED_BY]-&gt;(trial)
 * (candidate)-[:REALISED_AS]-&gt;(:Entity:Sample {key: "sample:&lt;trialId&gt;"})
 * (:Entity:Measurement {id: "&lt;trialId&gt;/&lt;property&gt;"})-[:OF_SAMPLE]-&gt;(sample)   (the writer's own)
 * </pre>
 */
public final class CampaignGraph implements CampaignRecorder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProvenanceGraph graph;

  public CampaignGraph(ProvenanceGraph graph) {
    this.graph = graph;
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable: " + e.getMessage(), e);
    }
  }

  private void write(String cypher, Map<String, Object> params) {
    try (Session s = graph.driver().session()) {
      s.executeWrite(tx -> {
        tx.run(cypher, params).consume();
        return null;
      });
    }
  }

  @Override
  public void campaign(CampaignSpec spec, String status) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("key", "campaign:" + spec.campaignId());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("id", spec.campaignId());
    props.put("objective", spec.objective());
    props.put("unit", spec.unit());
    props.put("direction", spec.direction());
    props.put("acquisition", spec.acquisition());
    props.put("parameters", json(spec.parameters()));
    props.put("requireApproval", spec.requireApproval());
    props.put("status", status);
    props.put("retrainEvery", spec.retrainEvery());
    props.put("maxHistoryEvents", spec.maxHistoryEvents());
    props.put("seed", spec.seed());
    p.put("props", props);
    write("MERGE (c:Entity {key: $key}) SET c:Campaign, c += $props", p);
  }

  @Override
  public void trials(String campaignId, List<Trial> trials) {
    trials(campaignId, trials, null);
  }

  @Override
  public void asked(String campaignId, String key, List<Trial> trials) {
    trials(campaignId, trials, key == null ? "" : key);
  }

  /** MERGE trials; with a non-null ask key, also the key that asked for them ("" = none). */
  private void trials(String campaignId, List<Trial> trials, String askKey) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Trial t : trials) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("trial", "trial:" + t.trialId());
      r.put("candidate", "candidate:" + t.trialId());
      r.put("sample", "sample:" + t.trialId());
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("id", t.trialId());
      props.put("number", t.number());
      props.put("batch", t.batch());
      props.put("status", t.status());
      finite(props, "predictedMean", t.predictedMean());
      finite(props, "predictedStd", t.predictedStd());
      finite(props, "acquisition", t.acquisition());
      if (askKey != null) {
        props.put("askKey", askKey);
      }
      r.put("props", props);
      Map<String, Object> params = new LinkedHashMap<>();
      t.parameters().forEach((k, v) -> params.put("p_" + k, v));
      params.put("id", t.trialId());
      r.put("params", params);
      rows.add(r);
    }
    write("MATCH (c:Campaign {key: $campaign}) UNWIND $rows AS r "
        + "MERGE (t:Activity {key: r.trial}) SET t:Trial, t += r.props "
        + "MERGE (t)-[:IN_CAMPAIGN]->(c) "
        + "MERGE (d:Entity {key: r.candidate}) SET d:Candidate, d += r.params "
        + "MERGE (d)-[:PROPOSED_BY]->(t) "
        + "MERGE (s:Entity {key: r.sample}) SET s:Sample, s.id = r.params.id "
        + "MERGE (d)-[:REALISED_AS]->(s)",
        Map.of("campaign", "campaign:" + campaignId, "rows", rows));
  }

  private static void finite(Map<String, Object> m, String k, double v) {
    if (Double.isFinite(v)) {
      m.put(k, v);
    }
  }

  @Override
  public void told(CampaignSpec spec, Trial trial, String enteredBy) {
    trials(spec.campaignId(), List.of(trial));
    long now = System.currentTimeMillis();
    for (Map.Entry<String, Double> e : trial.measurements().entrySet()) {
      String unit = e.getKey().equals(spec.objective()) ? spec.unit() : "";
      graph.recordMeasurement(new Measurement(trial.trialId() + "/" + e.getKey(), trial.trialId(),
          e.getKey(), unit, e.getValue(), 0, "campaign tell", enteredBy, now, ""));
    }
  }

  @Override
  public void model(String campaignId, GpEnsemble.Model model) {
    write("MATCH (c:Campaign {key: $key}) SET c.surrogateTrainedOn = $n, c.surrogate = $members",
        Map.of("key", "campaign:" + campaignId, "n", model.trainedOn(), "members", json(model.members())));
  }

  /** The status the graph records for a campaign (RUNNING, CLOSED), empty when it has none. */
  public java.util.Optional<String> status(String campaignId) {
    try (Session s = graph.driver().session()) {
      return s.executeRead(tx -> tx.run("MATCH (c:Campaign {key: $key}) RETURN c.status AS s",
          Map.of("key", "campaign:" + campaignId)).list(r -> r.get("s").asString(""))).stream().findFirst();
    }
  }

  /** A campaign as its records in the graph hold it: definition, status and rebuilt state. */
  public record Stored(CampaignSpec spec, String status, CampaignState state) {}

  /** Ids of the campaigns whose records say they are running (not closed), in id order. */
  public List<String> openCampaigns() {
    try (Session s = graph.driver().session()) {
      return s.executeRead(tx -> tx.run("MATCH (c:Campaign) WHERE c.status = 'RUNNING' RETURN c.id AS id ORDER BY id")
          .list(r -> r.get("id").asString()));
    }
  }

  /**
   * Rebuilds a campaign from its records: the definition from the campaign node, every trial from
   * its trial and candidate nodes (parameters, batch, status, ask key), the measurements of told
   * trials from their measurement nodes, and the surrogate last recorded on the campaign node. A
   * trial recorded as completed whose objective measurement is missing (the process stopped
   * between the two writes of a tell) is pending again, so its tell can be repeated.
   *
   * @return empty when the graph holds no campaign with that id
   * @throws IllegalStateException when the records cannot make a consistent campaign (what is wrong
   *     is in the message)
   */
  public java.util.Optional<Stored> load(String campaignId) {
    try (Session s = graph.driver().session()) {
      return s.executeRead(tx -> {
        var c = tx.run("MATCH (c:Campaign {key: $key}) RETURN properties(c) AS c",
            Map.of("key", "campaign:" + campaignId)).list();
        if (c.isEmpty()) {
          return java.util.Optional.<Stored>empty();
        }
        Map<String, Object> cp = c.get(0).get("c").asMap();
        var rows = tx.run("MATCH (c:Campaign {key: $key})<-[:IN_CAMPAIGN]-(t:Trial) "
            + "OPTIONAL MATCH (d:Candidate)-[:PROPOSED_BY]->(t) "
            + "OPTIONAL MATCH (m:Measurement)-[:OF_SAMPLE]->(:Sample)<-[:REALISED_AS]-(d) "
            + "RETURN properties(t) AS t, properties(d) AS d, "
            + "collect({id: m.id, property: m.property, value: m.value}) AS ms ORDER BY t.number",
            Map.of("key", "campaign:" + campaignId)).list();
        List<Map<String, Object>> trials = new ArrayList<>();
        for (var r : rows) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("t", r.get("t").asMap());
          row.put("d", r.get("d").isNull() ? Map.of() : r.get("d").asMap());
          row.put("ms", r.get("ms").asList(v -> v.asMap()));
          trials.add(row);
        }
        return java.util.Optional.of(rebuild(campaignId, cp, trials));
      });
    }
  }

  @SuppressWarnings("unchecked")
  static Stored rebuild(String campaignId, Map<String, Object> c, List<Map<String, Object>> rows) {
    String where = "campaign '" + campaignId + "' in the knowledge graph";
    List<Parameter> params = new ArrayList<>();
    try {
      for (Object o : JSON.readValue(String.valueOf(c.get("parameters")), List.class)) {
        Map<String, Object> p = (Map<String, Object>) o;
        params.add(new Parameter((String) p.get("name"), ((Number) p.get("lo")).doubleValue(),
            ((Number) p.get("hi")).doubleValue()));
      }
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException(where + ": its parameters cannot be read back (" + e.getMessage() + ")", e);
    }
    CampaignSpec spec = new CampaignSpec(campaignId, (String) c.get("objective"), (String) c.get("unit"),
        (String) c.get("direction"), params, (String) c.get("acquisition"), intOr(c, "retrainEvery", 0),
        Boolean.TRUE.equals(c.get("requireApproval")), intOr(c, "maxHistoryEvents", 0),
        c.get("seed") instanceof Number n ? n.longValue() : 1);
    List<Trial> trials = new ArrayList<>();
    Map<String, List<String>> askKeys = new LinkedHashMap<>();
    int asks = 0;
    for (Map<String, Object> row : rows) {
      Map<String, Object> t = (Map<String, Object>) row.get("t");
      Map<String, Object> d = (Map<String, Object>) row.get("d");
      String id = (String) t.get("id");
      int number = intOr(t, "number", -1);
      if (number != trials.size() + 1) {
        throw new IllegalStateException(where + ": trial numbers must run 1, 2, 3, ... without gaps; expected "
            + (trials.size() + 1) + ", found " + number + " (" + id + ")");
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Parameter p : params) {
        Object v = d.get("p_" + p.name());
        if (!(v instanceof Number n)) {
          throw new IllegalStateException(where + ": the candidate of trial " + id + " lacks parameter '"
              + p.name() + "'");
        }
        values.put(p.name(), n.doubleValue());
      }
      Map<String, Double> measured = new LinkedHashMap<>();
      for (Map<String, Object> m : (List<Map<String, Object>>) row.get("ms")) {
        if (m.get("id") instanceof String mid && mid.equals(id + "/" + m.get("property"))
            && m.get("value") instanceof Number v) {
          measured.put((String) m.get("property"), v.doubleValue());
        }
      }
      String status = String.valueOf(t.get("status"));
      if (!status.equals(Trial.AWAITING_APPROVAL) && !status.equals(Trial.PENDING)
          && !status.equals(Trial.COMPLETED)) {
        throw new IllegalStateException(where + ": trial " + id + " has an unknown status '" + status + "'");
      }
      if (status.equals(Trial.COMPLETED) && !measured.containsKey(spec.objective())) {
        status = Trial.PENDING;
      }
      int batch = intOr(t, "batch", 0);
      asks = Math.max(asks, batch);
      trials.add(new Trial(id, number, batch, values, doubleOr(t, "predictedMean"), doubleOr(t, "predictedStd"),
          doubleOr(t, "acquisition"), status, status.equals(Trial.COMPLETED) ? measured : Map.of()));
      if (t.get("askKey") instanceof String key && !key.isEmpty()) {
        askKeys.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
      }
    }
    GpEnsemble.Model model = GpEnsemble.Model.prior();
    if (c.get("surrogate") instanceof String members) {
      try {
        List<GpEnsemble.Member> ms = new ArrayList<>();
        for (Object o : JSON.readValue(members, List.class)) {
          Map<String, Object> m = (Map<String, Object>) o;
          ms.add(new GpEnsemble.Member(((Number) m.get("lengthScale")).doubleValue(),
              ((Number) m.get("noise")).doubleValue(), ((Number) m.get("weight")).doubleValue()));
        }
        model = new GpEnsemble.Model(ms, intOr(c, "surrogateTrainedOn", 0));
      } catch (JsonProcessingException | RuntimeException e) {
        // the surrogate is derived data: the prior with trainedOn 0 makes the next tell retrain
        model = GpEnsemble.Model.prior();
      }
    }
    CampaignState state = new CampaignState(trials, askKeys, asks, model, 1, false);
    return new Stored(spec, String.valueOf(c.get("status")), state);
  }

  private static int intOr(Map<String, Object> m, String k, int dflt) {
    return m.get(k) instanceof Number n ? n.intValue() : dflt;
  }

  private static double doubleOr(Map<String, Object> m, String k) {
    return m.get(k) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Counts of a campaign's nodes: trials, candidates, measurements (for tests and status). */
  public Map<String, Long> counts(String campaignId) {
    try (Session s = graph.driver().session()) {
      return s.executeRead(tx -> {
        var r = tx.run("MATCH (c:Campaign {key: $key}) "
            + "OPTIONAL MATCH (t:Trial)-[:IN_CAMPAIGN]->(c) "
            + "OPTIONAL MATCH (d:Candidate)-[:PROPOSED_BY]->(t) "
            + "OPTIONAL MATCH (m:Measurement)-[:OF_SAMPLE]->(:Sample)<-[:REALISED_AS]-(d) "
            + "RETURN count(DISTINCT t) AS trials, count(DISTINCT d) AS candidates, count(DISTINCT m) AS measurements",
            Map.of("key", "campaign:" + campaignId)).single();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("trials", r.get("trials").asLong());
        m.put("candidates", r.get("candidates").asLong());
        m.put("measurements", r.get("measurements").asLong());
        return m;
      });
    }
  }
}
