package io.alloyflow.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * The durable record of submitted analyses: the gateway writes an analysis here <em>before</em> it
 * answers 202, the workflow writes its outcome here when it ends, and after any restart the status
 * of every analysis (and the list of those still to run) is read from here. The embedded Temporal
 * service keeps its state in memory, so this ledger, not Temporal, is what survives a crash of the
 * all-in-one process; against a real Temporal server it is a second, queryable copy.
 *
 * <p>Each analysis is the {@code (:Analysis:Activity {key: id})} node of the provenance graph
 * (the same node the provenance writer completes), with the submission ({@code request} JSON and its
 * SHA-256, caller, idempotency key), a {@code status} ({@link Status}) and, once ended, the outcome
 * ({@code reason} or a {@code summary} JSON). It is linked to its {@code (:Sample)} by {@code
 * ANALYSED} at submission, so a failed or cancelled analysis is in the graph with its reason.
 * Every write is a MERGE on the analysis key: repeating one (a retried activity, a client retrying
 * a POST with the same idempotency key) changes nothing. An ended status is never overwritten by an
 * earlier one, so a late duplicate "running" write cannot resurrect a finished analysis.
 */
public final class AnalysisLedger {
  /** Life cycle of a submitted analysis. */
  public enum Status {
    SUBMITTED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean ended() {
      return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
  }

  /**
   * One ledger entry.
   *
   * @param analysisId analysis (= workflow) id
   * @param sampleId sample
   * @param status status
   * @param request the submission as JSON (what is needed to start it again)
   * @param requestSha256 hash of the request JSON (idempotency check)
   * @param principal who submitted it
   * @param submittedAtEpochMs submission time
   * @param reason why it failed or was cancelled ("" otherwise)
   * @param summary the result summary JSON ("" until completed)
   */
  public record Entry(
      String analysisId, String sampleId, Status status, String request, String requestSha256,
      String principal, long submittedAtEpochMs, String reason, String summary) {}

  /** Result of {@link #submit}: the entry as stored and whether this call created it. */
  public record Submitted(Entry entry, boolean created) {}

  private final Driver driver;

  public AnalysisLedger(Driver driver) {
    this.driver = driver;
  }

  /**
   * Records a submission (idempotent on the analysis id).
   *
   * @return the stored entry; {@code created} is false when it existed already (then compare its
   *     request hash to detect an idempotency key reused for another request)
   */
  public Submitted submit(
      String analysisId, String sampleId, String requestJson, String requestSha256, String principal,
      long nowEpochMs) {
    try (Session s = driver.session()) {
      return s.executeWrite(tx -> {
        Record r = tx.run(
            "MERGE (a:Activity:Analysis {key: $id}) "
                + "ON CREATE SET a.status = 'SUBMITTED', a.request = $req, a.requestSha256 = $hash, "
                + "  a.principal = $principal, a.submittedAtEpochMs = $now, a.updatedAtEpochMs = $now, "
                + "  a.sampleId = $sample, a.created = true "
                + "ON MATCH SET a.created = false "
                + "MERGE (s:Entity:Sample {key: 'sample:' + $sample}) ON CREATE SET s.id = $sample "
                + "MERGE (a)-[:ANALYSED]->(s) "
                + "WITH a, a.created AS created REMOVE a.created "
                + "RETURN a, created",
            Map.of("id", analysisId, "req", requestJson, "hash", requestSha256,
                "principal", principal, "now", nowEpochMs, "sample", sampleId)).single();
        return new Submitted(entry(r.get("a")), r.get("created").asBoolean());
      });
    }
  }

  /**
   * Marks an analysis running (no effect once it has ended). An analysis that no gateway
   * submitted (the CLI, the inbox route) gets its entry and its sample link here, in the same
   * transaction.
   */
  public void running(String analysisId, String sampleId, long nowEpochMs) {
    setStatus(analysisId, sampleId, Status.RUNNING, "", "", nowEpochMs);
  }

  /** Records the end of an analysis (first end wins; repeated calls change nothing). */
  public void ended(
      String analysisId, String sampleId, Status status, String reason, String summaryJson, long nowEpochMs) {
    if (!status.ended()) {
      throw new IllegalArgumentException("not an end status: " + status);
    }
    setStatus(analysisId, sampleId, status, reason, summaryJson, nowEpochMs);
  }

  private void setStatus(String id, String sample, Status status, String reason, String summary, long now) {
    // first end wins: once ended, only the same end may still fill in an empty reason or summary
    // (the provenance writer may have set COMPLETED/FAILED before the outcome with its summary)
    try (Session s = driver.session()) {
      s.executeWrite(tx -> tx.run(
          "MERGE (a:Activity:Analysis {key: $id}) "
              + "ON CREATE SET a.submittedAtEpochMs = $now, a.principal = 'workflow' "
              + "SET a.sampleId = coalesce(a.sampleId, CASE WHEN $sample = '' THEN null ELSE $sample END) "
              + "WITH a, coalesce(a.status, '') IN ['COMPLETED','FAILED','CANCELLED'] AS ended "
              + "WITH a, ended, (NOT ended) OR a.status = $status AS mayFill "
              + "SET a.status = CASE WHEN ended THEN a.status ELSE $status END, "
              + "  a.updatedAtEpochMs = $now, "
              + "  a.reason = CASE WHEN mayFill AND $reason <> '' AND coalesce(a.reason, '') = '' "
              + "    THEN $reason ELSE a.reason END, "
              + "  a.summary = CASE WHEN mayFill AND $summary <> '' AND coalesce(a.summary, '') = '' "
              + "    THEN $summary ELSE a.summary END "
              + "WITH a WHERE $sample <> '' "
              + "MERGE (s:Entity:Sample {key: 'sample:' + $sample}) ON CREATE SET s.id = $sample "
              + "MERGE (a)-[:ANALYSED]->(s)",
          Map.of("id", id, "sample", sample == null ? "" : sample, "status", status.name(),
              "reason", reason == null ? "" : reason, "summary", summary == null ? "" : summary,
              "now", now)).consume());
    }
  }

  /** The entry of an analysis, if it was submitted through a gateway. */
  public Optional<Entry> find(String analysisId) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> {
        List<Record> rs = tx.run(
            "MATCH (a:Analysis {key: $id}) WHERE a.status IS NOT NULL RETURN a",
            Map.of("id", analysisId)).list();
        return rs.isEmpty() ? Optional.<Entry>empty() : Optional.of(entry(rs.get(0).get("a")));
      });
    }
  }

  /** Analyses submitted but not ended, oldest first (to resume after a restart). */
  public List<Entry> unfinished(int limit) {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> {
        List<Entry> out = new ArrayList<>();
        for (Record r : tx.run(
            "MATCH (a:Analysis) WHERE a.status IN ['SUBMITTED','RUNNING'] "
                + "RETURN a ORDER BY a.submittedAtEpochMs LIMIT $n",
            Map.of("n", limit)).list()) {
          out.add(entry(r.get("a")));
        }
        return out;
      });
    }
  }

  /** Count of analyses per status (for health and tests). */
  public Map<String, Long> countsByStatus() {
    try (Session s = driver.session()) {
      Map<String, Long> m = new LinkedHashMap<>();
      for (Record r : s.run("MATCH (a:Analysis) WHERE a.status IS NOT NULL "
          + "RETURN a.status AS st, count(*) AS n ORDER BY st").list()) {
        m.put(r.get("st").asString(), r.get("n").asLong());
      }
      return m;
    }
  }

  private static Entry entry(Value a) {
    return new Entry(
        a.get("key").asString(), a.get("sampleId").asString(""),
        Status.valueOf(a.get("status").asString("SUBMITTED")), a.get("request").asString(""),
        a.get("requestSha256").asString(""), a.get("principal").asString(""),
        a.get("submittedAtEpochMs").asLong(0),
        a.get("reason").isNull() ? a.get("failureReason").asString("") : a.get("reason").asString(""),
        a.get("summary").asString(""));
  }
}
