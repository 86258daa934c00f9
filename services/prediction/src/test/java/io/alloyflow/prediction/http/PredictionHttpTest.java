package io.alloyflow.prediction.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.trained.TestTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/predict/hardness} in Micronaut's embedded server with a test registry. */
class PredictionHttpTest {
  static ApplicationContext ctx;
  static EmbeddedServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ModelRegistry reg = new ModelRegistry(new FileSystemArtifactStore(dir.resolve("store")),
        dir.resolve("index.json"), dir.resolve("no-shipped"));
    reg.register(TestTables.model(), true, "test");
    ctx = ApplicationContext.builder().properties(Map.of("micronaut.server.port", -1)).singletons(reg).start();
    server = ctx.getBean(EmbeddedServer.class).start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    if (ctx != null) {
      ctx.close();
    }
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void batchWithOneBadCandidate() throws Exception {
    HttpResponse<String> r = post("/v1/predict/hardness", "{\"candidates\": ["
        + "{\"formula\": \"Al1 Co1 Cr1 Fe1 Ni1\", \"processing\": \"CAST\", \"sigma\": {\"Al\": 0.02}},"
        + "{\"formula\": \"Zz1 Fe1\"},"
        + "{\"composition\": {\"Co\": 1, \"Cr\": 1, \"Fe\": 1, \"Ni\": 1}}]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = JSON.readTree(r.body());
    assertEquals("HV", j.get("unit").asText());
    assertTrue(j.get("modelVersion").asText().startsWith("hardness-"));
    JsonNode p = j.get("predictions");
    assertEquals(3, p.size());
    double sum = j.get("shapBase").asDouble();
    for (var it = p.get(0).get("shap").fields(); it.hasNext(); ) {
      sum += it.next().getValue().asDouble();
    }
    assertEquals(p.get(0).get("mean").asDouble(), sum, 1e-6 * sum);
    assertTrue(p.get(0).get("inputStd").asDouble() > 0);
    assertTrue(p.get(1).get("error").asText().contains("candidate 1") && p.get(1).get("error").asText().contains("'Zz'"));
    assertTrue(p.get(2).get("mean").asDouble() > 0);
  }

  @Test
  void inputLevelShapleyPlayersOnRequest() throws Exception {
    HttpResponse<String> r = post("/v1/predict/hardness", "{\"shapPlayers\": \"inputs\", \"candidates\": ["
        + "{\"formula\": \"Al1 Co1 Cr1 Fe1 Ni1\", \"processing\": \"CAST\"}]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = JSON.readTree(r.body());
    JsonNode shap = j.get("predictions").get(0).get("shap");
    List<String> names = new java.util.ArrayList<>();
    double sum = j.get("shapBase").asDouble();
    for (var it = shap.fields(); it.hasNext(); ) {
      var e = it.next();
      names.add(e.getKey());
      sum += e.getValue().asDouble();
    }
    assertEquals(List.of("composition", "test_temperature", "processing", "phases"), names);
    assertEquals(j.get("predictions").get(0).get("mean").asDouble(), sum, 1e-6 * sum);
    HttpResponse<String> bad = post("/v1/predict/hardness", "{\"shapPlayers\": \"elements\", \"candidates\": ["
        + "{\"formula\": \"Fe1 Ni1\"}]}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("features, inputs"), bad.body());
  }

  @Test
  void openApiDocumentDescribesTheEndpoint() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/swagger/alloyflow-prediction-0.1.yml")) {
      assertTrue(in != null, "generated OpenAPI document on the classpath");
      String yml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(yml.contains("/v1/predict/{property}") && yml.contains("candidates"), yml);
    }
  }

  @Test
  void badRequestsAre400() throws Exception {
    assertEquals(400, post("/v1/predict/melting-point", "{\"candidates\": [{\"formula\": \"Fe1\"}]}").statusCode());
    HttpResponse<String> r = post("/v1/predict/hardness", "{\"candidates\": []}");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("no candidates"), r.body());
  }
}
