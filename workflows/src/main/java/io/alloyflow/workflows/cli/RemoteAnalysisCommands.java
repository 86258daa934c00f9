package io.alloyflow.workflows.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alloyflow submit|status|result}: analyses on a running gateway. */
final class RemoteAnalysisCommands {
  private RemoteAnalysisCommands() {}

  @Command(name = "submit", mixinStandardHelpOptions = true,
      description = "Submit an analysis of files under the gateway's data roots; prints the analysis id.")
  static final class Submit implements Callable<Integer> {
    @Option(names = "--sample", required = true, description = "sample id") String sampleId;

    @Option(names = "--micrograph", required = true, description = "micrograph path under a data root")
    Path micrograph;

    @Option(names = "--eds", description = "EDS spectrum or spectrum image path under a data root") Path eds;

    @Option(names = "--pixel-size-um", description = "pixel size when the file carries none") Double pixelSizeUm;

    @Option(names = "--alloy-system", defaultValue = "unknown") String alloySystem;

    @Option(names = "--method", defaultValue = "otsu") String method;

    @Option(names = "--classes", defaultValue = "2") int classes;

    @Mixin GatewayClient gateway;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("sampleId", sampleId);
      body.put("micrographPath", micrograph.toString());
      if (eds != null) {
        body.put("edsPath", eds.toString());
      }
      if (pixelSizeUm != null) {
        body.put("pixelSizeUm", pixelSizeUm);
      }
      body.put("alloySystem", alloySystem);
      body.put("method", method);
      body.put("classes", classes);
      System.out.println(gateway.call("POST", "/v1/analyses", body).get("analysisId"));
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Status of an analysis.")
  static final class Status implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ANALYSIS") String id;

    @Mixin GatewayClient gateway;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> r = gateway.call("GET", "/v1/analyses/" + id, null);
      System.out.println(r.getOrDefault("status", "") + (r.containsKey("step") ? " " + r.get("step") : ""));
      return 0;
    }
  }

  @Command(name = "result", mixinStandardHelpOptions = true,
      description = "Result summary of a finished analysis (JSON); exit 1 while it is not finished.")
  static final class Result implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ANALYSIS") String id;

    @Mixin GatewayClient gateway;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> r = gateway.call("GET", "/v1/analyses/" + id, null);
      System.out.println(GatewayClient.pretty(r));
      return "COMPLETED".equals(r.get("status")) ? 0 : 1;
    }
  }
}
