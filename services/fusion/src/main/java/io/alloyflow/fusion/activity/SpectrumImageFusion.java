package io.alloyflow.fusion.activity;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.fusion.api.FusedPhase;
import io.alloyflow.fusion.api.FusedPhaseRequest;
import io.alloyflow.fusion.api.FusedPhaseResult;
import io.alloyflow.fusion.classify.ElementMaps;
import io.alloyflow.fusion.classify.FeatureStack;
import io.alloyflow.fusion.classify.PhaseDiscovery;
import io.alloyflow.fusion.phases.PhaseCompositions;
import io.alloyflow.fusion.registration.RegistrationResult;
import io.alloyflow.fusion.registration.SemEdsRegistration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The work of {@code fuseSpectrumImage}, callable without a Temporal context. */
public final class SpectrumImageFusion {

  private SpectrumImageFusion() {}

  /** Runs registration and fused phase discovery and stores the phase map and features. */
  public static FusedPhaseResult run(ArtifactStore store, FusedPhaseRequest request,
      String workflowId, String runId, int attempt) throws IOException {
    long t0 = System.currentTimeMillis();
    Micrograph m = ArrowIO.micrographFromArrow(store.get(request.micrograph()));
    SpectrumImage si = ArrowIO.spectrumImageFromArrow(store.get(request.spectrumImage()));
    RegistrationResult reg = SemEdsRegistration.register(m, si,
        SemEdsRegistration.Options.defaults());
    ElementMaps maps = ElementMaps.of(si, request.elements());
    FeatureStack fs = FeatureStack.build(m, maps, reg.semToEds(), FeatureStack.Modality.FUSED);
    Map<String, Map<String, Double>> lib = PhaseCompositions.of(request.alloySystem());
    int k = request.phases() > 0 ? request.phases() : lib.isEmpty() ? 4 : lib.size();
    int n = m.width() * m.height();
    long seed = 1;
    int[] sample = new SplittableRandom(seed).ints(Math.min(n, 20000), 0, n).toArray();
    List<String> els = request.elements();
    int[] ef = new int[els.size()];
    for (int e = 0; e < ef.length; e++) {
      ef[e] = fs.names().indexOf("eds_" + els.get(e));
    }
    PhaseDiscovery.Result pd = PhaseDiscovery.discover(fs.rows(sample), fs.count(), k, ef, els,
        lib, 0.8, seed);
    int[] labels = pd.assign(fs.values(), fs.count());
    double pxPerEds = 1 / Math.max(1e-12, reg.semToEds().scale() * reg.semToEds().scale());
    List<FusedPhase> phases = new ArrayList<>();
    int m2 = fs.count();
    for (int c = 0; c < k; c++) {
      double[] sum = new double[els.size()];
      double[] sq = new double[els.size()];
      long cnt = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] != c) {
          continue;
        }
        cnt++;
        double tot = 0;
        for (int e = 0; e < els.size(); e++) {
          tot += Math.max(0, fs.values()[i * m2 + ef[e]]);
        }
        for (int e = 0; e < els.size(); e++) {
          double v = tot > 0 ? Math.max(0, fs.values()[i * m2 + ef[e]]) / tot : 0;
          sum[e] += v;
          sq[e] += v * v;
        }
      }
      Map<String, Double> comp = new LinkedHashMap<>();
      Map<String, Double> se = new LinkedHashMap<>();
      double edsPixels = Math.max(1, cnt / pxPerEds);
      for (int e = 0; e < els.size(); e++) {
        double mean = cnt > 0 ? sum[e] / cnt : Double.NaN;
        double var = cnt > 1 ? Math.max(0, sq[e] / cnt - mean * mean) : Double.NaN;
        comp.put(els.get(e), mean);
        se.put(els.get(e), Math.sqrt(var / edsPixels));
      }
      phases.add(new FusedPhase(c, pd.names().get(c), cnt / (double) n, comp, se));
    }
    LabelMap map = new LabelMap(m.width(), m.height(), labels, pd.names(), m.pixelSizeM());
    ArtifactRef mapRef = store.put(ArrowIO.toArrow(map), ArrowIO.MEDIA_TYPE);
    int[] tableRows = new SplittableRandom(seed + 1).ints(Math.min(n, 5000), 0, n).distinct()
        .toArray();
    ArtifactRef feat = store.put(ArrowIO.toArrow(fs.toTable(tableRows)), ArrowIO.MEDIA_TYPE);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("alloySystem", request.alloySystem());
    params.put("elements", String.join(",", els));
    params.put("phases", Integer.toString(k));
    AlgorithmInfo algo = new AlgorithmInfo("sem-eds-registration+fused-kmeans",
        SemEdsRegistration.VERSION, SemEdsRegistration.REFERENCE
            + "; Arthur and Vassilvitskii 2007 (k-means++); Kopf et al. 2007 (joint bilateral)",
        params);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("registrationRmsResidualPx", reg.rmsResidualPx());
    summary.put("registrationReliable", reg.reliable() ? 1.0 : 0.0);
    for (FusedPhase p : phases) {
      summary.merge("fraction_" + p.name(), p.areaFraction(), Double::sum);
    }
    ActivityRecord rec = ActivityRecord.builder("fusion-spectrum-image", "fusion", algo)
        .used(List.of(new ArtifactUse("micrograph", "Micrograph", request.micrograph()),
            new ArtifactUse("spectrumImage", "SpectrumImage", request.spectrumImage())))
        .generated(List.of(new ArtifactUse("phaseMap", "PhaseMap", mapRef),
            new ArtifactUse("fusedFeatures", "FeatureSet", feat)))
        .summary(summary)
        .seed(seed)
        .timing(t0, System.currentTimeMillis() - t0)
        .execution(workflowId, runId, attempt)
        .build();
    return new FusedPhaseResult(reg.semToEds().matrixList(), reg.rmsResidualPx(),
        reg.reliable(), reg.reason(), reg.quality(), phases, mapRef, feat, rec);
  }
}
