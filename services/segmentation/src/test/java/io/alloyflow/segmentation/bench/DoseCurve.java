package io.alloyflow.segmentation.bench;

import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accuracy-dose curve (run by {@code bench/segmentation/run_dose_curve.sh}): for each
 * generator and dose, both segmentation paths of {@link DoseStudy} (classical; pixel classifier
 * trained at that dose) scored on held-out seeds; writes {@code dose-curve.csv} (one row per
 * generator, dose, path and seed), {@code dose-curve-summary.csv} (means and worst cases) and one
 * PNG per generator and metric ({@link DoseCurvePlot}).
 *
 * <p>Arguments: OUT_DIR [SIZE=128] [N_TRAIN=2] [TEST_SEEDS=7001,7002,7003] [KINDS=dp-steel,
 * grains2d,al-alloy,powder] [DOSES=200,500,...,2e5] [TREES=30] [SAMPLES=1000].
 */
public final class DoseCurve {
  private DoseCurve() {}

  /** The doses of the curve, electrons per pixel. */
  public static final double[] DOSES = {200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5};

  public static void main(String[] args) throws IOException {
    Path out = Files.createDirectories(Path.of(args[0]));
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    int nTrain = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long[] seeds = args.length > 3
        ? Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray()
        : new long[] {7001, 7002, 7003};
    String[] kinds = args.length > 4 ? args[4].split(",")
        : new String[] {"dp-steel", "grains2d", "al-alloy", "powder"};
    double[] doses = args.length > 5
        ? Arrays.stream(args[5].split(",")).mapToDouble(Double::parseDouble).toArray() : DOSES;
    int trees = args.length > 6 ? Integer.parseInt(args[6]) : 30;
    int samples = args.length > 7 ? Integer.parseInt(args[7]) : 1000;
    PixelClassifier.Settings settings = PixelClassifier.Settings.defaults()
        .withCapacity(trees, 6, samples);
    List<String> rows = new ArrayList<>();
    rows.add("generator,dose_e_per_px,path,seed,miou,fraction_error,max_abs_fraction_error,"
        + "e112_dG");
    List<String> summary = new ArrayList<>();
    summary.add("generator,dose_e_per_px,path,seeds,miou_mean,miou_min,abs_fraction_error_mean,"
        + "abs_fraction_error_max,abs_dG_mean,abs_dG_max");
    System.out.printf(Locale.ROOT, "dose curve: %dx%d images, train seeds 1..%d, validation"
        + " 501-502, test seeds %s; pixel classifier %d trees, %d px/class/image%n", size, size,
        nTrain, Arrays.toString(seeds), trees, samples);
    for (String kid : kinds) {
      DoseStudy.Kind k = DoseStudy.Kind.parse(kid);
      Map<String, double[][]> series = new LinkedHashMap<>();
      for (String path : new String[] {"classical", "pixel-classifier"}) {
        // per dose: mean mIoU, mean |fraction error|, mean |dG|
        series.put(path, new double[3][doses.length]);
      }
      for (int di = 0; di < doses.length; di++) {
        long t0 = System.nanoTime();
        List<DoseStudy.SeedScores> sc = DoseStudy.evaluate(k, size, doses[di], nTrain, seeds,
            settings);
        for (String path : series.keySet()) {
          double[] miou = new double[sc.size()];
          double[] fe = new double[sc.size()];
          double[] dg = new double[sc.size()];
          for (int i = 0; i < sc.size(); i++) {
            DoseStudy.Score s = path.equals("classical") ? sc.get(i).classical()
                : sc.get(i).pixelClassifier();
            miou[i] = s.miou();
            fe[i] = Math.abs(s.fractionError());
            dg[i] = Math.abs(s.dG());
            rows.add(String.join(",", k.id(), num(doses[di]), path,
                Long.toString(sc.get(i).seed()), DoseStudy.fmt(s.miou()),
                DoseStudy.fmt(s.fractionError()), DoseStudy.fmt(s.maxFractionError()),
                DoseStudy.fmt(s.dG())));
          }
          double[][] ser = series.get(path);
          ser[0][di] = mean(miou);
          ser[1][di] = mean(fe);
          ser[2][di] = mean(dg);
          summary.add(String.join(",", k.id(), num(doses[di]), path,
              Integer.toString(sc.size()), DoseStudy.fmt(mean(miou)), DoseStudy.fmt(min(miou)),
              DoseStudy.fmt(mean(fe)), DoseStudy.fmt(max(fe)), DoseStudy.fmt(mean(dg)),
              DoseStudy.fmt(max(dg))));
          System.out.printf(Locale.ROOT, "%-9s dose %8s %-16s mIoU %.4f (min %.4f)"
              + "  |fraction err| %.4f (max %.4f)  |dG| %.3f (max %.3f)%n", k.id(),
              num(doses[di]), path, mean(miou), min(miou), mean(fe), max(fe), mean(dg), max(dg));
        }
        System.out.printf(Locale.ROOT, "%-9s dose %8s done in %.1f s%n", k.id(), num(doses[di]),
            (System.nanoTime() - t0) / 1e9);
        Files.write(out.resolve("dose-curve.csv"), rows);
        Files.write(out.resolve("dose-curve-summary.csv"), summary);
      }
      String[] metrics = {"mIoU", "mean |phase-fraction error|", "mean |E112 dG|"};
      String[] files = {"miou", "fraction-error", "e112-error"};
      for (int m = 0; m < metrics.length; m++) {
        if (k == DoseStudy.Kind.GRAINS2D ? m == 1 : m == 2) {
          continue;
        }
        Map<String, double[]> ys = new LinkedHashMap<>();
        for (var e : series.entrySet()) {
          ys.put(e.getKey(), e.getValue()[m]);
        }
        DoseCurvePlot.write(k.id() + ": " + metrics[m] + " vs dose (" + size + " px, seeds "
                + seeds.length + ")", metrics[m], doses, ys, m == 0 ? 0.95 : Double.NaN,
            out.resolve("dose-curve-" + k.id() + "-" + files[m] + ".png"));
      }
    }
  }

  static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static double mean(double[] v) {
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  static double min(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      m = Double.isNaN(m) || x < m ? x : m;
    }
    return m;
  }

  static double max(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      m = Double.isNaN(m) || x > m ? x : m;
    }
    return m;
  }
}
