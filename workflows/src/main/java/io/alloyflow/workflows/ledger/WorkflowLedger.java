package io.alloyflow.workflows.ledger;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.GlobalDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Submissions of batches, candidates, inclusion scans and model trainings in the knowledge graph, one {@code
 * (:WorkflowSubmission {key: id})} node each with its {@code kind}, the {@code request} (JSON, as
 * Temporal's data converter writes it), a {@code status} ({@code SUBMITTED}, then {@code
 * COMPLETED} with the {@code result} JSON or {@code FAILED} with the {@code reason}) and times.
 * Every write is a MERGE on the id; the first end wins.
 */
public final class WorkflowLedger {
  /** Kinds of submissions. */
  public static final List<String> KINDS = List.of("batch", "candidate", "inclusion-scan", "model-training");

  private static final DataConverter CONVERTER = GlobalDataConverter.get();
  private final Driver driver;

  public WorkflowLedger(Driver driver) {
    this.driver = driver;
  }

  /**
   * One submission.
   *
   * @param id workflow id
   * @param kind one of {@link #KINDS}
   * @param status {@code SUBMITTED}, {@code COMPLETED} or {@code FAILED}
   * @param request the request JSON
   * @param result the result JSON ("" until completed)
   * @param reason why it failed ("" otherwise)
   */
  public record Entry(String id, String kind, String status, String request, String result,
      String reason) {
    /** Whether it has ended. */
    public boolean ended() {
      return !status.equals("SUBMITTED");
    }
  }

  /** JSON of a request or result, as Temporal serialises payloads. */
  public static String json(Object value) {
    return CONVERTER.toPayload(value).orElseThrow().getData().toString(StandardCharsets.UTF_8);
  }

  /** A request or result back from its JSON. */
  public static <T> T fromJson(String json, Class<T> type) {
    Payload p = Payload.newBuilder()
        .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
        .setData(com.google.protobuf.ByteString.copyFromUtf8(json)).build();
    return CONVERTER.fromPayload(p, type, type);
  }

  /**
   * Records a submission before its workflow starts.
   *
   * @return true when this call created it (false: the id was taken)
   */
  public boolean submit(String id, String kind, Object request, long nowEpochMs) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind must be one of " + KINDS + ", found " + kind);
    }
    String req = json(request);
    try (Session s = driver.session()) {
      return s.executeWrite(tx -> tx.run(
          "MERGE (w:WorkflowSubmission {key: $id}) "
              + "ON CREATE SET w.kind = $kind, w.request = $req, w.status = 'SUBMITTED', "
              + "  w.submittedAtEpochMs = $now, w.updatedAtEpochMs = $now, w.created = true "
              + "ON MATCH SET w.created = false "
              + "WITH w, w.created AS created REMOVE w.created RETURN created",
          Map.of("id", id, "kind", kind, "req", req, "now", nowEpochMs)).single()
          .get("created").asBoolean());
    }
  }

  /** Records how a submission ended (the first end wins). */
  public void ended(String id, String status, String resultJson, String reason, long nowEpochMs) {
    if (!status.equals("COMPLETED") && !status.equals("FAILED")) {
      throw new IllegalArgumentException("end status must be COMPLETED or FAILED, found " + status);
    }
    try (Session s = driver.session()) {
      s.executeWrite(tx -> tx.run(
          "MATCH (w:WorkflowSubmission {key: $id}) WHERE w.status = 'SUBMITTED' "
              + "SET w.status = $st, w.result = $res, w.reason = $reason, w.updatedAtEpochMs = $now",
          Map.of("id", id, "st", status, "res", resultJson == null ? "" : resultJson,
              "reason", reason == null ? "" : reason, "now", nowEpochMs)).consume());
    }
  }

  /** The submission of an id, if any. */
  public Optional<Entry> find(String id) {
    try (Session s = driver.session()) {
      List<Record> rs = s.executeRead(tx -> tx.run(
          "MATCH (w:WorkflowSubmission {key: $id}) RETURN w", Map.of("id", id)).list());
      return rs.isEmpty() ? Optional.empty() : Optional.of(entry(rs.get(0).get("w")));
    }
  }

  /** Submissions not ended, oldest first. */
  public List<Entry> unfinished() {
    try (Session s = driver.session()) {
      return s.executeRead(tx -> {
        List<Entry> out = new ArrayList<>();
        for (Record r : tx.run("MATCH (w:WorkflowSubmission) WHERE w.status = 'SUBMITTED' "
            + "RETURN w ORDER BY w.submittedAtEpochMs").list()) {
          out.add(entry(r.get("w")));
        }
        return out;
      });
    }
  }

  private static Entry entry(Value w) {
    return new Entry(w.get("key").asString(), w.get("kind").asString(""),
        w.get("status").asString("SUBMITTED"), w.get("request").asString(""),
        w.get("result").asString(""), w.get("reason").asString(""));
  }
}
