package io.alloyflow.prediction.trained;

import io.alloyflow.prediction.features.AlloyDescriptors;
import io.alloyflow.prediction.features.Composition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Shared test fixture: a synthetic table in the MPEA layout whose hardness is a known smooth
 * function of the descriptors (plus noise), and a small model trained on it once per JVM.
 */
public final class TestTables {
  private static Path modelDir;
  private static Path table;

  private TestTables() {}

  static final String[] ELEMENTS = {"Al", "Co", "Cr", "Fe", "Ni", "Ti", "Mo", "Cu"};

  /** The known function: harder with size mismatch and lower VEC, softer when annealed. */
  public static double truth(Composition c, String route) {
    AlloyDescriptors d = AlloyDescriptors.of(c);
    return 150 + 60 * d.sizeMismatch() + 25 * (9 - d.vec()) - ("ANNEAL".equals(route) ? 40 : 0);
  }

  /** Writes the synthetic table ({@code n} rows, 3 rows per alloy). */
  public static Path write(Path dir, int n, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    lines.add("FORMULA,PROPERTY: Processing method,PROPERTY: Microstructure,PROPERTY: HV");
    String formula = "";
    Composition comp = null;
    for (int i = 0; i < n; i++) {
      if (i % 3 == 0) {
        StringBuilder f = new StringBuilder();
        for (String e : ELEMENTS) {
          if (r.nextDouble() < 0.6) {
            f.append(e).append(String.format(Locale.ROOT, "%.2f ", r.nextDouble(0.2, 1.5)));
          }
        }
        if (f.length() == 0) {
          f.append("Fe1 Ni1 ");
        }
        formula = f.toString().trim();
        comp = Composition.parse(formula);
      }
      String route = r.nextBoolean() ? "CAST" : "ANNEAL";
      double hv = truth(comp, route) + r.nextDouble(-10, 10);
      lines.add(formula + "," + route + ",BCC," + String.format(Locale.ROOT, "%.1f", hv));
    }
    Path f = dir.resolve("synthetic_hv.csv");
    Files.write(f, lines);
    return f;
  }

  /** Small settings for tests. */
  public static Training.Settings smallSettings(boolean baselines) {
    return new Training.Settings(
        new io.alloyflow.prediction.model.MlpEnsemble.Config(5, new int[] {32, 32}, 60, 32, 5e-3, 1e-4, true, 42),
        3, 7, baselines, 4, 0.5);
  }

  /** A model trained once on the synthetic table; its directory. */
  public static synchronized Path model() throws IOException {
    if (modelDir == null) {
      Path dir = Files.createTempDirectory("alloyflow-test-model");
      table = write(dir, 150, 5);
      Training.Result res = Training.run(table, "hardness", smallSettings(false), new java.io.PrintStream(
          java.io.OutputStream.nullOutputStream()));
      ModelIO.save(res.model(), dir.resolve("model"));
      modelDir = dir.resolve("model");
    }
    return modelDir;
  }

  /** The table the shared model was trained on. */
  public static synchronized Path table() throws IOException {
    model();
    return table;
  }
}
