package io.alloyflow.segmentation.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.measure.PhaseFractions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

public class PrecipitateSizeClassesTest {
  public static final int W = 480;
  public static final int H = 480;

  /** Paints a disc of class {@code c}; returns false (and paints nothing) if it would overlap. */
  static boolean disc(int[] lab, int cx, int cy, double r, int c, boolean[] taken) {
    int ri = (int) Math.ceil(r) + 2;
    for (int y = cy - ri; y <= cy + ri; y++) {
      for (int x = cx - ri; x <= cx + ri; x++) {
        if (x < 0 || y < 0 || x >= W || y >= H || taken[y * W + x]) {
          return false;
        }
      }
    }
    for (int y = cy - ri; y <= cy + ri; y++) {
      for (int x = cx - ri; x <= cx + ri; x++) {
        taken[y * W + x] = true;
        double dx = x - cx;
        double dy = y - cy;
        if (dx * dx + dy * dy <= r * r) {
          lab[y * W + x] = c;
        }
      }
    }
    return true;
  }

  /**
   * Non-touching discs of class {@code cls[k]} with radii drawn log-normally around {@code
   * radii[k]}, {@code n[k]} of each; {@code truth} (if given) gets 1 for the populations of radius
   * >= 10 px and 2 for the smaller ones.
   */
  public static int[] particles(long seed, double[] radii, int[] n, int[] cls, int[] truth) {
    Random rnd = new Random(seed);
    int[] lab = new int[W * H];
    boolean[] taken = new boolean[W * H];
    for (int k = 0; k < radii.length; k++) {
      int placed = 0;
      for (int tries = 0; placed < n[k] && tries < 20000; tries++) {
        double r = radii[k] * Math.exp(0.15 * rnd.nextGaussian());
        int cx = 2 + (int) (rnd.nextDouble() * (W - 4));
        int cy = 2 + (int) (rnd.nextDouble() * (H - 4));
        int[] before = lab.clone();
        if (disc(lab, cx, cy, r, cls[k], taken)) {
          placed++;
          if (truth != null) {
            for (int i = 0; i < lab.length; i++) {
              if (lab[i] != before[i]) {
                truth[i] = radii[k] >= 10 ? 1 : 2;
              }
            }
          }
        }
      }
      assertEquals(n[k], placed, "could not place the synthetic particles");
    }
    return lab;
  }

  @Test
  void twoSizePopulationsAreRelabelledBySize() {
    int[] truth = new int[W * H];
    // large and small particles, all called "coarse" (1) by a model that cannot tell them apart
    int[] lab = particles(7, new double[] {22, 3.5}, new int[] {25, 120}, new int[] {1, 1}, truth);
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(lab, W, H, 1, 2, SizeClassSettings.DEFAULTS);
    assertTrue(r.applied(), r.reason());
    assertTrue(r.thresholdDiameterPx() > 8 && r.thresholdDiameterPx() < 40,
        "threshold " + r.thresholdDiameterPx());
    assertTrue(r.mixture().ashmanD() >= 2, "D " + r.mixture().ashmanD());
    assertEquals(145, r.fineParticles() + r.coarseParticles());
    assertEquals(120, r.fineParticles());
    assertArrayEquals(truth, r.labels());
    // the input is left alone
    assertEquals(0, countOf(lab, 2));
  }

  @Test
  void modelsClassesAreOverruledBothWays() {
    int[] truth = new int[W * H];
    // the model called 3 large particles fine (2) and 25 small ones coarse (1)
    int[] lab = particles(11, new double[] {20, 20, 4, 4}, new int[] {17, 3, 25, 55},
        new int[] {1, 2, 1, 2}, truth);
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(lab, W, H, 1, 2, SizeClassSettings.DEFAULTS);
    assertTrue(r.applied(), r.reason());
    assertArrayEquals(truth, r.labels());
    long wrong = 0;
    for (int i = 0; i < lab.length; i++) {
      if (lab[i] != truth[i]) {
        wrong++;
      }
    }
    assertTrue(wrong > 0);
    assertEquals(wrong, r.changedPixels());
  }

  @Test
  void aSmallModeOfFragmentsThatContradictsTheModelIsNotUsed() {
    // ragged coarse particles leave many fragments (called coarse); the model's own fine particles
    // are mid-sized: a size split between fragments and the rest would turn them coarse
    int[] lab = particles(17, new double[] {20, 6, 2.3}, new int[] {12, 40, 110},
        new int[] {1, 2, 1}, null);
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(lab, W, H, 1, 2, SizeClassSettings.DEFAULTS);
    assertFalse(r.applied(), r.reason() + ", threshold " + r.thresholdDiameterPx());
    assertTrue(r.reason().contains("contradicts the model"), r.reason());
    assertArrayEquals(lab, r.labels());
  }

  @Test
  void onePopulationIsLeftUnchanged() {
    int[] lab = particles(3, new double[] {9}, new int[] {120}, new int[] {1}, null);
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(lab, W, H, 1, 2, SizeClassSettings.DEFAULTS);
    assertFalse(r.applied(), r.reason());
    assertTrue(r.reason().startsWith("one size population"), r.reason());
    assertArrayEquals(lab, r.labels());
    assertEquals(0, r.changedPixels());
  }

  @Test
  void tooFewParticlesBorderParticlesAndSpecksKeepTheirClass() {
    int[] lab = new int[W * H];
    boolean[] taken = new boolean[W * H];
    disc(lab, 100, 100, 20, 1, taken);
    disc(lab, 200, 200, 3, 1, taken);
    PrecipitateSizeClasses.Result few =
        PrecipitateSizeClasses.apply(lab, W, H, 1, 2, SizeClassSettings.DEFAULTS);
    assertFalse(few.applied());
    assertTrue(few.reason().startsWith("too few particles"), few.reason());
    assertNull(few.mixture());
    assertArrayEquals(lab, few.labels());

    int[] truth = new int[W * H];
    int[] many = particles(5, new double[] {20, 3.5}, new int[] {20, 80}, new int[] {1, 1},
        truth);
    // a small particle cut by the left border and a 3-pixel speck, both called coarse
    for (int y = 300; y < 304; y++) {
      many[y * W] = 1;
      many[y * W + 1] = 1;
      truth[y * W] = 1;
      truth[y * W + 1] = 1;
    }
    int speck = 5 * W + 240;
    many[speck] = 1;
    many[speck + 1] = 1;
    many[speck + W] = 1;
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(many, W, H, 1, 2, SizeClassSettings.DEFAULTS);
    assertTrue(r.applied(), r.reason());
    assertEquals(1, r.labels()[300 * W], "a particle cut by the border keeps its class");
    assertEquals(1, r.labels()[speck], "a speck keeps its class");
    // without the border rule the cut particle is small and becomes fine
    PrecipitateSizeClasses.Result all = PrecipitateSizeClasses.apply(many, W, H, 1, 2,
        new SizeClassSettings(8, 20, 2.0, false));
    assertEquals(2, all.labels()[300 * W]);
  }

  @Test
  void otherClassesAndIgnoredPixelsAreUntouched() {
    int[] lab = particles(9, new double[] {20, 3.5}, new int[] {20, 80}, new int[] {1, 1}, null);
    for (int i = 0; i < lab.length; i += 97) {
      if (lab[i] == 0) {
        lab[i] = i % 2 == 0 ? 3 : -1;
      }
    }
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(lab, W, H, 1, 2, SizeClassSettings.DEFAULTS);
    for (int i = 0; i < lab.length; i++) {
      if (lab[i] != 1) {
        assertEquals(lab[i], r.labels()[i], "pixel " + i);
      }
    }
  }

  @Test
  void mixtureSeparatesTwoPopulationsButNotOne() {
    Random rnd = new Random(1);
    double[] two = new double[150];
    for (int i = 0; i < two.length; i++) {
      two[i] = i < 110 ? Math.log(8) + 0.3 * rnd.nextGaussian()
          : Math.log(60) + 0.4 * rnd.nextGaussian();
    }
    PrecipitateSizeClasses.Mixture m = PrecipitateSizeClasses.fitMixture(two, Math.log(20));
    assertTrue(m.ashmanD() > 3 && m.deltaBic() > 0, m.toString());
    assertEquals(Math.log(8), m.mean()[0], 0.15);
    assertEquals(Math.log(60), m.mean()[1], 0.2);
    assertEquals(110.0 / 150, m.weight()[0], 0.05);
    double[] one = new double[300];
    for (int i = 0; i < one.length; i++) {
      one[i] = 3 + 0.4 * rnd.nextGaussian();
    }
    PrecipitateSizeClasses.Mixture u = PrecipitateSizeClasses.fitMixture(one, 3);
    assertTrue(u.ashmanD() < 2 || u.deltaBic() <= 0, "one Gaussian taken for two: D "
        + u.ashmanD() + ", BIC gain " + u.deltaBic());
    assertEquals(6.0, PrecipitateSizeClasses.otsuSplit(new double[] {10, 1, 2, 11, 1, 10}), 1e-12,
        "the split lies mid-gap");
    PrecipitateSizeClasses.Mixture same =
        PrecipitateSizeClasses.fitMixture(new double[] {2, 2, 2, 2, 2}, 2);
    assertEquals(0, same.ashmanD());
  }

  @Test
  void badArgumentsAreRejectedWithClearMessages() {
    int[] lab = new int[16];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrecipitateSizeClasses.apply(lab, 5, 5, 1, 2, SizeClassSettings.DEFAULTS));
    assertTrue(e.getMessage().contains("5x5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PrecipitateSizeClasses.apply(lab, 4, 4, 1, 1, SizeClassSettings.DEFAULTS));
    assertTrue(e.getMessage().contains("two different class indices"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SizeClassSettings(0, 20, 2, true));
    assertThrows(IllegalArgumentException.class, () -> new SizeClassSettings(8, 3, 2, true));
    assertThrows(IllegalArgumentException.class,
        () -> new SizeClassSettings(8, 20, Double.NaN, true));
  }

  @Test
  void stepNamesClassesAndAddsTheFineClassToATwoClassModel() {
    List<String> nasa = List.of("matrix", "secondary_gamma_prime", "tertiary_gamma_prime");
    SizeClassStep auto = SizeClassStep.parse("auto", nasa, SizeClassSettings.DEFAULTS);
    assertEquals("secondary_gamma_prime", auto.coarse());
    assertEquals("tertiary_gamma_prime", auto.fine());
    assertNull(SizeClassStep.parse("off", nasa, SizeClassSettings.DEFAULTS));
    List<String> two = List.of("matrix", "gamma_prime");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SizeClassStep.parse("auto", two, SizeClassSettings.DEFAULTS));
    assertTrue(e.getMessage().contains("COARSE,FINE") && e.getMessage().contains("gamma_prime"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SizeClassStep.parse("pores,small", two, SizeClassSettings.DEFAULTS));
    assertTrue(e.getMessage().contains("'pores' is not a class"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SizeClassStep.parse("a,b,c", two, SizeClassSettings.DEFAULTS));

    SizeClassStep step = SizeClassStep.parse("gamma_prime,tertiary", two,
        SizeClassSettings.DEFAULTS);
    int[] truth = new int[W * H];
    int[] lab = particles(13, new double[] {20, 3.5}, new int[] {20, 90}, new int[] {1, 1},
        truth);
    List<String> names = two;
    PhaseSegmentation seg = new PhaseSegmentation(new LabelMap(W, H, lab, names, 1e-8), names,
        PhaseFractions.measure(lab, W, H, names, 4, 1),
        new AlgorithmInfo("test", "1", "none", Map.of("method", "test")));
    PhaseSegmentation out = step.apply(seg, 4);
    assertEquals(List.of("matrix", "gamma_prime", "tertiary"), out.classNames());
    assertEquals(3, out.fractions().size());
    assertArrayEquals(truth, out.labels().labels());
    assertEquals("true", out.algorithm().parameters().get("sizeClasses.applied"));
    assertEquals("test", out.algorithm().parameters().get("method"));
    assertTrue(out.fractions().get(2).fraction() > 0);
  }

  @Test
  void aModelFolderRecordsItsMode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    assertNull(SizeClassStep.recordedMode(tmp), "no sidecar");
    java.nio.file.Files.writeString(tmp.resolve(SizeClassStep.SIDECAR), "other=1\n");
    assertNull(SizeClassStep.recordedMode(tmp), "sidecar without the key");
    java.nio.file.Files.writeString(tmp.resolve(SizeClassStep.SIDECAR),
        "# validated on Super1 val\nprecipitate-size-classes = auto\n");
    assertEquals("auto", SizeClassStep.recordedMode(tmp));
    java.nio.file.Path file = tmp.resolve("model.zip");
    java.nio.file.Files.writeString(file, "x");
    assertNull(SizeClassStep.recordedMode(file), "a model file has no sidecar");
  }

  static long countOf(int[] a, int v) {
    long n = 0;
    for (int x : a) {
      if (x == v) {
        n++;
      }
    }
    return n;
  }
}
