package io.alloyflow.core.provenance;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one activity execution did, returned by every service activity.
 *
 * @param step workflow step name, e.g. {@code segmentation}; with the workflow id it forms the
 *     stable activity key, so a retried attempt updates the same graph node
 * @param service service that ran it ({@code segmentation}, {@code eds}, ...)
 * @param algorithm algorithm identity
 * @param used input artifacts
 * @param generated output artifacts
 * @param summary small scalar results worth querying in the graph (e.g. phase fractions)
 * @param environment software and platform versions (java, os, alloyflow, libraries)
 * @param seed random seed used (0 when deterministic)
 * @param startedAtEpochMs start time, epoch milliseconds
 * @param durationMs duration in milliseconds
 * @param workflowId Temporal workflow id ("" outside a workflow)
 * @param runId Temporal run id ("" outside a workflow)
 * @param attempt activity attempt number (1 = first)
 */
public record ActivityRecord(
    String step,
    String service,
    AlgorithmInfo algorithm,
    List<ArtifactUse> used,
    List<ArtifactUse> generated,
    Map<String, Double> summary,
    Map<String, String> environment,
    long seed,
    long startedAtEpochMs,
    long durationMs,
    String workflowId,
    String runId,
    int attempt) {

  public ActivityRecord {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(algorithm, "algorithm");
    used = List.copyOf(used == null ? List.of() : used);
    generated = List.copyOf(generated == null ? List.of() : generated);
    summary = java.util.Collections.unmodifiableMap(new TreeMap<>(summary == null ? Map.of() : summary));
    environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment == null ? Map.of() : environment));
    workflowId = workflowId == null ? "" : workflowId;
    runId = runId == null ? "" : runId;
  }

  /**
   * A builder, so activities name what they set instead of passing thirteen positional
   * arguments: {@code ActivityRecord.builder("eds", "eds", algo).used(..).generated(..)
   * .summary(..).timing(t0, System.currentTimeMillis() - t0).execution(wid, rid, attempt).build()}.
   * Unset lists and maps are empty, the environment defaults to {@link #currentEnvironment()}, the
   * seed to 0, the attempt to 1.
   */
  public static Builder builder(String step, String service, AlgorithmInfo algorithm) {
    return new Builder(step, service, algorithm);
  }

  /** Builder of {@link ActivityRecord}; see {@link #builder}. */
  public static final class Builder {
    private final String step;
    private final String service;
    private final AlgorithmInfo algorithm;
    private List<ArtifactUse> used = List.of();
    private List<ArtifactUse> generated = List.of();
    private Map<String, Double> summary = Map.of();
    private Map<String, String> environment;
    private long seed;
    private long startedAtEpochMs;
    private long durationMs;
    private String workflowId = "";
    private String runId = "";
    private int attempt = 1;

    private Builder(String step, String service, AlgorithmInfo algorithm) {
      this.step = Objects.requireNonNull(step, "step");
      this.service = Objects.requireNonNull(service, "service");
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Input artifacts. */
    public Builder used(List<ArtifactUse> v) {
      used = v;
      return this;
    }

    /** Output artifacts. */
    public Builder generated(List<ArtifactUse> v) {
      generated = v;
      return this;
    }

    /** Small scalar results (keys from {@link SummaryKeys} where one exists). */
    public Builder summary(Map<String, Double> v) {
      summary = v;
      return this;
    }

    /** Software and platform versions (default: this JVM's). */
    public Builder environment(Map<String, String> v) {
      environment = v;
      return this;
    }

    /** Random seed used (default 0 = deterministic). */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Start (epoch ms) and duration (ms). */
    public Builder timing(long startedAtMs, long durationMillis) {
      startedAtEpochMs = startedAtMs;
      durationMs = durationMillis;
      return this;
    }

    /** Temporal workflow id, run id and activity attempt. */
    public Builder execution(String workflow, String run, int attemptNumber) {
      workflowId = workflow;
      runId = run;
      attempt = attemptNumber;
      return this;
    }

    /** The record (validated by its constructor). */
    public ActivityRecord build() {
      return new ActivityRecord(step, service, algorithm, used, generated, summary,
          environment == null ? currentEnvironment() : environment, seed, startedAtEpochMs,
          durationMs, workflowId, runId, attempt);
    }
  }

  /** Stable key of the activity node: retries of the same step in the same workflow share it. */
  public String activityKey() {
    return (workflowId.isEmpty() ? "local" : workflowId) + "/" + step;
  }

  /** Software and platform versions of this JVM, for {@link #environment}. */
  public static Map<String, String> currentEnvironment() {
    Map<String, String> env = new TreeMap<>();
    env.put("java.version", System.getProperty("java.version"));
    env.put("java.vendor", System.getProperty("java.vendor"));
    env.put("os.name", System.getProperty("os.name"));
    env.put("os.arch", System.getProperty("os.arch"));
    String v = ActivityRecord.class.getPackage().getImplementationVersion();
    env.put("alloyflow.version", v == null ? "0.1.0-SNAPSHOT" : v);
    return env;
  }
}
