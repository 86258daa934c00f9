package io.alloyflow.prediction.cli;

import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.trained.Training;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Registers the prediction commands on the {@code alloyflow} command line: {@code train
 * <property>}, {@code predict <property>} and {@code models list|show}.
 */
public final class PredictionCli {
  /** Exit code for bad input. */
  public static final int BAD_INPUT = 2;

  private PredictionCli() {}

  /** Standalone root ({@code java io.alloyflow.prediction.cli.PredictionCli train hardness ...}). */
  @Command(name = "alloyflow-prediction", mixinStandardHelpOptions = true,
      description = "Property models: train, predict, models.")
  static final class Root implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  /** Standalone entry point. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the standalone command line and returns the exit code. */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Root());
    register(cl);
    return cl.execute(args);
  }

  /** Parent of {@code predict <property>}. */
  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = "Predict a property for a table of candidate alloys (mean, std, 95 % interval, SHAP).")
  public static final class Predict implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "missing property: one of " + Training.PROPERTIES.keySet());
    }
  }

  /**
   * Adds {@code <property>} under the existing {@code train} command (creating it when absent),
   * and the {@code predict} and {@code models} commands.
   */
  public static void register(CommandLine root) {
    CommandLine train = root.getSubcommands().get("train");
    if (train == null) {
      train = new CommandLine(new TrainParent());
      root.addSubcommand("train", train);
    }
    CommandLine predict = new CommandLine(new Predict());
    for (String p : Training.PROPERTIES.keySet()) {
      train.addSubcommand(p, new CommandLine(new TrainPropertyCommand(p)));
      predict.addSubcommand(p, new CommandLine(new PredictPropertyCommand(p)));
    }
    root.addSubcommand("predict", predict);
    root.addSubcommand("models", new CommandLine(new ModelsCommand()));
  }

  /** Used only when no {@code train} command exists yet. */
  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model.")
  static final class TrainParent implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  /** The registry under a folder: {@code DIR/store} and {@code DIR/index.json}. */
  static ModelRegistry registry(Path dir) throws IOException {
    Path d = dir != null ? dir : ModelRegistry.defaultDir();
    return new ModelRegistry(
        new FileSystemArtifactStore(d.resolve("store")), d.resolve("index.json"),
        ModelRegistry.defaultShippedDir());
  }

  /** {@code <repoRoot>/.alloyflow/registry}. */
  static Path defaultRegistryDir() {
    return ModelRegistry.defaultDir();
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ').replace('\r', ' ');
  }
}
