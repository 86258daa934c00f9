package io.alloyflow.workflows.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.graph.Measurement;
import io.alloyflow.graph.ProvenanceGraph;
import io.alloyflow.workflows.campaign.opt.GpEnsemble;
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
    p.put("props", Map.of("id", spec.campaignId(), "objective", spec.objective(), "unit", spec.unit(),
        "direction", spec.direction(), "acquisition", spec.acquisition(),
        "parameters", json(spec.parameters()), "requireApproval", spec.requireApproval(),
        "status", status));
    write("MERGE (c:Entity {key: $key}) SET c:Campaign, c += $props", p);
  }

  @Override
  public void trials(String campaignId, List<Trial> trials) {
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
