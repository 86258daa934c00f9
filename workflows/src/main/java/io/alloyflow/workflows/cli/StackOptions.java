package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.embedded.StackSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by commands that run the stack. */
final class StackOptions {
  @Option(
      names = "--data-dir",
      description = "data directory for the artifact store and embedded graph (default: $ALLOYFLOW_HOME or ./.alloyflow)")
  Path dataDir;

  StackSettings settings() {
    return StackSettings.fromEnvironment(System.getenv(), dataDir);
  }
}
