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

/** {@code alloyflow models list|show}: shipped and registered property models. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List shipped and registered property models, or show one's model card.",
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
      System.out.println("shipped (" + ModelRegistry.defaultShippedDir() + "):");
      for (Path p : reg.shippedModels()) {
        try {
          ModelIO.Loaded l = ModelIO.load(p, null);
          System.out.printf("  %-28s %s  %s [%s]%n", p.getFileName(), l.version(), l.model().property(), l.model().unit());
        } catch (IllegalArgumentException e) {
          System.out.printf("  %-28s unreadable: %s%n", p.getFileName(), PredictionCli.oneLine(e));
        }
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
