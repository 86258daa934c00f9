package io.alloyflow.fusion.inclusions;

import io.alloyflow.fusion.activity.InclusionScreeningModel;
import io.alloyflow.synthetic.fusion.InclusionField;
import io.alloyflow.synthetic.micro.Instance;
import io.alloyflow.synthetic.micro.Materials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic steel fields with detected particles matched to their true inclusions. */
final class SteelCase {
  static final List<String> ELEMENTS = List.of("O", "N", "Mg", "Al", "S", "Ca", "Ti", "Mn", "Fe");

  /** A detected particle with its truth and spectrum. */
  record Matched(Particle particle, String truth, double[] spectrum) {}

  final InclusionField field;
  final List<Particle> detected;
  final List<Matched> matched = new ArrayList<>();
  final int trueCount;

  SteelCase(InclusionField.Params p, long seed) {
    field = InclusionField.generate(p, seed);
    detected = ParticleDetector.detect(field.bse(), ParticleDetector.Options.defaults());
    int[] ids = field.microstructure().instanceMap().labels();
    List<Instance> inst = field.microstructure().instances();
    trueCount = inst.size();
    for (Particle d : detected) {
      int best = InclusionScreeningModel.trueInstance(d, ids);
      if (best > 0) {
        matched.add(new Matched(d, inst.get(best - 1).className(), field.spectra().get(best - 1)));
      }
    }
  }

  /** Sensitivity factors from simulated standards under the field's conditions. */
  static Map<String, Double> factors(InclusionField.Params p) {
    Map<Map<String, Double>, double[]> std = new LinkedHashMap<>();
    for (Map<String, Double> c : List.of(Materials.AL2O3, Materials.MNS, Materials.TIN,
        Materials.compound("Mg", 1, "O", 1), Materials.compound("Ca", 1, "O", 1),
        Materials.IRON)) {
      std.put(c, InclusionField.standard(c, p));
    }
    return SpotQuantifier.calibrate(ELEMENTS, std, new io.alloyflow.core.spectrum.EnergyAxis(0,
        10), p.liveTimeS());
  }
}
