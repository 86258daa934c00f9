package io.alloyflow.segmentation.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Stand-alone entry for benchmarks and tests (the product registers the commands in the alloyflow
 * launcher): {@code segment}, {@code train segmentation}, {@code eval segmentation}.
 */
@Command(name = "alloyflow-segmentation", mixinStandardHelpOptions = true)
public final class SegmentationCliMain {
  @Command(name = "train", description = "train models")
  static final class Train {}

  @Command(name = "eval", description = "evaluate predictions")
  static final class Eval {}

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SegmentationCliMain());
    cl.addSubcommand("segment", new SegmentCommand());
    cl.addSubcommand("train", new CommandLine(new Train()).addSubcommand(new TrainSegmentationCommand()));
    cl.addSubcommand("eval", new CommandLine(new Eval()).addSubcommand(new EvalSegmentationCommand()));
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
