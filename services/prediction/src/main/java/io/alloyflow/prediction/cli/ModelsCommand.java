package io.alloyflow.prediction.cli;

import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.trained.ModelIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alloyflow models list|show}: every model shipped in {@code models/} (name, task, size,
 * path, recorded metric, from each folder's {@code zoo.properties}) and the registered property
 * models.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List shipped models (all tasks) and registered property models, or show a"
        + " model card.",
    subcommands = {ModelsCommand.ListCmd.class, ModelsCommand.Show.class})
public final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or show");
  }

  /** {@code models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List models.")
  static final class ListCmd implements Callable<Integer> {
    @Option(names = "--registry", description = "registry folder (default <repo>/.alloyflow/registry)")
    Path registryDir;

    @Override
    public Integer call() throws IOException {
      ModelRegistry reg = PredictionCli.registry(registryDir);
      io.alloyflow.core.models.ShippedModels zoo =
          new io.alloyflow.core.models.ShippedModels(ModelRegistry.defaultShippedDir());
      System.out.println("shipped (" + zoo.dir() + "):");
      System.out.printf("  %-28s %-22s %9s  %-40s %s%n", "NAME", "TASK", "SIZE", "PATH", "METRIC");
      for (io.alloyflow.core.models.ShippedModels.Entry e : zoo.list()) {
        System.out.printf(java.util.Locale.ROOT, "  %-28s %-22s %7.1f M  %-40s %s%n", e.name(),
            e.task(), e.sizeBytes() / 1e6, e.file(), e.metric());
      }
      ModelRegistry.Index i = reg.read();
      System.out.println("registered (" + (registryDir != null ? registryDir : PredictionCli.defaultRegistryDir()) + "):");
      if (i.versions().isEmpty()) {
        System.out.println("  (none)");
      }
      for (Map.Entry<String, ModelRegistry.Entry> e : i.versions().entrySet()) {
        ModelRegistry.Entry v = e.getValue();
        boolean cur = e.getKey().equals(i.current().get(v.property()));
        System.out.printf("  %s %-24s %s [%s] data sha256:%s… from %s%n", cur ? "*" : " ", v.version(),
            v.property(), v.unit(), v.dataSha256().substring(0, 12), v.source());
      }
      return 0;
    }
  }

  /** {@code models show REF}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a model's card.")
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "model directory, shipped name or registered version")
    String ref;

    @Option(names = "--registry", description = "registry folder (default <repo>/.alloyflow/registry)")
    Path registryDir;

    @Override
    public Integer call() throws IOException {
      try {
        Path shippedCard = ModelRegistry.defaultShippedDir().resolve(ref).resolve("MODEL_CARD.md");
        if (!ref.contains("/") && Files.isRegularFile(shippedCard)
            && !Files.isRegularFile(shippedCard.resolveSibling("model.json"))) {
          System.out.print(Files.readString(shippedCard)); // a shipped model of another service
          return 0;
        }
        ModelRegistry reg = PredictionCli.registry(registryDir);
        ModelRegistry.Resolved r = reg.resolve(ref, null);
        ModelIO.Loaded l = r.loaded();
        if (l.dir() != null && Files.isRegularFile(l.dir().resolve("MODEL_CARD.md"))) {
          System.out.print(Files.readString(l.dir().resolve("MODEL_CARD.md")));
        } else {
          System.out.print(ModelIO.cardMarkdown(l.model(), l.version()));
        }
        return 0;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("error: " + PredictionCli.oneLine(e));
        return PredictionCli.BAD_INPUT;
      }
    }
  }
}
