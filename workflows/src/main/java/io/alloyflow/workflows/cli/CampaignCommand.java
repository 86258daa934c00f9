package io.alloyflow.workflows.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alloyflow campaign create|ask|tell|show}: closed-loop campaigns on a running gateway. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
    description = "Closed-loop campaigns (ask/tell) on a running gateway (role scheduler or admin).",
    subcommands = {CampaignCommand.Create.class, CampaignCommand.Ask.class, CampaignCommand.Tell.class,
        CampaignCommand.Show.class})
final class CampaignCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a campaign; prints its id.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--id", description = "campaign id (campaign-...); default: generated")
    String id;

    @Option(names = "--objective", required = true, description = "measured property to optimise, e.g. hardnessHv")
    String objective;

    @Option(names = "--unit", defaultValue = "", description = "its unit")
    String unit;

    @Option(names = "--minimize", description = "minimise instead of maximise")
    boolean minimize;

    @Option(names = "--param", required = true, paramLabel = "NAME=LO:HI",
        description = "a searched parameter and its bounds (repeat), e.g. aluminium=0.2:1.0")
    List<String> params;

    @Option(names = "--acquisition", defaultValue = "ei", description = "ei or ucb")
    String acquisition;

    @Option(names = "--retrain-every", defaultValue = "4", description = "retrain after this many new measurements")
    int retrainEvery;

    @Option(names = "--require-approval", description = "proposed trials wait for an approval")
    boolean approval;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the proposals")
    long seed;

    @Mixin GatewayClient gateway;

    @Override
    public Integer call() throws Exception {
      List<Map<String, Object>> ps = new ArrayList<>();
      for (String p : params) {
        String[] kv = p.split("=", 2);
        String[] b = kv.length == 2 ? kv[1].split(":", 2) : new String[0];
        if (b.length != 2) {
          throw new IllegalArgumentException("--param expects NAME=LO:HI, found '" + p + "'");
        }
        try {
          ps.add(Map.of("name", kv[0], "lo", Double.parseDouble(b[0]), "hi", Double.parseDouble(b[1])));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--param bounds must be numbers, found '" + p + "'");
        }
      }
      Map<String, Object> body = new LinkedHashMap<>();
      if (id != null) {
        body.put("campaignId", id);
      }
      body.put("objective", objective);
      body.put("unit", unit);
      body.put("direction", minimize ? "minimize" : "maximize");
      body.put("parameters", ps);
      body.put("acquisition", acquisition);
      body.put("retrainEvery", retrainEvery);
      body.put("requireApproval", approval);
      body.put("seed", seed);
      System.out.println(gateway.call("POST", "/v1/campaigns", body).get("campaignId"));
      return 0;
    }
  }

  @Command(name = "ask", mixinStandardHelpOptions = true, description = "Ask for the next trials (JSON).")
  static final class Ask implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAMPAIGN") String id;

    @Option(names = "-n", defaultValue = "4", description = "how many trials")
    int n;

    @Option(names = "--key", description = "idempotency key: the same key returns the same trials")
    String key;

    @Mixin GatewayClient gateway;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("n", n);
      if (key != null) {
        body.put("key", key);
      }
      System.out.println(GatewayClient.pretty(gateway.call("POST", "/v1/campaigns/" + id + "/ask", body)));
      return 0;
    }
  }

  @Command(name = "tell", mixinStandardHelpOptions = true, description = "Tell a trial's measurements.")
  static final class Tell implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAMPAIGN") String id;

    @Parameters(index = "1", paramLabel = "TRIAL") String trialId;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "PROPERTY=VALUE",
        description = "measured values, e.g. hardnessHv=312.5")
    List<String> values;

    @Mixin GatewayClient gateway;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String v : values) {
        String[] kv = v.split("=", 2);
        try {
          m.put(kv[0], Double.parseDouble(kv[1]));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("expected PROPERTY=NUMBER, found '" + v + "'");
        }
      }
      Map<String, Object> r = gateway.call("POST", "/v1/campaigns/" + id + "/tell",
          Map.of("trialId", trialId, "measurements", m));
      System.out.println(r.get("trialId") + " " + r.get("status"));
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Progress and trials of a campaign (JSON).")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAMPAIGN") String id;

    @Mixin GatewayClient gateway;

    @Override
    public Integer call() throws Exception {
      System.out.println(GatewayClient.pretty(gateway.call("GET", "/v1/campaigns/" + id, null)));
      return 0;
    }
  }
}
