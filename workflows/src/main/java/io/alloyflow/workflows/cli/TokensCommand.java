package io.alloyflow.workflows.cli;

import io.alloyflow.workflows.security.ApiTokens;
import io.alloyflow.workflows.security.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alloyflow tokens create|list|revoke}: API tokens of the gateway (stored as hashes). */
@Command(name = "tokens", mixinStandardHelpOptions = true,
    description = "Manage the gateway's API tokens (only their SHA-256 is stored, in DATA_DIR/tokens.json).",
    subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token and print it once (it cannot be shown again).")
  static final class Create implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "who or what holds the token")
    String name;

    @Option(names = "--role", required = true, description = "designer, scheduler, analyst or admin")
    String role;

    @Mixin StackOptions stack;

    @Override
    public Integer call() throws Exception {
      ApiTokens t = ApiTokens.open(stack.settings().dataDir().resolve("tokens.json"));
      ApiTokens.Created c = t.create(name, Role.parse(role));
      System.out.println(c.token());
      System.err.println("token '" + c.name() + "' (" + c.role().wireName() + ") created; store it now,"
          + " it is not kept anywhere");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List token names and roles.")
  static final class ListTokens implements Callable<Integer> {
    @Mixin StackOptions stack;

    @Override
    public Integer call() throws Exception {
      ApiTokens t = ApiTokens.open(stack.settings().dataDir().resolve("tokens.json"));
      for (ApiTokens.Entry e : t.list()) {
        System.out.println(e.name() + "\t" + e.role() + "\t" + java.time.Instant.ofEpochMilli(e.createdAtEpochMs()));
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by name.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin StackOptions stack;

    @Override
    public Integer call() throws Exception {
      ApiTokens t = ApiTokens.open(stack.settings().dataDir().resolve("tokens.json"));
      if (!t.revoke(name)) {
        throw new IllegalArgumentException("no token named '" + name + "'");
      }
      System.out.println("revoked " + name);
      return 0;
    }
  }
}
