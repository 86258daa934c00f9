package io.alloyflow.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * The impact query as it was before the one-round-trip form (three statements: the reached keys
 * to the client, then predictions and analyses looked up again by key), kept for the benchmark's
 * side-by-side comparison on the same graph.
 */
final class PreviousImpactQuery {
  private PreviousImpactQuery() {}

  static Map<String, Object> impact(Driver driver, String key, int depth, int limit) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> {
        List<Record> rows = tx.run(ProvenanceQueries.RESOLVE
            + "MATCH (n)<-[:" + ProvenanceQueries.UPSTREAM + "*1.." + depth + "]-(x) WITH DISTINCT x "
            + "RETURN x.key AS key, labels(x) AS labels, "
            + "CASE WHEN x:Analysis THEN x.key ELSE null END AS analysis",
            Map.of("key", key)).list();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        Map<String, Long> counts = new TreeMap<>();
        Set<String> analyses = new LinkedHashSet<>();
        List<String> predictions = new ArrayList<>();
        for (Record r : rows) {
          List<String> labels = r.get("labels").asList(Value::asString);
          counts.merge(ProvenanceQueries.kind(labels), 1L, Long::sum);
          if (labels.contains("Prediction")) {
            predictions.add(r.get("key").asString());
          }
        }
        List<Record> prows = tx.run(
            "UNWIND $keys AS k MATCH (p:Entity {key: k})-[:WAS_GENERATED_BY]->(a:Activity)-[:PART_OF]->(an:Analysis) "
                + "OPTIONAL MATCH (an)-[:ANALYSED]->(s:Sample) "
                + "RETURN p.key AS key, an.key AS analysis, s.id AS sample, "
                + "a.algorithm + '@' + a.algorithmVersion AS model, properties(a) AS props, an.status AS status "
                + "ORDER BY an.startedAtEpochMs DESC LIMIT $limit",
            Map.of("keys", predictions, "limit", (long) limit)).list();
        List<Map<String, Object>> preds = new ArrayList<>();
        for (Record r : prows) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("key", r.get("key").asString());
          p.put("analysis", r.get("analysis").asString());
          p.put("sample", r.get("sample").isNull() ? null : r.get("sample").asString());
          p.put("model", r.get("model").asString(""));
          p.put("values", ProvenanceQueries.summaries(r.get("props").asMap(), "s_"));
          preds.add(p);
        }
        List<Record> arows = tx.run(
            "UNWIND $keys AS k MATCH (a:Activity {key: k})-[:PART_OF]->(an:Analysis) "
                + "RETURN DISTINCT an.key AS analysis LIMIT $limit",
            Map.of("keys", rows.stream().map(r -> r.get("key").asString("")).toList(),
                "limit", (long) limit)).list();
        arows.forEach(r -> analyses.add(r.get("analysis").asString()));
        out.put("counts", counts);
        out.put("total", (long) rows.size());
        out.put("analyses", new ArrayList<>(analyses));
        out.put("predictions", preds);
        return out;
      });
    }
  }
}
