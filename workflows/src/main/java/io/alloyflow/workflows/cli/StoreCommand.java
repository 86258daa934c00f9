package io.alloyflow.workflows.cli;

import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.core.store.StoreReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alloyflow store verify [--repair] [--data-dir DIR]}: rehashes every object of the
 * artifact store in {@code DIR/artifacts} and reports corrupt objects, objects without a media
 * type, partial files of killed writers and stray files. Exit code 0 when the store is clean, 1
 * when problems were found (also when --repair fixed them), 2 for bad usage or a missing store.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Artifact store maintenance.", subcommands = StoreCommand.Verify.class)
final class StoreCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Rehash every stored object; report (and with --repair quarantine) corrupt "
          + "ones. Exit 0 clean, 1 problems found, 2 usage.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--repair",
        description = "move corrupt objects to <store>/quarantine and delete partial files "
            + "older than 10 minutes")
    boolean repair;

    @Mixin StackOptions stack;

    @Override
    public Integer call() throws Exception {
      Path root = stack.settings().dataDir().resolve("artifacts");
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isDirectory(root)) {
        err.println("error: no artifact store at " + root + " (give --data-dir)");
        return 2;
      }
      StoreReport r = new FileSystemArtifactStore(root).verify(repair);
      out.println("store " + root + ": " + r.objects() + " objects, " + r.bytes() + " bytes");
      list(out, "corrupt", r.corrupt());
      list(out, "missing media type", r.missingType());
      list(out, "media type without object", r.orphanTypes());
      list(out, "partial write", r.partial());
      list(out, "stray file", r.stray());
      list(out, "quarantined", r.quarantined());
      list(out, "removed partial", r.removedPartial());
      out.println(r.clean() ? "clean" : "problems found" + (repair ? " (repaired where possible)"
          : " (run with --repair to quarantine corrupt objects)"));
      out.flush();
      return r.clean() ? 0 : 1;
    }

    private static void list(PrintWriter out, String what, List<?> items) {
      for (Object o : items) {
        out.println("  " + what + ": " + o);
      }
    }
  }
}
