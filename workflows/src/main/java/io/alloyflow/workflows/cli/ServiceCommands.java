package io.alloyflow.workflows.cli;

import picocli.CommandLine;

/** Adds the services' own commands (each service owns its command classes). */
final class ServiceCommands {
  private ServiceCommands() {}

  static void register(CommandLine cl) {
    // service command classes are registered here as they become available
  }
}
