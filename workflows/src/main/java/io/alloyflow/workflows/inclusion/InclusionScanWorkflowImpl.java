package io.alloyflow.workflows.inclusion;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.fusion.api.FusionActivities;
import io.alloyflow.fusion.api.InclusionActivities;
import io.alloyflow.fusion.api.InclusionClassifyRequest;
import io.alloyflow.fusion.api.InclusionFieldResult;
import io.alloyflow.fusion.api.InclusionScreenRequest;
import io.alloyflow.fusion.api.InclusionScreenResult;
import io.alloyflow.fusion.api.ScreenedParticle;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.ingest.IngestActivities;
import io.alloyflow.workflows.ledger.SubmissionActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orchestration only: see {@link InclusionScanWorkflow}. Fields run {@code maxParallel} at a time;
 * a field that fails (bad file, activity retries spent) is reported with its reason and the scan
 * goes on; the scan fails only when every field failed. After every group of fields the scan's
 * provenance so far is written to the graph (an idempotent merge: analysis node {@code scanId},
 * steps {@code ingest-micrograph:F}, {@code inclusion-screen:F}, {@code eds-acquire:F}, {@code
 * inclusion-classify:F} per field F).
 */
public class InclusionScanWorkflowImpl implements InclusionScanWorkflow {
  /** Workflow type name in the graph. */
  public static final String TYPE = "InclusionScanWorkflow";
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  private static final RetryOptions RETRY = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setBackoffCoefficient(2)
      .setMaximumInterval(Duration.ofSeconds(30))
      .setMaximumAttempts(3)
      .setDoNotRetry(AnalysisWorkflowImpl.BAD_INPUT, IllegalArgumentException.class.getName())
      .build();

  private final InclusionScanActivities files = Workflow.newActivityStub(
      InclusionScanActivities.class, ActivityOptions.newBuilder()
          .setTaskQueue(IngestActivities.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(RETRY)
          .build());
  /**
   * The first screening on a worker trains the screening model (tens of seconds, minutes on a
   * loaded machine): both activities heartbeat, so a dead worker is noticed after 30 s.
   */
  private final InclusionActivities inclusions = Workflow.newActivityStub(
      InclusionActivities.class, ActivityOptions.newBuilder()
          .setTaskQueue(FusionActivities.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofMinutes(15))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RETRY)
          .build());
  private final ProvenanceActivities provenance = Workflow.newActivityStub(
      ProvenanceActivities.class, AnalysisWorkflowImpl.graphWriteOptions(ProvenanceActivities.TASK_QUEUE));

  private InclusionScanRequest request;
  private final List<FieldOutcome> outcomes = new ArrayList<>();
  private final List<ActivityRecord> records = new ArrayList<>();
  private String ruleSet = "";
  private String status = "RUNNING";
  private long started;

  /** A field's outcome with its provenance records. */
  private record FieldWork(FieldOutcome outcome, List<ActivityRecord> records, String ruleSet) {}

  @Override
  public InclusionScanReport scan(InclusionScanRequest r) {
    request = r;
    started = Workflow.currentTimeMillis();
    List<ScanField> fields = r.fields();
    for (int i = 0; i < fields.size(); i += r.maxParallel()) {
      List<Promise<FieldWork>> running = new ArrayList<>();
      for (int j = i; j < Math.min(fields.size(), i + r.maxParallel()); j++) {
        ScanField f = fields.get(j);
        running.add(Async.function(this::field, f));
      }
      for (Promise<FieldWork> p : running) {
        FieldWork w = p.get();
        outcomes.add(w.outcome());
        records.addAll(w.records());
        if (!w.ruleSet().isEmpty()) {
          ruleSet = w.ruleSet();
        }
      }
      if (i + r.maxParallel() < fields.size()) {
        provenance.recordAnalysis(snapshot("RUNNING", ""));
      }
    }
    InclusionScanReport report = report();
    if (report.fieldsCompleted() == 0) {
      String reason = "every field failed; first: " + outcomes.get(0).name() + ": "
          + outcomes.get(0).error();
      provenance.recordAnalysis(snapshot("FAILED", reason));
      status = "FAILED";
      throw ApplicationFailure.newNonRetryableFailure(reason, AnalysisWorkflowImpl.BAD_INPUT);
    }
    provenance.recordAnalysis(snapshot("COMPLETED", ""));
    InclusionScanReport done = report(request, outcomes, "COMPLETED", ruleSet);
    SubmissionActivities.recordFromWorkflow(done);
    status = "COMPLETED";
    return done;
  }

  private FieldWork field(ScanField f) {
    List<ActivityRecord> recs = new ArrayList<>();
    try {
      IngestedField in = files.ingestField(request.scanId(), f, request.pixelSizeUm());
      recs.addAll(in.provenance());
      List<InclusionScreenRequest.SpotPosition> pos = new ArrayList<>();
      for (SpotFile s : in.spots()) {
        pos.add(new InclusionScreenRequest.SpotPosition(s.x(), s.y()));
      }
      InclusionScreenResult screened = inclusions.screenField(new InclusionScreenRequest(f.name(),
          in.bse(), pos, request.confidenceThreshold()));
      recs.add(screened.provenance());
      // BSE-first: EDS only for the uncertain particles, and only where a spectrum can be taken
      List<Integer> wanted = new ArrayList<>();
      List<SpotFile> spots = new ArrayList<>();
      int uncertain = 0;
      for (ScreenedParticle p : screened.particles()) {
        if (p.uncertain()) {
          uncertain++;
          if (p.spot() >= 0) {
            wanted.add(p.id());
            spots.add(in.spots().get(p.spot()));
          }
        }
      }
      List<InclusionClassifyRequest.ParticleSpectrum> spectra = new ArrayList<>();
      if (!spots.isEmpty()) {
        AcquiredSpectra acq = files.acquireSpectra(request.scanId(), f.name(), spots);
        recs.add(acq.provenance());
        for (int k = 0; k < wanted.size(); k++) {
          spectra.add(new InclusionClassifyRequest.ParticleSpectrum(wanted.get(k),
              acq.spectra().get(k)));
        }
      }
      InclusionFieldResult res = inclusions.classifyField(new InclusionClassifyRequest(f.name(),
          in.bse(), screened.particles(), spectra));
      recs.add(res.provenance());
      List<String> steps = new ArrayList<>();
      for (ActivityRecord a : recs) {
        List<ArtifactUse> g = a.generated();
        steps.add(a.step() + (g.isEmpty() ? "" : " sha256:" + g.get(0).ref().sha256()));
      }
      int n = screened.particles().size();
      FieldOutcome o = new FieldOutcome(f.name(), "COMPLETED", "", res.fieldAreaMm2(), n,
          uncertain, spectra.size(), n - spectra.size(), uncertain - spectra.size(),
          res.countsPerClass(), res.areaUm2PerClass(), screened.screeningModel(), steps);
      return new FieldWork(o, recs, res.ruleSet());
    } catch (ActivityFailure e) {
      return new FieldWork(FieldOutcome.failed(f.name(), rootMessage(e)), recs, "");
    }
  }

  private static String rootMessage(Throwable e) {
    String msg = e.getMessage();
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure af) {
        msg = af.getOriginalMessage();
      }
    }
    return msg;
  }

  private AnalysisProvenance snapshot(String st, String reason) {
    return new AnalysisProvenance(request.scanId(), Workflow.getInfo().getRunId(), TYPE,
        request.sampleId(), Map.of("kind", "inclusion-scan",
            "fields", Integer.toString(request.fields().size()),
            "confidenceThreshold", Double.toString(request.confidenceThreshold())),
        started, records, st, st.equals("FAILED") ? "scan" : "", reason);
  }

  @Override
  public InclusionScanReport progress() {
    return request == null ? null : report();
  }

  private InclusionScanReport report() {
    return report(request, outcomes, status, ruleSet);
  }

  /** The scan report from the field outcomes so far. */
  static InclusionScanReport report(InclusionScanRequest r, List<FieldOutcome> outcomes,
      String status, String ruleSet) {
    int done = 0;
    int failed = 0;
    int particles = 0;
    int acquired = 0;
    int skipped = 0;
    int noSpectrum = 0;
    double area = 0;
    String model = "";
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Double> areaUm2 = new TreeMap<>();
    for (FieldOutcome o : outcomes) {
      if (!o.status().equals("COMPLETED")) {
        failed++;
        continue;
      }
      done++;
      particles += o.particles();
      acquired += o.edsAcquired();
      skipped += o.edsSkipped();
      noSpectrum += o.uncertainWithoutSpectrum();
      area += o.fieldAreaMm2();
      model = o.screeningModel();
      o.countsPerClass().forEach((k, v) -> counts.merge(k, v, Integer::sum));
      o.areaUm2PerClass().forEach((k, v) -> areaUm2.merge(k, v, Double::sum));
    }
    Map<String, Double> perMm2 = new TreeMap<>();
    Map<String, Double> ppm = new TreeMap<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      perMm2.put(e.getKey(), area > 0 ? e.getValue() / area : 0);
      ppm.put(e.getKey(), area > 0 ? areaUm2.getOrDefault(e.getKey(), 0.0) / (area * 1e6) * 1e6
          : 0);
    }
    double hours = (done * r.fieldOverheadS() + acquired * r.edsDwellS()) / 3600;
    double hoursAll = (done * r.fieldOverheadS() + particles * r.edsDwellS()) / 3600;
    return new InclusionScanReport(r.scanId(), status, r.fields().size(), done, failed, area,
        particles, acquired, skipped, noSpectrum, counts, perMm2, ppm, hours, hoursAll,
        hours > 0 ? particles / hours : 0, r.confidenceThreshold(), model, ruleSet, outcomes);
  }
}
