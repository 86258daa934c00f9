package io.alloyflow.prediction.cli;

import io.alloyflow.prediction.data.Csv;
import io.alloyflow.prediction.model.MlpEnsemble;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.shap.ShapPlots;
import io.alloyflow.prediction.shap.ShapValues;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.Predictor;
import io.alloyflow.prediction.trained.Training;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alloyflow train <property> --data CSV --out MODEL_DIR}. */
@Command(mixinStandardHelpOptions = true,
    description = "Train a property model (deep MLP ensemble with conformal intervals) on an alloy"
        + " table in the MPEA layout; cross-validates it against Tribuo baselines on folds grouped"
        + " by alloy formula and writes MODEL_DIR/model.json, MODEL_CARD.md, SHA256SUMS and"
        + " shap_importance.png.")
public final class TrainPropertyCommand implements Callable<Integer> {
  private final String property;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, description = "training table (CSV, MPEA layout)")
  Path data;

  @Option(names = "--out", required = true, description = "model directory to write")
  Path out;

  @Option(names = "--folds", defaultValue = "5", description = "grouped CV folds (default 5)")
  int folds;

  @Option(names = "--members", defaultValue = "5", description = "ensemble members (default 5)")
  int members;

  @Option(names = "--epochs", defaultValue = "300", description = "epochs per member (default 300)")
  int epochs;

  @Option(names = "--seed", defaultValue = "42", description = "base seed (default 42)")
  long seed;

  @Option(names = "--tree-weight", defaultValue = "0.5", description = "weight of the XGBoost member in the"
      + " blend, fixed before training (default 0.5; 0: MLP ensemble only)")
  double treeWeight;

  @Option(names = "--no-baselines", description = "skip the Tribuo baselines")
  boolean noBaselines;

  @Option(names = "--cv-out", description = "also write the out-of-fold predictions (with the training"
      + " table's formulas and targets) to this CSV; keep it out of the repository")
  Path cvOut;

  @Option(names = "--register", description = "also register the model (and make it current)")
  boolean register;

  @Option(names = "--registry", description = "registry folder (default <repo>/.alloyflow/registry)")
  Path registryDir;

  public TrainPropertyCommand(String property) {
    this.property = property;
  }

  @Override
  public Integer call() throws IOException {
    Training.Settings d = Training.Settings.defaults();
    MlpEnsemble.Config c = d.ensemble();
    Training.Settings s =
        new Training.Settings(
            new MlpEnsemble.Config(members, c.hidden(), epochs, c.batchSize(), c.learningRate(),
                c.weightDecay(), c.logTarget(), seed),
            folds, d.foldSeed(), !noBaselines, d.backgroundSize(), treeWeight);
    Training.Result r;
    try {
      r = Training.run(data, property, s, System.out);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + PredictionCli.oneLine(e));
      return PredictionCli.BAD_INPUT;
    }
    String version = ModelIO.save(r.model(), out);
    if (cvOut != null) {
      writeCv(r, cvOut);
    }
    // global importance over the training rows
    var samples = new ArrayList<io.alloyflow.prediction.features.AlloySample>();
    io.alloyflow.prediction.data.AlloyTable t =
        io.alloyflow.prediction.data.AlloyTable.read(data, r.model().card().targetColumn());
    t.labelled().forEach(row -> samples.add(row.sample()));
    Predictor.Batch b = Predictor.predict(r.model(), samples, null, true, 0, seed);
    double[][] vals = b.candidates().stream().map(Predictor.Candidate::shap).toArray(double[][]::new);
    ShapValues sv = new ShapValues(b.players(), b.base(), vals, new double[0], b.shapMethod(), b.maxAdditivityError());
    Files.write(out.resolve("shap_importance.png"),
        ShapPlots.importance(b.players(), sv.meanAbs(), r.model().unit(),
            "Global importance, " + version + " (mean |SHAP| over " + vals.length + " training rows)"));
    System.out.printf(Locale.ROOT, "SHAP (%s) over %d training rows: max additivity error %.2e%n",
        b.shapMethod(), vals.length, b.maxAdditivityError());
    System.out.println("model " + version + " written to " + out);
    if (register) {
      ModelRegistry reg = PredictionCli.registry(registryDir);
      ModelRegistry.Entry e = reg.register(out, true, out.toAbsolutePath().toString());
      System.out.println("registered " + e.version() + " as current " + property + " model");
    }
    return 0;
  }

  static void writeCv(Training.Result r, Path file) throws IOException {
    var names = r.model().schema().names();
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      List<String> h = new ArrayList<>(List.of("formula", "family", "fold", "y"));
      h.addAll(names);
      for (String m : r.oof().keySet()) {
        h.add("oof_" + m);
      }
      Csv.writeRow(w, h);
      for (int i = 0; i < r.y().length; i++) {
        List<String> row = new ArrayList<>();
        row.add(r.groups().get(i));
        row.add(r.families().get(i));
        row.add(String.valueOf(r.fold()[i]));
        row.add(String.valueOf(r.y()[i]));
        for (double v : r.x()[i]) {
          row.add(String.valueOf(v));
        }
        for (double[] p : r.oof().values()) {
          row.add(String.valueOf(p[i]));
        }
        Csv.writeRow(w, row);
      }
    }
  }
}
