package io.alloyflow.workflows.cli;

import io.alloyflow.core.io.FormatException;
import io.temporal.failure.TemporalException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code alloyflow} command. */
@Command(
    name = "alloyflow",
    mixinStandardHelpOptions = true,
    version = "alloyflow 0.1.0",
    description = "Integrated property prediction of metals from SEM and EDS data.",
    subcommands = {
      DemoCommand.class,
      AnalyzeCommand.class,
      BatchCommand.class,
      InclusionScanCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      WatchCommand.class,
      TokensCommand.class,
      StoreCommand.class,
      GraphCommand.class,
      CampaignCommand.class,
      RemoteAnalysisCommands.Submit.class,
      RemoteAnalysisCommands.Status.class,
      RemoteAnalysisCommands.Result.class,
      io.alloyflow.eds.cli.InfoCommand.class,
      io.alloyflow.eds.cli.ConvertCommand.class,
    })
public final class AlloyflowCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad input). */
  public static int execute(String... args) {
    return execute(null, args);
  }

  /** Runs with stderr sent to {@code err} (null = the process' stderr). */
  public static int execute(java.io.PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new AlloyflowCli());
    ServiceCommands.register(cl);
    io.alloyflow.prediction.imagemodels.cli.MicromechCli.register(cl); // train/predict fracture-strain|volume-property
    if (err != null) {
      cl.setErr(err); // after registering: picocli applies it to the subcommands present now
    }
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean debug = "1".equals(System.getenv("ALLOYFLOW_DEBUG"));
          if (debug) {
            ex.printStackTrace();
          }
          commandLine.getErr().println("error: " + oneLine(ex));
          return isBadInput(ex) ? 2 : 1;
        });
    return cl.execute(args);
  }

  static boolean isBadInput(Throwable ex) {
    return ex instanceof IllegalArgumentException
        || ex instanceof NoSuchFileException
        || ex instanceof FormatException;
  }

  static String oneLine(Throwable ex) {
    String m = ex instanceof NoSuchFileException nsf
        ? nsf.getFile() + ": " + (nsf.getReason() == null ? "no such file" : nsf.getReason())
        : ex.getMessage();
    if (m == null || m.isBlank()) {
      m = ex.getClass().getSimpleName();
    }
    if (ex instanceof TemporalException && ex.getCause() != null && ex.getCause().getMessage() != null) {
      m = ex.getCause().getMessage();
    }
    return m.replace('\n', ' ');
  }
}
