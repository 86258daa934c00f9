package io.alloyflow.workflows.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options and calls of the commands that talk to a running gateway over HTTP ({@code submit},
 * {@code status}, {@code result}, {@code campaign}): the gateway's URL and an API token, from
 * options or from {@code ALLOYFLOW_URL} and {@code ALLOYFLOW_TOKEN} (or a token file).
 */
final class GatewayClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--url", description = "gateway URL (default: $ALLOYFLOW_URL or http://127.0.0.1:8080)")
  String url;

  @Option(names = "--token-file", description = "file holding the API token (default: $ALLOYFLOW_TOKEN)")
  Path tokenFile;

  private HttpClient http;

  String base() {
    String u = url != null ? url : System.getenv().getOrDefault("ALLOYFLOW_URL", "http://127.0.0.1:8080");
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  private String token() throws IOException {
    if (tokenFile != null) {
      return Files.readString(tokenFile).trim();
    }
    String t = System.getenv("ALLOYFLOW_TOKEN");
    return t == null ? "" : t.trim();
  }

  /** A JSON request; returns the parsed body, or throws with the problem's detail. */
  Map<String, Object> call(String method, String path, Object body) throws IOException, InterruptedException {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(2));
    String token = token();
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException("no gateway answers at " + base() + " (start one with './alloyflow serve')");
    }
    Map<String, Object> parsed = r.body() == null || r.body().isBlank() ? Map.of() : parse(r.body());
    if (r.statusCode() >= 400) {
      Object detail = parsed.getOrDefault("detail", parsed.getOrDefault("message", r.body()));
      String msg = method + " " + path + ": HTTP " + r.statusCode() + ": " + detail;
      if (r.statusCode() < 500 && r.statusCode() != 401 && r.statusCode() != 403) {
        throw new IllegalArgumentException(msg);
      }
      throw new IOException(msg);
    }
    return parsed;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String s) {
    try {
      return JSON.readValue(s, Map.class);
    } catch (IOException e) {
      return Map.of("body", s);
    }
  }

  static String pretty(Object o) throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
  }
}
