package io.alloyflow.eds.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code eds}: command-line entry to the EDS algorithms ({@code identify}, {@code quantify},
 * {@code denoise}). Bad input prints one line on stderr and exits with code 2.
 */
@Command(
    name = "eds",
    mixinStandardHelpOptions = true,
    description = "EDS spectrum identification, quantification and spectrum-image denoising.",
    subcommands = {IdentifyCommand.class, QuantifyCommand.class, DenoiseCommand.class,
        MapsCommand.class})
public final class EdsCommand implements Runnable {
  /** Exit code for bad input. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: identify, quantify, denoise or maps");
  }

  /** Standalone entry point. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs with arguments and returns the exit code. */
  public static int execute(String... args) {
    return new CommandLine(new EdsCommand()).execute(args);
  }

  /** One-line error message of an exception. */
  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ').replace('\r', ' ');
  }
}
