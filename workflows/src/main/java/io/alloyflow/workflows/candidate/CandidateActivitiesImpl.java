package io.alloyflow.workflows.candidate;

import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.synthetic.mpea.MpeaAlloy;
import io.alloyflow.synthetic.mpea.MpeaHardness;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthesis of a candidate with the synthetic world's MPEA generator and spectrum simulator. */
public final class CandidateActivitiesImpl implements CandidateActivities {
  /** Beam energy (keV), live time (s) and probe current (nA) of the simulated bulk spectrum. */
  static final double BEAM_KEV = 20;
  static final double LIVE_S = 60;
  static final double PROBE_NA = 1;

  private final ArtifactStore store;

  public CandidateActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public SynthesizedCandidate synthesize(CandidateRequest r) {
    long t0 = System.currentTimeMillis();
    try {
      MpeaAlloy.Params p = new MpeaAlloy.Params(r.imageSize(), r.pixelSizeUm() * 1e-6, r.aluminium(),
          r.grainInterceptUm() * 1e-6);
      SyntheticSample s = MpeaAlloy.sample(p, r.seed());
      ArtifactRef micrograph = store.put(ArrowIO.toArrow(s.bse()), ArrowIO.MEDIA_TYPE);
      double bcc = MpeaAlloy.bccFraction(r.aluminium());
      Map<String, Double> mass = MpeaAlloy.massFractions(MpeaAlloy.bulkAtomic(bcc));
      Path tmp = Files.createTempFile("candidate-", ".msa");
      ArtifactRef spectrum;
      try {
        EmsaIO.write(SyntheticWorld.simulateSpectrum(mass, BEAM_KEV, LIVE_S, PROBE_NA, r.seed()), tmp);
        spectrum = store.putFile(tmp, "application/x-emsa");
      } finally {
        Files.deleteIfExists(tmp);
      }
      Map<String, Double> truth = new LinkedHashMap<>();
      truth.put("bccFraction", bcc);
      truth.put("hardnessHv", MpeaHardness.hardnessHv(r.aluminium(), r.grainInterceptUm()));
      Map<String, String> params = new LinkedHashMap<>();
      params.put("aluminium", Double.toString(r.aluminium()));
      params.put("grainInterceptUm", Double.toString(r.grainInterceptUm()));
      params.put("imageSize", Integer.toString(r.imageSize()));
      params.put("pixelSizeUm", Double.toString(r.pixelSizeUm()));
      params.put("beamKeV", Double.toString(BEAM_KEV));
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      ActivityRecord rec = ActivityRecord.builder("candidate-synthesis", "synthetic",
              new AlgorithmInfo("mpea-AlxCoCrFeNi+spectrum-simulator", "1", "Kao et al. 2009, J. Alloys Compd."
                  + " 488:57 (phases); SyntheticWorld.simulateSpectrum (bulk EDS)", params))
          .generated(List.of(new ArtifactUse("micrograph", "Micrograph", micrograph),
              new ArtifactUse("spectrum", "Spectrum", spectrum)))
          .summary(truth)
          .seed(r.seed())
          .timing(t0, System.currentTimeMillis() - t0)
          .execution(info.getWorkflowId(), info.getRunId(), info.getAttempt())
          .build();
      return new SynthesizedCandidate(micrograph, spectrum, truth, rec);
    } catch (IllegalArgumentException | io.alloyflow.core.io.FormatException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause("artifact store: " + e.getMessage(), "StoreFailure", e);
    }
  }
}
