package io.alloyflow.workflows.distributed;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What {@code compose/docker-compose.yml} declares, read with SnakeYAML (anchors and {@code <<}
 * merge keys resolved) as {@code docker compose config} would: each service's command,
 * environment (with {@code ${VAR:-default}} taken at its default and {@code $$} as {@code $}),
 * published ports and volumes.
 */
record ComposeFile(Map<String, Service> services) {
  /** One service. */
  record Service(String name, List<String> command, Map<String, String> environment, List<String> ports,
      List<String> volumes) {
    /** The alloyflow sub-command the container runs ({@code worker}, {@code serve}), or "" for others. */
    String alloyflowCommand() {
      return command.isEmpty() ? "" : command.get(0);
    }

    /** The worker names of a {@code worker --service a,b} command (empty for others). */
    List<String> workerNames() {
      int i = command.indexOf("--service");
      return !alloyflowCommand().equals("worker") || i < 0 || i + 1 >= command.size() ? List.of()
          : List.of(command.get(i + 1).split(","));
    }

    /** The value after an option of the command, or null. */
    String option(String name) {
      int i = command.indexOf(name);
      return i < 0 || i + 1 >= command.size() ? null : command.get(i + 1);
    }
  }

  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  static ComposeFile read(Path file) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Map<String, Object> root;
    try (Reader r = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(options)).load(r);
    }
    Object svc = root == null ? null : root.get("services");
    if (!(svc instanceof Map<?, ?> services)) {
      throw new IllegalArgumentException(file + ": expected a 'services' mapping");
    }
    Map<String, Service> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : services.entrySet()) {
      String name = e.getKey().toString();
      Map<?, ?> s = (Map<?, ?>) e.getValue();
      List<String> command = strings(s.get("command"));
      Map<String, String> env = new LinkedHashMap<>();
      Object envNode = s.get("environment");
      if (envNode instanceof Map<?, ?> m) {
        m.forEach((k, v) -> env.put(k.toString(), interpolate(v == null ? "" : v.toString())));
      } else if (envNode != null) {
        for (String kv : strings(envNode)) {
          int eq = kv.indexOf('=');
          env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : interpolate(kv.substring(eq + 1)));
        }
      }
      out.put(name, new Service(name, command.stream().map(ComposeFile::interpolate).toList(), env,
          strings(s.get("ports")), strings(s.get("volumes"))));
    }
    return new ComposeFile(out);
  }

  private static List<String> strings(Object node) {
    List<String> out = new ArrayList<>();
    if (node instanceof List<?> l) {
      l.forEach(o -> out.add(o.toString()));
    } else if (node != null) {
      out.add(node.toString());
    }
    return out;
  }

  /** {@code ${VAR:-default}} -> default (the test sets none of compose's variables); {@code $$} -> $. */
  static String interpolate(String v) {
    Matcher m = VAR.matcher(v);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    }
    m.appendTail(sb);
    return sb.toString().replace("$$", "$");
  }

  Service service(String name) {
    Service s = services.get(name);
    if (s == null) {
      throw new IllegalArgumentException("compose declares no service '" + name + "': " + services.keySet());
    }
    return s;
  }
}
