package io.alloyflow.workflows.cli;

import io.alloyflow.eds.cli.EdsCommand;
import io.alloyflow.fusion.cli.FuseCommand;
import io.alloyflow.fusion.cli.InclusionsCommand;
import io.alloyflow.segmentation.cli.EvalSegmentationCommand;
import io.alloyflow.segmentation.cli.SegmentCommand;
import io.alloyflow.segmentation.cli.TrainSegmentationCommand;
import io.alloyflow.synthetic.cli.SynthCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Adds the services' own commands (each service owns its command classes). */
final class ServiceCommands {
  private ServiceCommands() {}

  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model.")
  static final class Train implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate results against ground truth.")
  static final class Eval implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  static void register(CommandLine cl) {
    cl.addSubcommand(new SynthCommand());
    cl.addSubcommand(new SegmentCommand());
    cl.addSubcommand(new EdsCommand());
    cl.addSubcommand(new FuseCommand());
    cl.addSubcommand(new InclusionsCommand());
    cl.addSubcommand(new CommandLine(new Train()).addSubcommand(new TrainSegmentationCommand())
        .addSubcommand(new TrainPropertyModelCommand()));
    cl.addSubcommand(new CommandLine(new Eval()).addSubcommand(new EvalSegmentationCommand()));
    io.alloyflow.prediction.cli.PredictionCli.register(cl);
  }
}
