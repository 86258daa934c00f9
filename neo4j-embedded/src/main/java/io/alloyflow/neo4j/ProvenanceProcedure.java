package io.alloyflow.neo4j;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * {@code CALL alloyflow.writeProvenance($batch)}: the provenance writer's batch written through
 * the core API inside the caller's Bolt transaction, instead of some twenty Cypher statements.
 * The batch is the row set the knowledge-graph writer builds ({@code format} 2: lists {@code
 * analyses}, {@code agents}, {@code environments}, {@code activities}, {@code entities}, {@code
 * used}, {@code generated}, {@code sampleInputs}; format 2 stores each software environment once,
 * as an agent node the activities are associated with, instead of a JSON property on every
 * activity, and no longer stores the derivable WAS_DERIVED_FROM / WAS_INFORMED_BY); the result is the graph
 * its Cypher merge statements leave, node for node and property for property: every node is
 * found by its key through the uniqueness-constraint index and created only when absent, and
 * every relationship is created only when absent. A relationship that touches a node created in
 * this call cannot exist before the call, so it is only checked against those the call created;
 * between two nodes that existed
 * before, both ends are write-locked (as Cypher's MERGE does) and the end with the smaller degree
 * is searched. Two writers creating the same key at once: the later one fails on the uniqueness
 * constraint and its caller writes the batch again (it then finds the node).
 *
 * <p>Why: with the Cypher statements, planning, per-row expression evaluation and value
 * conversion cost about 150-400 µs of server CPU per node (issue 14's profile); the core API does
 * the same index seeks and record writes without them. The same approach as Neo4j's own batch
 * importers and the APOC procedures (Needham &amp; Hodler, "Graph Algorithms", O'Reilly 2019,
 * ch. 3; APOC user guide, "Procedures and functions").
 */
public final class ProvenanceProcedure {
  /** Format of the batch map this procedure reads. */
  public static final long FORMAT = 2;

  private static final Label ENTITY = Label.label("Entity");
  private static final Label ACTIVITY = Label.label("Activity");
  private static final Label ANALYSIS = Label.label("Analysis");
  private static final Label AGENT = Label.label("Agent");
  private static final Label SAMPLE = Label.label("Sample");
  private static final Label SOFTWARE = Label.label("Software");
  private static final Label ENVIRONMENT = Label.label("Environment");
  private static final RelationshipType ANALYSED = RelationshipType.withName("ANALYSED");
  private static final RelationshipType PART_OF = RelationshipType.withName("PART_OF");
  private static final RelationshipType ASSOCIATED = RelationshipType.withName("WAS_ASSOCIATED_WITH");
  private static final RelationshipType USED = RelationshipType.withName("USED");
  private static final RelationshipType GENERATED = RelationshipType.withName("WAS_GENERATED_BY");
  private static final RelationshipType OF_SAMPLE = RelationshipType.withName("OF_SAMPLE");
  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

  @Context public Transaction tx;

  /** What one call wrote. */
  public static final class Written {
    public long nodesCreated;
    public long relationshipsCreated;
  }

  @Procedure(name = "alloyflow.writeProvenance", mode = Mode.WRITE)
  @Description("Writes a batch of alloyflow analysis provenance idempotently (nodes found by key or "
      + "created, relationships created when absent) in the calling transaction.")
  public Stream<Written> write(@Name("batch") Map<String, Object> batch) {
    Object format = batch.get("format");
    if (!(format instanceof Number n) || n.longValue() != FORMAT) {
      throw new IllegalArgumentException("alloyflow.writeProvenance reads batch format " + FORMAT
          + ", found " + format + ": the knowledge-graph writer and this server are different alloyflow versions");
    }
    return Stream.of(new Writer(tx).write(batch));
  }

  /** A relationship's identity for MERGE: ends, type and role. */
  private record Rel(Node a, RelationshipType type, Node b, Object role) {}

  /** One call's state: nodes found or created so far, by label and key. */
  private static final class Writer {
    final Transaction tx;
    final Map<Label, Map<String, Node>> nodes = new HashMap<>();
    final Set<Node> created = new HashSet<>();
    /** Relationships this call created at a new node (a batch may list one twice: a repeated analysis). */
    final Set<Rel> fresh = new HashSet<>();
    final Written written = new Written();

    Writer(Transaction tx) {
      this.tx = tx;
    }

    Written write(Map<String, Object> batch) {
      for (Map<String, Object> r : rows(batch, "analyses")) {
        Node s = merge(ENTITY, str(r, "sampleKey"));
        s.addLabel(SAMPLE);
        set(s, "id", r.get("sampleId"));
        setAll(s, map(r, "sampleProps"));
        Node a = merge(ANALYSIS, str(r, "key"));
        a.addLabel(ACTIVITY);
        index(ACTIVITY, str(r, "key"), a);
        set(a, "runId", r.get("runId"));
        set(a, "workflowType", r.get("type"));
        set(a, "startedAtEpochMs", r.get("start"));
        // an ended analysis (the ledger's rule) is not set back to RUNNING by a late step write
        Object old = a.getProperty("status", null);
        Object status = r.get("status");
        set(a, "status", "RUNNING".equals(status) && old != null && ENDED.contains(old) ? old : status);
        set(a, "failedStep", r.get("failedStep"));
        set(a, "failureReason", r.get("failureReason"));
        a.setProperty("summarised", true);
        setAll(a, map(r, "measures"));
        relate(a, ANALYSED, s, null);
      }
      for (Map<String, Object> r : rows(batch, "agents")) {
        Node ag = merge(AGENT, str(r, "agentKey"));
        ag.addLabel(SOFTWARE);
        set(ag, "name", r.get("agentName"));
        set(ag, "version", r.get("agentVersion"));
        set(ag, "reference", r.get("reference"));
      }
      for (Map<String, Object> r : rows(batch, "environments")) {
        Node v = merge(AGENT, str(r, "key"));
        v.addLabel(SOFTWARE);
        v.addLabel(ENVIRONMENT);
        set(v, "name", r.get("name"));
        set(v, "version", r.get("version"));
        set(v, "environment", r.get("environment"));
      }
      for (Map<String, Object> r : rows(batch, "entities")) {
        Node e = merge(ENTITY, str(r, "key"));
        e.addLabel(Label.label(str(r, "label")));
        set(e, "mediaType", r.get("mediaType"));
        set(e, "sizeBytes", r.get("sizeBytes"));
        setAll(e, map(r, "settings"));
      }
      Map<String, List<Map<String, Object>>> usedBy = byKey(rows(batch, "used"), "a");
      Map<String, List<Map<String, Object>>> generatedBy = byKey(rows(batch, "generated"), "a");
      for (Map<String, Object> r : rows(batch, "activities")) {
        Node an = find(ANALYSIS, str(r, "analysis"));
        if (an == null) {
          continue; // as the Cypher MATCH: no analysis, no step
        }
        Node a = merge(ACTIVITY, str(r, "key"));
        setAll(a, map(r, "props"));
        relate(a, PART_OF, an, null);
        Node ag = find(AGENT, str(r, "agentKey"));
        if (ag != null) {
          relate(a, ASSOCIATED, ag, null);
        }
        Node env = r.get("environmentKey") instanceof String k ? find(AGENT, k) : null;
        if (env != null) {
          relate(a, ASSOCIATED, env, null);
        }
        // the step's inputs and outputs next, so that its relationship records lie together in
        // the store (as the Cypher create path writes them): lineage and impact traversals read
        // fewer pages and cache lines
        for (Map<String, Object> u : usedBy.getOrDefault(str(r, "key"), List.of())) {
          Node e = find(ENTITY, str(u, "e"));
          if (e != null) {
            relate(a, USED, e, u.get("role"));
          }
        }
        for (Map<String, Object> g : generatedBy.getOrDefault(str(r, "key"), List.of())) {
          Node e = find(ENTITY, str(g, "e"));
          if (e != null) {
            relate(e, GENERATED, a, g.get("role"));
          }
        }
      }
      link(batch, "sampleInputs", "e", ENTITY, OF_SAMPLE, "s", ENTITY, false);
      return written;
    }

    static Map<String, List<Map<String, Object>>> byKey(List<Map<String, Object>> rows, String field) {
      Map<String, List<Map<String, Object>>> m = new HashMap<>();
      for (Map<String, Object> r : rows) {
        m.computeIfAbsent(str(r, field), k -> new java.util.ArrayList<>()).add(r);
      }
      return m;
    }

    /** Relationships of one kind between nodes found by key (rows whose ends are missing are skipped). */
    void link(Map<String, Object> batch, String list, String from, Label fromLabel, RelationshipType type,
        String to, Label toLabel, boolean withRole) {
      for (Map<String, Object> r : rows(batch, list)) {
        Node a = find(fromLabel, str(r, from));
        Node b = find(toLabel, str(r, to));
        if (a != null && b != null) {
          relate(a, type, b, withRole ? r.get("role") : null);
        }
      }
    }

    Node find(Label label, String key) {
      Map<String, Node> byKey = nodes.computeIfAbsent(label, l -> new HashMap<>());
      Node n = byKey.get(key);
      if (n == null) {
        n = tx.findNode(label, "key", key);
        if (n != null) {
          byKey.put(key, n);
        }
      }
      return n;
    }

    Node merge(Label label, String key) {
      Node n = find(label, key);
      if (n == null) {
        n = tx.createNode(label);
        n.setProperty("key", key);
        created.add(n);
        written.nodesCreated++;
        index(label, key, n);
      }
      return n;
    }

    void index(Label label, String key, Node n) {
      nodes.computeIfAbsent(label, l -> new HashMap<>()).put(key, n);
    }

    /** Creates {@code (a)-[type {role}]->(b)} unless it exists (role null: no property). */
    void relate(Node a, RelationshipType type, Node b, Object role) {
      if (!created.contains(a) && !created.contains(b)) {
        tx.acquireWriteLock(a);
        tx.acquireWriteLock(b);
        if (exists(a, type, b, role)) {
          return;
        }
      } else if (!fresh.add(new Rel(a, type, b, role))) {
        return;
      }
      Relationship r = a.createRelationshipTo(b, type);
      if (role != null) {
        r.setProperty("role", role);
      }
      written.relationshipsCreated++;
    }

    static boolean exists(Node a, RelationshipType type, Node b, Object role) {
      boolean fromA = a.getDegree(type, Direction.OUTGOING) <= b.getDegree(type, Direction.INCOMING);
      try (ResourceIterable<Relationship> rels = fromA
          ? a.getRelationships(Direction.OUTGOING, type) : b.getRelationships(Direction.INCOMING, type)) {
        for (Relationship r : rels) {
          Node other = fromA ? r.getEndNode() : r.getStartNode();
          if (other.equals(fromA ? b : a) && (role == null || role.equals(r.getProperty("role", null)))) {
            return true;
          }
        }
      }
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rows(Map<String, Object> batch, String name) {
    Object o = batch.get(name);
    return o == null ? List.of() : (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> row, String name) {
    Object o = row.get(name);
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  static String str(Map<String, Object> row, String name) {
    Object o = row.get(name);
    if (!(o instanceof String s)) {
      throw new IllegalArgumentException("alloyflow.writeProvenance: row field '" + name
          + "' must be a string, found " + o + " in " + row.keySet());
    }
    return s;
  }

  /** {@code SET n += m}: each entry set, a null value removes the property. */
  static void setAll(Node n, Map<String, Object> m) {
    m.forEach((k, v) -> set(n, k, v));
  }

  /** {@code SET n.k = v}: lists become arrays as Cypher stores them; null removes. */
  static void set(Node n, String k, Object v) {
    if (v == null) {
      n.removeProperty(k);
    } else {
      n.setProperty(k, storable(v, k));
    }
  }

  static Object storable(Object v, String k) {
    if (!(v instanceof List<?> list)) {
      return v;
    }
    if (list.isEmpty() || list.stream().allMatch(String.class::isInstance)) {
      return list.toArray(new String[0]);
    }
    if (list.stream().allMatch(x -> x instanceof Long || x instanceof Integer)) {
      return list.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
    }
    if (list.stream().allMatch(Number.class::isInstance)) {
      return list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }
    if (list.stream().allMatch(Boolean.class::isInstance)) {
      boolean[] b = new boolean[list.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (Boolean) list.get(i);
      }
      return b;
    }
    throw new IllegalArgumentException("property '" + k + "': a list of mixed or nested values cannot be stored: " + list);
  }
}
