package io.alloyflow.fusion.inclusions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.fusion.classify.Scores;
import io.alloyflow.synthetic.fusion.InclusionField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InclusionAnalysisTest {

  @Test
  void rulesClassifyHeldOutSyntheticInclusionsFromTheirSpectra() {
    InclusionField.Params p = InclusionField.Params.defaults();
    SpotQuantifier q = new SpotQuantifier(SteelCase.ELEMENTS, SteelCase.factors(p));
    RuleSet rules = RuleSet.builtIn();
    List<Integer> truth = new ArrayList<>();
    List<Integer> pred = new ArrayList<>();
    List<String> classes = new ArrayList<>(io.alloyflow.synthetic.micro.InclusionSteel.TYPES);
    classes.add("other");
    for (long seed : new long[] {3001, 3002}) {
      SteelCase c = new SteelCase(p, seed);
      assertTrue(c.matched.size() >= 0.75 * c.trueCount, "seed " + seed + ": matched "
          + c.matched.size() + " of " + c.trueCount + " inclusions");
      for (SteelCase.Matched m : c.matched) {
        String cls = rules.classify(q.quantify(m.spectrum(), c.field.axis(), p.liveTimeS()));
        truth.add(classes.indexOf(m.truth()));
        int i = classes.indexOf(cls);
        pred.add(i < 0 ? classes.size() - 1 : i);
      }
    }
    Scores s = Scores.of(truth.stream().mapToInt(Integer::intValue).toArray(),
        pred.stream().mapToInt(Integer::intValue).toArray(), classes.size());
    assertTrue(s.macroF1OverTruth() >= 0.95, "macro-F1 " + s.macroF1OverTruth());
  }

  @Test
  void ruleSyntaxErrorsNameTheLine() {
    String text = "ruleset test\nversion 2\nclass A: Al >= 30 and O >= 35\n"
        + "class B: Mn >> 40\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RuleSet.parse(text, "my.rules"));
    assertTrue(e.getMessage().startsWith("my.rules, line 4:"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RuleSet.parse("class A: true\n", "x.rules"), "name and version are required");
  }

  @Test
  void rulesAreTriedInOrderAndVersioned() {
    RuleSet r = RuleSet.parse("ruleset t\nversion 3.1\n# comment\nclass sulfide: S >= 20 and"
        + " (Mn >= 30 or Ca + Mn >= 40)\nclass rest: true\n", "t.rules");
    assertEquals("3.1", r.version());
    assertEquals("sulfide", r.classify(Map.of("S", 36.0, "Mn", 64.0)));
    assertEquals("sulfide", r.classify(Map.of("S", 40.0, "Ca", 25.0, "Mn", 20.0)));
    assertEquals("rest", r.classify(Map.of("Al", 50.0, "O", 50.0)));
    RuleSet r2 = RuleSet.parse("ruleset t\nversion 3.2\nclass rest: true\n", "t.rules");
    assertNotEquals(r.sha256(), r2.sha256());
    assertEquals("steel-inclusions", RuleSet.builtIn().name());
  }

  @Test
  void uniformMatrixHasNoParticles() {
    float[] px = new float[64 * 64];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) (20000 + 300 * rng.nextGaussian());
    }
    Micrograph m = new Micrograph(64, 64, px, 16, 0.25e-6, SignalType.BSE);
    assertTrue(ParticleDetector.detect(m, ParticleDetector.Options.defaults()).isEmpty());
  }

  @Test
  void cleanlinessReportCountsPerAreaAndSizeClass() {
    List<CleanlinessReport.Entry> e = List.of(new CleanlinessReport.Entry("MnS", 3.0, 7.0),
        new CleanlinessReport.Entry("MnS", 12.0, 100.0),
        new CleanlinessReport.Entry("Al2O3", 0.5, 0.2));
    Map<String, Object> r = CleanlinessReport.build(e, 0.5);
    assertEquals(6.0, (Double) r.get("particlesPerMm2"), 1e-12);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> c = (Map<String, Map<String, Object>>) r.get("classes");
    assertEquals(2, c.get("MnS").get("count"));
    assertEquals(214.0, (Double) c.get("MnS").get("areaUm2PerMm2"), 1e-9);
    @SuppressWarnings("unchecked")
    Map<String, Integer> sizes = (Map<String, Integer>) c.get("MnS").get("sizeClassesUm");
    assertEquals(1, sizes.get("2-4"));
    assertEquals(1, sizes.get("8-16"));
    assertEquals(1, ((Map<?, ?>) c.get("Al2O3").get("sizeClassesUm")).get("<1"));
  }

  @Test
  void ternaryCoordinatesOfPureAndMixedCompositions() {
    double[] b = Ternary.coordinates(Map.of("Al", 52.9, "O", 47.1), List.of("Al2O3", "CaO",
        "MgO"));
    assertEquals(1.0, b[0], 1e-12);
    double[] m = Ternary.coordinates(Map.of("Al", 10.0, "Ca", 10.0), List.of("Al2O3", "CaO",
        "MgO"));
    assertEquals(1.889 / (1.889 + 1.399), m[0], 1e-3);
  }
}
