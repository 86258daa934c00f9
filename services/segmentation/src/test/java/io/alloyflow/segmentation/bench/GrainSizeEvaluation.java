package io.alloyflow.segmentation.bench;

import io.alloyflow.segmentation.filters.Filters;
import io.alloyflow.segmentation.measure.GrainSize;
import io.alloyflow.segmentation.measure.GrainSizeResult;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.morphology.ConnectedComponents;
import io.alloyflow.segmentation.morphology.Watershed;
import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Polycrystal;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ASTM E112 on synthetic grains2d (run by bench/segmentation/run_grain_size_eval.sh), images as
 * {@code ./alloyflow synth grains2d} makes them: Laguerre grains with 10 um mean intercept and
 * dispersion 0.3 at 0.5 um pixels, channelling-contrast BSE at 200 e/px (or DOSE).
 *
 * <p>(a) Truth-map path: Heyn intercept (every row and column a test line) and Jeffries
 * planimetric on the exact grain map. (b) Segmented path: a 2-class pixel classifier (grain
 * interior vs. boundary band: pixels with a 4-neighbour in another grain; one auto-context stage,
 * prior correction) trained on seeds 1..T; grains = marker-controlled watershed of the smoothed
 * boundary probability from markers = interior regions (boundary probability below THR) of at
 * least MIN_AREA pixels; THR and MIN_AREA chosen on validation seeds 501..502 by the smallest
 * mean |G_Heyn - G_truth|. Test seeds 1001..1000+N. The truth G is the generator's own
 * intercept G (truth.json {@code astmGrainSizeNumber}).
 *
 * <p>Arguments: SIZE N_TRAIN N_TEST [DOSE].
 */
public final class GrainSizeEvaluation {
  private GrainSizeEvaluation() {}

  static final double PX = 0.5e-6;

  static Microstructure micro(long seed, int size) {
    return Polycrystal.generate2d(
        new Polycrystal.Params2d(size, size, PX, 10e-6, 0.3, "ferrite", Materials.IRON), seed);
  }

  static int[] boundaryBand(int[] ids, int w, int h) {
    int[] b = new int[ids.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if ((x + 1 < w && ids[i + 1] != ids[i]) || (y + 1 < h && ids[i + w] != ids[i])
            || (x > 0 && ids[i - 1] != ids[i]) || (y > 0 && ids[i - w] != ids[i])) {
          b[i] = 1;
        }
      }
    }
    return b;
  }

  /** Grain map from a boundary-probability map. */
  static int[] grains(float[] pb, int w, int h, double thr, int minArea) {
    byte[] inside = new byte[pb.length];
    for (int i = 0; i < pb.length; i++) {
      inside[i] = (byte) (pb[i] < thr ? 1 : 0);
    }
    int[] mk = ConnectedComponents.label(inside, w, h, false);
    int n = ConnectedComponents.count(mk);
    int[] area = new int[n + 1];
    for (int v : mk) {
      area[v]++;
    }
    int[] map = new int[n + 1];
    int next = 0;
    for (int l = 1; l <= n; l++) {
      map[l] = area[l] >= minArea ? ++next : 0;
    }
    for (int i = 0; i < mk.length; i++) {
      mk[i] = map[mk[i]];
    }
    float[] sm = Filters.gaussian(pb, w, h, 1.0);
    double[] relief = new double[pb.length];
    for (int i = 0; i < pb.length; i++) {
      relief[i] = sm[i];
    }
    return Watershed.flood(relief, mk, null, w, h, false);
  }

  public static void main(String[] args) {
    int size = Integer.parseInt(args[0]);
    int nTrain = Integer.parseInt(args[1]);
    int nTest = Integer.parseInt(args[2]);
    double dose = args.length > 3 ? Double.parseDouble(args[3]) : 200;
    SemConditions cond = SemConditions.bse().withDose(dose);
    List<TrainingImage> train = new ArrayList<>();
    for (int s = 1; s <= nTrain; s++) {
      Microstructure m = micro(s, size);
      SemSimulator.Result r = SemSimulator.render(m, cond, s);
      train.add(new TrainingImage(r.image().pixels(), size, size,
          boundaryBand(m.instanceMap().labels(), size, size), false, "grains2d(seed=" + s + ")"));
    }
    long t0 = System.nanoTime();
    PixelClassifier pc = PixelClassifier.train(train, List.of("interior", "boundary"),
        FeatureBank.ilastik(), PixelClassifier.Settings.defaults().withRefinement(1, true, 0));
    System.out.printf(Locale.ROOT, "grains2d %dx%d, 0.5 um px, dose %.0f; boundary classifier"
        + " trained on seeds 1..%d in %.1f s%n", size, size, dose, nTrain,
        (System.nanoTime() - t0) / 1e9);
    double[] thrs = {0.3, 0.5, 0.7};
    int[] areas = {10, 30, 60};
    double[][] val = new double[thrs.length][areas.length];
    for (long seed = 501; seed <= 502; seed++) {
      Microstructure m = micro(seed, size);
      double gTrue = ((Number) m.statistics().get("astmGrainSizeNumber")).doubleValue();
      float[] pb = pc.probabilities(SemSimulator.render(m, cond, seed).image().pixels(), size,
          size)[1];
      for (int a = 0; a < thrs.length; a++) {
        for (int b = 0; b < areas.length; b++) {
          int[] g = grains(pb, size, size, thrs[a], areas[b]);
          val[a][b] += Math.abs(GrainSize.heynIntercept(g, size, size, PX, size).g() - gTrue) / 2;
        }
      }
    }
    int ba = 0;
    int bb = 0;
    for (int a = 0; a < thrs.length; a++) {
      for (int b = 0; b < areas.length; b++) {
        if (val[a][b] < val[ba][bb]) {
          ba = a;
          bb = b;
        }
      }
    }
    System.out.printf(Locale.ROOT, "validation: threshold %.1f, min marker area %d px (mean |dG|"
        + " %.3f)%n", thrs[ba], areas[bb], val[ba][bb]);
    System.out.println("seed | truth G | grains | truth map: Heyn G (dG) | Jeffries G (dG)"
        + " | segmented: boundary IoU | grains | Heyn G (dG) [95% CI] | Jeffries G (dG)"
        + " | Jeffries - truth-map Jeffries");
    for (int t = 0; t < nTest; t++) {
      long seed = 1001 + t;
      Microstructure m = micro(seed, size);
      double gTrue = ((Number) m.statistics().get("astmGrainSizeNumber")).doubleValue();
      int count = ((Number) m.statistics().get("grainCount")).intValue();
      int[] ids = m.instanceMap().labels();
      GrainSizeResult h0 = GrainSize.heynIntercept(ids, size, size, PX, size);
      GrainSizeResult j0 = GrainSize.jeffriesPlanimetric(ids, size, size, PX, 1);
      float[][] p = pc.probabilities(SemSimulator.render(m, cond, seed).image().pixels(), size,
          size);
      double biou = SemanticMetrics.compute(pc.predict(
          SemSimulator.render(m, cond, seed).image().pixels(), size, size),
          boundaryBand(ids, size, size), 2).perClassIoU()[1];
      int[] g = grains(p[1], size, size, thrs[ba], areas[bb]);
      GrainSizeResult h1 = GrainSize.heynIntercept(g, size, size, PX, size);
      GrainSizeResult j1 = GrainSize.jeffriesPlanimetric(g, size, size, PX, 1);
      System.out.printf(Locale.ROOT, "%d | %.3f | %d | %.3f (%+.3f) | %.3f (%+.3f) | %.3f | %d"
              + " | %.3f (%+.3f) [%.3f, %.3f] | %.3f (%+.3f) | %+.3f%n",
          seed, gTrue, count, h0.g(), h0.g() - gTrue, j0.g(), j0.g() - gTrue, biou,
          ConnectedComponents.count(g), h1.g(), h1.g() - gTrue, h1.gLow(), h1.gHigh(), j1.g(),
          j1.g() - gTrue, j1.g() - j0.g());
    }
  }
}
