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
 * {@code alloyflow models list|show|verify}: every model shipped in {@code models/} (name, task,
 * size, path, recorded metric, from each folder's {@code zoo.properties}) and the registered
 * property models; {@code verify} checks the shipped files against their SHA-256 sums.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List shipped models (all tasks) and registered property models, show a"
        + " model card, or verify the shipped files.",
    subcommands = {ModelsCommand.ListCmd.class, ModelsCommand.Show.class, ModelsCommand.Verify.class})
public final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, show or verify");
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

  /** {@code models verify [NAME...]}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check shipped models' files against their SHA256SUMS (all models when no name"
          + " is given): a damaged, changed or missing file, or a Git LFS pointer, is reported by"
          + " name. Exit code 1 when any model fails.")
  static final class Verify implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "shipped model names (default: every shipped model)")
    java.util.List<String> names = new java.util.ArrayList<>();

    @Option(names = "--dir", description = "models folder (default <repo>/models)")
    Path dir;

    @Override
    public Integer call() throws IOException {
      io.alloyflow.core.models.ShippedModels zoo = new io.alloyflow.core.models.ShippedModels(
          dir != null ? dir : ModelRegistry.defaultShippedDir());
      java.util.List<io.alloyflow.core.models.ShippedModels.Entry> entries = new java.util.ArrayList<>();
      if (names.isEmpty()) {
        entries.addAll(zoo.list());
      } else {
        for (String n : names) {
          entries.add(zoo.resolve(n, null));
        }
      }
      if (entries.isEmpty()) {
        System.err.println("error: no shipped model in " + zoo.dir());
        return 1;
      }
      int failed = 0;
      for (io.alloyflow.core.models.ShippedModels.Entry e : entries) {
        try {
          int n = io.alloyflow.core.models.ShippedModels.verify(e).size();
          System.out.printf(java.util.Locale.ROOT, "ok      %-28s %d file%s%n", e.name(), n, n == 1 ? "" : "s");
        } catch (IllegalStateException x) {
          failed++;
          System.out.printf(java.util.Locale.ROOT, "FAILED  %-28s %s%n", e.name(), x.getMessage());
        }
      }
      System.out.println(failed == 0 ? entries.size() + " models intact"
          : failed + " of " + entries.size() + " models failed");
      return failed == 0 ? 0 : 1;
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
