package io.alloyflow.prediction.cli;

import io.alloyflow.prediction.data.AlloyTable;
import io.alloyflow.prediction.data.Csv;
import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.ElementData;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.shap.ShapPlots;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.Predictor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alloyflow predict <property> --model MODEL --input CSV --out CSV}: the input's columns
 * plus {@code <unit>_pred}, {@code <unit>_std}, {@code <unit>_lo95}, {@code <unit>_hi95}, one
 * {@code shap_<player>} column per Shapley player and {@code model_version}; a row that cannot be
 * used keeps its cells and gets the reason in an {@code error} column.
 */
@Command(mixinStandardHelpOptions = true,
    description = "Predict a property for every row of a CSV of candidate alloys (FORMULA column"
        + " with element-amount pairs; optional processing, phases, test temperature and"
        + " sigma_<Element> atomic-fraction uncertainty columns).")
public final class PredictPropertyCommand implements Callable<Integer> {
  private final String property;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", description = "model directory, shipped model name or registered version"
      + " (default: the registry's current model, else the shipped one)")
  String model;

  @Option(names = "--input", required = true, description = "candidate table (CSV)")
  Path input;

  @Option(names = "--out", required = true, description = "output CSV")
  Path out;

  @Option(names = "--no-shap", description = "skip the Shapley values")
  boolean noShap;

  @Option(names = "--shap-players", defaultValue = "features",
      description = "Shapley players: features (one per descriptor / feature group, default) or inputs"
          + " (composition, route, phases, temperature: 2^4 coalitions, for large batches)")
  String shapPlayers;

  @Option(names = "--plots", description = "folder for shap_importance.png and waterfall PNGs of the first rows")
  Path plots;

  @Option(names = "--waterfalls", defaultValue = "5", description = "waterfall PNGs to write with --plots (default 5)")
  int waterfalls;

  @Option(names = "--registry", description = "registry folder (default <repo>/.alloyflow/registry)")
  Path registryDir;

  @Option(names = "--mc", defaultValue = "200", description = "Monte Carlo draws for sigma_<El> columns (default 200)")
  int mc;

  public PredictPropertyCommand(String property) {
    this.property = property;
  }

  @Override
  public Integer call() throws IOException {
    try {
      return run();
    } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
      spec.commandLine().getErr().println("error: " + PredictionCli.oneLine(e));
      return PredictionCli.BAD_INPUT;
    }
  }

  private int run() throws IOException {
    Predictor.Explain explain = noShap ? Predictor.Explain.NONE : Predictor.Explain.parse(shapPlayers);
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException(input + ": no such file");
    }
    if (Files.size(input) == 0) {
      throw new IllegalArgumentException(input + ": empty file (expected a header row with a FORMULA column)");
    }
    ModelRegistry reg = PredictionCli.registry(registryDir);
    ModelIO.Loaded m;
    if (model != null) {
      m = reg.resolve(model, property).loaded();
    } else {
      m = reg.current(property)
          .orElseThrow(() -> new IllegalArgumentException(
              "no " + property + " model: give --model, or train one with `alloyflow train " + property + "`"))
          .loaded();
    }
    AlloyTable t = AlloyTable.read(input, null);
    List<AlloySample> ok = new ArrayList<>();
    List<Map<String, Double>> sig = new ArrayList<>();
    List<Integer> okRow = new ArrayList<>();
    String[] errors = new String[t.rows().size()];
    for (int i = 0; i < t.rows().size(); i++) {
      AlloyTable.Row r = t.rows().get(i);
      if (!r.usable()) {
        errors[i] = r.error();
        continue;
      }
      try {
        Map<String, Double> s = new HashMap<>();
        for (int c = 0; c < t.header().size(); c++) {
          String h = t.header().get(c);
          if (h.startsWith("sigma_") && !r.cells().get(c).isBlank()) {
            String el = h.substring(6);
            ElementData.of(el);
            double v;
            try {
              v = Double.parseDouble(r.cells().get(c).trim());
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(input.getFileName() + ": line " + r.line() + ", column "
                  + h + ": '" + r.cells().get(c) + "' is not a number");
            }
            if (!(v >= 0) || !Double.isFinite(v)) {
              throw new IllegalArgumentException(input.getFileName() + ": line " + r.line() + ", column "
                  + h + ": must be a finite number >= 0, found " + v);
            }
            s.put(el, v);
          }
        }
        io.alloyflow.prediction.features.HardnessFeatures.vector(r.sample());
        ok.add(r.sample());
        sig.add(s);
        okRow.add(i);
      } catch (IllegalArgumentException e) {
        errors[i] = e.getMessage().startsWith(input.getFileName().toString())
            ? e.getMessage() : input.getFileName() + ": line " + r.line() + ": " + e.getMessage();
      }
    }
    Predictor.Batch b = Predictor.predict(m.model(), ok, sig, explain, mc, 1);
    String u = m.model().unit();
    List<String> header = new ArrayList<>(t.header());
    header.addAll(List.of(u + "_pred", u + "_std", u + "_model_std", u + "_input_std", u + "_lo95", u + "_hi95"));
    if (!noShap) {
      for (String p : b.players()) {
        header.add("shap_" + p);
      }
      header.add("shap_base");
    }
    header.add("domain_warning");
    header.add("model_version");
    header.add("error");
    Predictor.Candidate[] byRow = new Predictor.Candidate[t.rows().size()];
    for (int k = 0; k < okRow.size(); k++) {
      byRow[okRow.get(k)] = b.candidates().get(k);
    }
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    int bad = 0;
    try (BufferedWriter w = Files.newBufferedWriter(out)) {
      Csv.writeRow(w, header);
      for (int i = 0; i < t.rows().size(); i++) {
        List<String> row = new ArrayList<>(t.rows().get(i).cells().subList(0, t.header().size()));
        Predictor.Candidate c = byRow[i];
        if (c == null) {
          bad++;
          int blanks = 6 + (noShap ? 0 : b.players().size() + 1);
          for (int k = 0; k < blanks; k++) {
            row.add("");
          }
          row.add("");
          row.add(m.version());
          row.add(errors[i]);
        } else {
          for (double v : new double[] {c.mean(), c.std(), c.modelStd(), c.inputStd(), c.lo95(), c.hi95()}) {
            row.add(fmt(v));
          }
          if (!noShap) {
            for (double v : c.shap()) {
              row.add(fmt(v));
            }
            row.add(fmt(b.base()));
          }
          row.add(c.domainWarning());
          row.add(m.version());
          row.add("");
        }
        Csv.writeRow(w, row);
      }
    }
    if (plots != null && !noShap && !ok.isEmpty()) {
      Files.createDirectories(plots);
      double[] meanAbs = new double[b.players().size()];
      for (Predictor.Candidate c : b.candidates()) {
        for (int j = 0; j < meanAbs.length; j++) {
          meanAbs[j] += Math.abs(c.shap()[j]) / b.candidates().size();
        }
      }
      Files.write(plots.resolve("shap_importance.png"),
          ShapPlots.importance(b.players(), meanAbs, u, "Mean |SHAP| over " + ok.size() + " candidates, " + m.version()));
      for (int k = 0; k < Math.min(waterfalls, ok.size()); k++) {
        Predictor.Candidate c = b.candidates().get(k);
        int line = t.rows().get(okRow.get(k)).line();
        Files.write(plots.resolve("waterfall_line" + line + ".png"),
            ShapPlots.waterfall(b.players(), b.base(), c.shap(), c.mean(), u,
                t.rows().get(okRow.get(k)).sample().composition().canonical() + " (line " + line + ")"));
      }
    }
    System.out.printf(Locale.ROOT, "%d rows predicted with %s, %d rows with an error; %s%s%n",
        ok.size(), m.version(), bad, out, noShap ? "" : String.format(Locale.ROOT,
            " (SHAP %s, max additivity error %.1e)", b.shapMethod(), b.maxAdditivityError()));
    return 0;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
