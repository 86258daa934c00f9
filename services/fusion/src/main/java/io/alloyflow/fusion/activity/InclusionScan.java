package io.alloyflow.fusion.activity;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.fusion.api.ClassifiedParticle;
import io.alloyflow.fusion.api.InclusionClassifyRequest;
import io.alloyflow.fusion.api.InclusionFieldResult;
import io.alloyflow.fusion.api.InclusionScreenRequest;
import io.alloyflow.fusion.api.InclusionScreenResult;
import io.alloyflow.fusion.api.ScreenedParticle;
import io.alloyflow.fusion.inclusions.CleanlinessReport;
import io.alloyflow.fusion.inclusions.InclusionAnalysis;
import io.alloyflow.fusion.inclusions.Particle;
import io.alloyflow.fusion.inclusions.ParticleDetector;
import io.alloyflow.fusion.inclusions.RuleSet;
import io.alloyflow.fusion.inclusions.SpotQuantifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The work of {@link io.alloyflow.fusion.api.InclusionActivities}, callable without a Temporal
 * context: BSE-first screening of a field and its classification with the EDS spectra acquired
 * for some of its particles (the screening scheme of automated SEM-EDS inclusion analysers,
 * ASTM E2142, with the BSE classifier of {@link InclusionScreeningModel}; EDS compositions by
 * {@link SpotQuantifier} and the built-in rule set).
 */
public final class InclusionScan {
  /** Version of the screening and classification steps. */
  public static final String VERSION = "1";

  private InclusionScan() {}

  /** Screens one field. */
  public static InclusionScreenResult screen(ArtifactStore store, InclusionScreenRequest r,
      InclusionScreeningModel model, String workflowId, String runId, int attempt)
      throws IOException {
    long t0 = System.currentTimeMillis();
    Micrograph bse = ArrowIO.micrographFromArrow(store.get(r.bse()));
    requirePixelSize(bse, r.fieldName());
    List<Particle> ps = ParticleDetector.detect(bse, ParticleDetector.Options.defaults());
    double[][] prob = model.predict(ps);
    int w = bse.width();
    int[] owner = new int[w * bse.height()];
    for (Particle p : ps) {
      for (int q : p.pixels()) {
        owner[q] = p.id();
      }
    }
    Map<Integer, Integer> spotOf = new HashMap<>();
    for (int i = 0; i < r.spots().size(); i++) {
      InclusionScreenRequest.SpotPosition s = r.spots().get(i);
      int x = (int) Math.floor(s.x());
      int y = (int) Math.floor(s.y());
      if (x >= w || y >= bse.height()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "field %s: EDS spot %d at"
            + " (%.1f, %.1f) lies outside the %d x %d image", r.fieldName(), i, s.x(), s.y(), w,
            bse.height()));
      }
      int id = owner[y * w + x];
      if (id > 0) {
        spotOf.putIfAbsent(id, i);
      }
    }
    List<ScreenedParticle> out = new ArrayList<>(ps.size());
    StringBuilder csv = new StringBuilder("id,x_px,y_px,area_px,ecd_um,bse_class,confidence,"
        + "uncertain,spot\n");
    int uncertain = 0;
    double confSum = 0;
    for (int k = 0; k < ps.size(); k++) {
      Particle p = ps.get(k);
      int best = 0;
      for (int c = 1; c < prob[k].length; c++) {
        if (prob[k][c] > prob[k][best]) {
          best = c;
        }
      }
      double conf = Math.min(1, Math.max(0, prob[k][best]));
      boolean unsure = conf < r.confidenceThreshold();
      uncertain += unsure ? 1 : 0;
      confSum += conf;
      ScreenedParticle sp = new ScreenedParticle(p.id(), p.cx(), p.cy(), p.areaPx(),
          p.ecdM() * 1e6, model.classes().get(best), conf, unsure,
          spotOf.getOrDefault(p.id(), -1));
      out.add(sp);
      csv.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%d,%.3f,%s,%.4f,%b,%d%n", sp.id(),
          sp.x(), sp.y(), sp.areaPx(), sp.ecdUm(), sp.bseClass(), sp.confidence(), sp.uncertain(),
          sp.spot()));
    }
    ArtifactRef table = store.put(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    double areaMm2 = areaMm2(bse);
    Map<String, String> params = new LinkedHashMap<>(model.parameters());
    params.put("fieldName", r.fieldName());
    params.put("confidenceThreshold", Double.toString(r.confidenceThreshold()));
    params.put("detector", ParticleDetector.Options.defaults().toString());
    AlgorithmInfo algo = new AlgorithmInfo("inclusion-bse-screening", VERSION,
        "ASTM E2142 (BSE threshold detection); Chen and Guestrin 2016 (XGBoost); Guo et al. 2017"
            + " (temperature scaling)", params);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("particles", (double) ps.size());
    summary.put("uncertain", (double) uncertain);
    summary.put("spots", (double) r.spots().size());
    summary.put("meanConfidence", ps.isEmpty() ? 0 : confSum / ps.size());
    summary.put("fieldAreaMm2", areaMm2);
    ActivityRecord rec = ActivityRecord.builder("inclusion-screen:" + r.fieldName(), "fusion", algo)
        .used(List.of(new ArtifactUse("bse", "Micrograph", r.bse())))
        .generated(List.of(new ArtifactUse("screenedParticles", "FeatureSet", table)))
        .summary(summary)
        .seed(model.parameters().containsKey("boosterSeed")
            ? Long.parseLong(model.parameters().get("boosterSeed")) : 0)
        .timing(t0, System.currentTimeMillis() - t0)
        .execution(workflowId, runId, attempt)
        .build();
    return new InclusionScreenResult(r.fieldName(), out, areaMm2, table, model.id(), rec);
  }

  /** Classifies a screened field with the spectra acquired for it. */
  public static InclusionFieldResult classify(ArtifactStore store, InclusionClassifyRequest r,
      String workflowId, String runId, int attempt) throws IOException {
    long t0 = System.currentTimeMillis();
    Micrograph bse = ArrowIO.micrographFromArrow(store.get(r.bse()));
    requirePixelSize(bse, r.fieldName());
    List<Particle> ps = ParticleDetector.detect(bse, ParticleDetector.Options.defaults());
    if (ps.size() != r.screened().size()) {
      throw new IllegalArgumentException("field " + r.fieldName() + ": " + ps.size()
          + " particles detected but " + r.screened().size() + " screened: expected the BSE image"
          + " that was screened");
    }
    Map<Integer, ArtifactRef> spectra = new HashMap<>();
    for (InclusionClassifyRequest.ParticleSpectrum s : r.spectra()) {
      if (s.particleId() > ps.size() || spectra.put(s.particleId(), s.spectrum()) != null) {
        throw new IllegalArgumentException("field " + r.fieldName() + ": spectrum for particle "
            + s.particleId() + " is " + (s.particleId() > ps.size() ? "for no particle (the field"
            + " has " + ps.size() + ")" : "given twice"));
      }
    }
    RuleSet rules = RuleSet.builtIn();
    SpotQuantifier q = new SpotQuantifier(InclusionAnalysis.ELEMENTS,
        InclusionAnalysis.defaultFactors());
    double px = bse.pixelSizeUm();
    List<InclusionAnalysis.Classified> classified = new ArrayList<>();
    List<CleanlinessReport.Entry> entries = new ArrayList<>();
    List<ClassifiedParticle> out = new ArrayList<>();
    List<ArtifactUse> used = new ArrayList<>();
    used.add(new ArtifactUse("bse", "Micrograph", r.bse()));
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Double> area = new TreeMap<>();
    int eds = 0;
    for (int k = 0; k < ps.size(); k++) {
      Particle p = ps.get(k);
      ScreenedParticle sp = r.screened().get(k);
      if (sp.id() != p.id() || sp.areaPx() != p.areaPx()) {
        throw new IllegalArgumentException("field " + r.fieldName() + ": particle " + p.id()
            + " differs from the screened one: expected the BSE image that was screened");
      }
      String cls = sp.bseClass();
      String source = "BSE";
      Map<String, Double> comp = Map.of();
      ArtifactRef ref = spectra.get(p.id());
      if (ref != null) {
        Spectrum s = EmsaIO.read(new String(store.get(ref), StandardCharsets.UTF_8),
            "spectrum of particle " + p.id() + " in field " + r.fieldName());
        double live = s.liveTimeS() > 0 ? s.liveTimeS() : 1;
        comp = q.quantify(s.counts(), s.axis(), live);
        cls = rules.classify(comp);
        source = "EDS";
        eds++;
        used.add(new ArtifactUse("spectrum-" + p.id(), "Spectrum", ref));
      }
      double a = p.areaPx() * px * px;
      classified.add(new InclusionAnalysis.Classified(p, cls, source, comp));
      entries.add(new CleanlinessReport.Entry(cls, p.ecdM() * 1e6, a));
      out.add(new ClassifiedParticle(p.id(), cls, source, sp.confidence(), p.ecdM() * 1e6, a));
      counts.merge(cls, 1, Integer::sum);
      area.merge(cls, a, Double::sum);
    }
    double areaMm2 = areaMm2(bse);
    InclusionAnalysis.Result res = new InclusionAnalysis.Result(classified,
        CleanlinessReport.build(entries, areaMm2), List.of());
    ArtifactRef table = store.put(InclusionAnalysis.particlesCsv(res)
        .getBytes(StandardCharsets.UTF_8), "text/csv");
    String ruleSet = rules.name() + " " + rules.version() + " sha256:" + rules.sha256();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("fieldName", r.fieldName());
    params.put("ruleSet", rules.name());
    params.put("ruleSetVersion", rules.version());
    params.put("ruleSetSha256", rules.sha256());
    params.put("sensitivityFactors", "built-in");
    AlgorithmInfo algo = new AlgorithmInfo("inclusion-classification", VERSION,
        "ASTM E2142 (rule-based classification of inclusions); three-window net counts with"
            + " standards sensitivity factors", params);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("particles", (double) ps.size());
    summary.put("edsClassified", (double) eds);
    summary.put("bseClassified", (double) (ps.size() - eds));
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      summary.put("count_" + e.getKey(), (double) e.getValue());
    }
    ActivityRecord rec = ActivityRecord.builder("inclusion-classify:" + r.fieldName(), "fusion",
            algo)
        .used(used)
        .generated(List.of(new ArtifactUse("classifiedParticles", "FeatureSet", table)))
        .summary(summary)
        .timing(t0, System.currentTimeMillis() - t0)
        .execution(workflowId, runId, attempt)
        .build();
    return new InclusionFieldResult(r.fieldName(), areaMm2, out, eds, counts, area, table,
        ruleSet, rec);
  }

  private static double areaMm2(Micrograph m) {
    double px = m.pixelSizeUm();
    return m.width() * (double) m.height() * px * px * 1e-6;
  }

  private static void requirePixelSize(Micrograph m, String field) {
    if (!m.hasPixelSize()) {
      throw new IllegalArgumentException("field " + field + " has no pixel size: give the scan's"
          + " pixel size (sizes, areas and the screening features need it)");
    }
  }
}
