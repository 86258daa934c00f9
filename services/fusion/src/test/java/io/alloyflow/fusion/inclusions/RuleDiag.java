package io.alloyflow.fusion.inclusions;

import io.alloyflow.synthetic.fusion.InclusionField;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("bench")
class RuleDiag {
  @Test
  void diag() {
    InclusionField.Params p = InclusionField.Params.defaults();
    SpotQuantifier q = new SpotQuantifier(SteelCase.ELEMENTS, SteelCase.factors(p));
    RuleSet rules = RuleSet.builtIn();
    for (long seed = 1; seed <= 20; seed++) {
      SteelCase c = new SteelCase(p, seed);
      for (SteelCase.Matched m : c.matched) {
        Map<String, Double> comp = q.quantify(m.spectrum(), c.field.axis(), p.liveTimeS());
        String cls = rules.classify(comp);
        if (!cls.equals(m.truth())) {
          StringBuilder sb = new StringBuilder(m.truth() + " -> " + cls + ":");
          comp.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.1f", k, v)));
          sb.append(String.format(Locale.ROOT, " ecd=%.1f area=%d", m.particle().bseFeatures()[1],
              m.particle().areaPx()));
          System.out.println(sb);
        }
      }
    }
  }
}
