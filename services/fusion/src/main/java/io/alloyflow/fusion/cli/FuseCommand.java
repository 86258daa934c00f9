package io.alloyflow.fusion.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code alloyflow fuse register|classify}. */
@Command(name = "fuse", mixinStandardHelpOptions = true,
    description = "SEM-EDS fusion: register a SEM image to a spectrum image; classify phases from"
        + " both.", subcommands = {RegisterCommand.class, ClassifyCommand.class})
public final class FuseCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
