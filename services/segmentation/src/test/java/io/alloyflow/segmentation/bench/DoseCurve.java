package io.alloyflow.segmentation.bench;

import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The accuracy-dose curve (run by {@code bench/segmentation/run_dose_curve.sh}): for each
 * generator and dose, the chosen segmentation paths of {@link DoseStudy} (classical; pixel
 * classifier trained at that dose; U-Net trained at that dose; U-Net trained once per generator
 * on all the run's doses) scored on held-out seeds; writes {@code dose-curve.csv} (one row per
 * generator, dose, path and seed), {@code dose-curve-summary.csv} (means and worst cases) and one
 * PNG per generator and metric ({@link DoseCurvePlot}).
 *
 * <p>Rows already in OUT_DIR's CSV files for other (generator, dose, path) triples are kept, so
 * one path can be added or rerun without rerunning the others; the plots are drawn from the
 * merged summary. {@code dose-curve.properties} in OUT_DIR records the image size, training
 * images, test seeds and pixel-classifier capacity, and a run whose settings differ from those of
 * the rows it would merge with is refused.
 *
 * <p>Arguments: OUT_DIR [SIZE=128] [N_TRAIN=2] [TEST_SEEDS=7001,7002,7003] [KINDS=dp-steel,
 * grains2d,al-alloy,powder] [DOSES=200,500,...,2e5] [TREES=30] [SAMPLES=1000]
 * [PATHS=classical,pixel-classifier,unet,unet-mixdose].
 */
public final class DoseCurve {
  private DoseCurve() {}

  /** The doses of the curve, electrons per pixel. */
  public static final double[] DOSES = {200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5};

  static final String ROWS_HEADER = "generator,dose_e_per_px,path,seed,miou,fraction_error,"
      + "max_abs_fraction_error,e112_dG";
  static final String SUMMARY_HEADER = "generator,dose_e_per_px,path,seeds,miou_mean,miou_min,"
      + "abs_fraction_error_mean,abs_fraction_error_max,abs_dG_mean,abs_dG_max";

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
    Set<DoseStudy.Method> methods = DoseStudy.Method.parseList(args.length > 8 ? args[8]
        : "classical,pixel-classifier,unet,unet-mixdose");
    PixelClassifier.Settings settings = PixelClassifier.Settings.defaults()
        .withCapacity(trees, 6, samples);
    DoseStudy.UNetRecipe recipe = DoseStudy.UNetRecipe.standard();
    Properties runSettings = new Properties();
    runSettings.setProperty("size", Integer.toString(size));
    runSettings.setProperty("trainingSeeds", "1.." + nTrain);
    runSettings.setProperty("validationSeeds", "501,502");
    runSettings.setProperty("testSeeds", join(seeds));
    runSettings.setProperty("pixelClassifier", trees + " trees, " + samples + " px/class/image");
    runSettings.setProperty("unetRecipe", recipe.toString());
    if (methods.contains(DoseStudy.Method.UNET_MIXDOSE)) {
      runSettings.setProperty("unetMixdoseTrainingDoses", join(doses));
    }
    checkSettings(out, runSettings, methods);

    Map<String, String> rows = readRows(out.resolve("dose-curve.csv"), ROWS_HEADER, 4);
    Map<String, String> summary = readRows(out.resolve("dose-curve-summary.csv"), SUMMARY_HEADER,
        3);
    System.out.printf(Locale.ROOT, "dose curve: %dx%d images, train seeds 1..%d, validation"
        + " 501-502, test seeds %s; paths %s; pixel classifier %d trees, %d px/class/image;"
        + " %s%n", size, size, nTrain, Arrays.toString(seeds), methods, trees, samples, recipe);
    for (String kid : kinds) {
      DoseStudy.Kind k = DoseStudy.Kind.parse(kid);
      DoseStudy.UNet mixDose = null;
      try {
        if (methods.contains(DoseStudy.Method.UNET_MIXDOSE)) {
          long t0 = System.nanoTime();
          // one model for every dose, with the same recipe (and training cost) as one per-dose
          // U-Net: the images of all doses share its 300 steps
          mixDose = DoseStudy.UNet.train(k, size, doses, nTrain, recipe);
          System.out.printf(Locale.ROOT, "%-9s unet-mixdose (doses %s): %s; %.1f s%n", k.id(),
              join(doses), mixDose.describe(), (System.nanoTime() - t0) / 1e9);
        }
        for (double dose : doses) {
          long t0 = System.nanoTime();
          List<DoseStudy.SeedScores> sc = DoseStudy.evaluate(k, size, dose, nTrain, seeds,
              methods, settings, recipe, mixDose, line -> System.out.println(line));
          for (DoseStudy.Method path : methods) {
            double[] miou = new double[sc.size()];
            double[] fe = new double[sc.size()];
            double[] dg = new double[sc.size()];
            for (int i = 0; i < sc.size(); i++) {
              DoseStudy.Score s = sc.get(i).scores().get(path);
              miou[i] = s.miou();
              fe[i] = Math.abs(s.fractionError());
              dg[i] = Math.abs(s.dG());
              String key = String.join(",", k.id(), num(dose), path.id(),
                  Long.toString(sc.get(i).seed()));
              rows.put(key, String.join(",", key, DoseStudy.fmt(s.miou()),
                  DoseStudy.fmt(s.fractionError()), DoseStudy.fmt(s.maxFractionError()),
                  DoseStudy.fmt(s.dG())));
            }
            String key = String.join(",", k.id(), num(dose), path.id());
            summary.put(key, String.join(",", key, Integer.toString(sc.size()),
                DoseStudy.fmt(mean(miou)), DoseStudy.fmt(min(miou)), DoseStudy.fmt(mean(fe)),
                DoseStudy.fmt(max(fe)), DoseStudy.fmt(mean(dg)), DoseStudy.fmt(max(dg))));
            System.out.printf(Locale.ROOT, "%-9s dose %8s %-16s mIoU %.4f (min %.4f)"
                + "  |fraction err| %.4f (max %.4f)  |dG| %.3f (max %.3f)%n", k.id(),
                num(dose), path.id(), mean(miou), min(miou), mean(fe), max(fe), mean(dg),
                max(dg));
          }
          System.out.printf(Locale.ROOT, "%-9s dose %8s done in %.1f s%n", k.id(), num(dose),
              (System.nanoTime() - t0) / 1e9);
          writeRows(out.resolve("dose-curve.csv"), ROWS_HEADER, rows);
          writeRows(out.resolve("dose-curve-summary.csv"), SUMMARY_HEADER, summary);
        }
      } finally {
        if (mixDose != null) {
          mixDose.close();
        }
      }
      plot(out, k, summary, size, seeds.length);
    }
  }

  /**
   * Refuses to merge with rows made under other settings; records the settings (and, per path,
   * the U-Net recipe only when a U-Net path ran) in {@code dose-curve.properties}.
   */
  static void checkSettings(Path out, Properties run, Set<DoseStudy.Method> methods)
      throws IOException {
    Path file = out.resolve("dose-curve.properties");
    boolean hasRows = Files.exists(out.resolve("dose-curve.csv"));
    Properties old = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file)) {
        old.load(r);
      }
    } else if (hasRows) {
      throw new IllegalArgumentException("found " + out.resolve("dose-curve.csv")
          + " without dose-curve.properties: cannot tell under which settings its rows were"
          + " made; write to an empty folder or add the properties file");
    }
    boolean unet = methods.contains(DoseStudy.Method.UNET)
        || methods.contains(DoseStudy.Method.UNET_MIXDOSE);
    for (String key : run.stringPropertyNames()) {
      if (key.equals("unetRecipe") && !unet) {
        continue;
      }
      String was = old.getProperty(key);
      // the mixed-dose U-Net's training doses are recorded, not checked: a rerun at other doses
      // replaces that path's rows at the doses it runs
      if (hasRows && was != null && !was.equals(run.getProperty(key))
          && !key.equals("unetMixdoseTrainingDoses")) {
        throw new IllegalArgumentException("the rows in " + out + " were made with " + key
            + " = " + was + " but this run has " + run.getProperty(key) + ": write to another"
            + " folder (first argument) or rerun every path with the same settings");
      }
      old.setProperty(key, run.getProperty(key));
    }
    try (Writer w = Files.newBufferedWriter(file)) {
      old.store(w, "settings of the rows in dose-curve.csv (DoseCurve)");
    }
  }

  /** Rows of a CSV file keyed by their first {@code keyColumns} columns (empty if absent). */
  static Map<String, String> readRows(Path csv, String header, int keyColumns)
      throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    if (!Files.exists(csv)) {
      return rows;
    }
    List<String> lines = Files.readAllLines(csv);
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new IOException("unexpected header in " + csv + ": expected '" + header
          + "', found '" + (lines.isEmpty() ? "" : lines.get(0)) + "'");
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      rows.put(String.join(",", Arrays.copyOf(f, keyColumns)), line);
    }
    return rows;
  }

  /** Writes rows sorted by generator (study order), dose, path (study order) and seed. */
  static void writeRows(Path csv, String header, Map<String, String> rows) throws IOException {
    Comparator<String> order = Comparator
        .comparing((String key) -> DoseStudy.Kind.parse(key.split(",")[0]).ordinal())
        .thenComparingDouble(key -> Double.parseDouble(key.split(",")[1]))
        .thenComparing(key -> DoseStudy.Method.parse(key.split(",")[2]).ordinal())
        .thenComparingLong(key -> {
          String[] f = key.split(",");
          return f.length > 3 ? Long.parseLong(f[3]) : 0;
        });
    List<String> out = new ArrayList<>();
    out.add(header);
    rows.keySet().stream().sorted(order).forEach(key -> out.add(rows.get(key)));
    Files.write(csv, out);
  }

  /** One PNG per metric of generator {@code k}, every path in the summary as a series. */
  static void plot(Path out, DoseStudy.Kind k, Map<String, String> summary, int size,
      int nSeeds) throws IOException {
    TreeSet<Double> doseSet = new TreeSet<>();
    Map<DoseStudy.Method, Map<Double, double[]>> byPath = new TreeMap<>();
    for (String line : summary.values()) {
      String[] f = line.split(",", -1);
      if (!f[0].equals(k.id())) {
        continue;
      }
      double dose = Double.parseDouble(f[1]);
      doseSet.add(dose);
      byPath.computeIfAbsent(DoseStudy.Method.parse(f[2]), m -> new TreeMap<>())
          .put(dose, new double[] {parse(f[4]), parse(f[6]), parse(f[8])});
    }
    if (doseSet.isEmpty()) {
      return;
    }
    double[] doses = doseSet.stream().mapToDouble(Double::doubleValue).toArray();
    String[] metrics = {"mIoU", "mean |phase-fraction error|", "mean |E112 dG|"};
    String[] files = {"miou", "fraction-error", "e112-error"};
    for (int m = 0; m < metrics.length; m++) {
      if (k == DoseStudy.Kind.GRAINS2D ? m == 1 : m == 2) {
        continue;
      }
      Map<String, double[]> ys = new LinkedHashMap<>();
      for (var e : byPath.entrySet()) {
        double[] y = new double[doses.length];
        for (int i = 0; i < doses.length; i++) {
          double[] v = e.getValue().get(doses[i]);
          y[i] = v == null ? Double.NaN : v[m];
        }
        ys.put(e.getKey().id(), y);
      }
      DoseCurvePlot.write(k.id() + ": " + metrics[m] + " vs dose (" + size + " px, seeds "
              + nSeeds + ")", metrics[m], doses, ys, m == 0 ? 0.95 : Double.NaN,
          out.resolve("dose-curve-" + k.id() + "-" + files[m] + ".png"));
    }
  }

  private static double parse(String v) {
    return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
  }

  private static String join(long[] v) {
    return String.join(",", Arrays.stream(v).mapToObj(Long::toString).toList());
  }

  private static String join(double[] v) {
    return String.join(",", Arrays.stream(v).mapToObj(DoseCurve::num).toList());
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
