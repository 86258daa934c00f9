package io.alloyflow.workflows.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alloyflow train property-model}: (re)trains a property model on a running gateway as a
 * durable ModelTrainingWorkflow ({@code POST /v1/models/training}): the table is read from the
 * gateway's data roots, training runs on the prediction worker, and the model is registered as the
 * property's current one unless {@code --no-register}. Prints the training id; with {@code --wait}
 * follows its steps and prints the model (exit 0), or the reason it failed (exit 3).
 */
@Command(name = "property-model", mixinStandardHelpOptions = true,
    description = "Train a property model on a running gateway (durable workflow); prints the training id.")
final class TrainPropertyModelCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "CSV",
      description = "training table (MPEA layout) under one of the gateway's data roots")
  String data;

  @Option(names = "--property", defaultValue = "hardness", description = "property (default ${DEFAULT-VALUE})")
  String property;

  @Option(names = "--id", description = "training id: 'training-' and 1..64 letters, digits or '-' (default: generated)")
  String id;

  @Option(names = "--members", description = "ensemble members, 1..20 (default 5)") Integer members;

  @Option(names = "--epochs", description = "epochs per member (default 300)") Integer epochs;

  @Option(names = "--folds", description = "grouped cross-validation folds, 2..10 (default 5)") Integer folds;

  @Option(names = "--seed", defaultValue = "1", description = "base seed (default ${DEFAULT-VALUE})") long seed;

  @Option(names = "--no-register", description = "do not make it the property's current model")
  boolean noRegister;

  @Option(names = "--wait", description = "follow the training until it ends")
  boolean await;

  @Mixin GatewayClient gateway;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    if (id != null) {
      body.put("trainingId", id);
    }
    body.put("property", property);
    body.put("dataPath", data);
    if (members != null) {
      body.put("members", members);
    }
    if (epochs != null) {
      body.put("epochs", epochs);
    }
    if (folds != null) {
      body.put("folds", folds);
    }
    body.put("seed", seed);
    body.put("register", !noRegister);
    String trainingId = String.valueOf(gateway.call("POST", "/v1/models/training", body).get("trainingId"));
    System.out.println(trainingId);
    if (!await) {
      return 0;
    }
    String last = "";
    while (true) {
      Map<String, Object> s = gateway.call("GET", "/v1/models/training/" + trainingId, null);
      String status = String.valueOf(s.get("status"));
      if (status.equals("COMPLETED")) {
        System.out.println(GatewayClient.pretty(s.get("model")));
        return 0;
      }
      if (status.equals("FAILED")) {
        System.err.println("training " + trainingId + " failed: " + s.get("error"));
        return 3;
      }
      String step = String.valueOf(s.getOrDefault("step", ""));
      if (!step.equals(last)) {
        System.err.println("  " + status.toLowerCase(java.util.Locale.ROOT) + ": " + step);
        last = step;
      }
      Thread.sleep(2000);
    }
  }
}
