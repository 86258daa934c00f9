package io.alloyflow.fusion.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.synthetic.fusion.InclusionField;
import io.alloyflow.synthetic.fusion.SemEdsPair;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/fusion/register} and {@code POST /v1/fusion/inclusions} in Micronaut's embedded
 * Netty server on synthetic data with known truth, the problem+json errors, and the generated
 * OpenAPI document.
 */
class FusionHttpTest {
  static ApplicationContext ctx;
  static EmbeddedServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    ctx = ApplicationContext.builder()
        .properties(Map.of(
            "micronaut.server.host", "127.0.0.1",
            "micronaut.server.port", -1,
            "micronaut.server.max-request-size", "64MB",
            "micronaut.server.multipart.max-file-size", "64MB",
            "micronaut.router.static-resources.openapi.paths", "classpath:META-INF/swagger",
            "micronaut.router.static-resources.openapi.mapping", "/openapi/**"))
        .start();
    server = ctx.getBean(EmbeddedServer.class);
    server.start();
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

  static String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  static HttpResponse<String> post(String path, Map<String, byte[]> parts) throws Exception {
    String boundary = "----alloyflow" + System.nanoTime();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : parts.entrySet()) {
      b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
          + "\"; filename=\"" + e.getKey() + ".bin\"\r\nContent-Type: application/octet-stream"
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      b.write(e.getValue());
      b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    b.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static byte[] tiff(Micrograph m, Path dir, String name) throws IOException {
    Path p = dir.resolve(name + ".tif");
    MicrographIO.writeTiff(m, p);
    return Files.readAllBytes(p);
  }

  static void assertProblem(HttpResponse<String> r, String fragment) throws IOException {
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("")
        .startsWith("application/problem+json"), r.headers().toString());
    JsonNode j = JSON.readTree(r.body());
    assertEquals(400, j.get("status").asInt());
    assertTrue(j.get("detail").asText().contains(fragment), j.get("detail").asText());
    assertFalse(j.get("detail").asText().contains("/tmp"), "no server paths in the message");
  }

  @Test
  void registerRecoversTheKnownTransformFromArrowAndRpl(@TempDir Path dir) throws Exception {
    SemEdsPair.Params r = SemEdsPair.Params.registration();
    SemEdsPair p = SemEdsPair.aluminium(new SemEdsPair.Params(32, 32, 2e-6, 6, 6, 2, 0.1, 0.01,
        0.02, 1.0, 2000, 1024, r.margin()), 31);
    byte[] sem = tiff(p.sem(), dir, "sem");
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("sem", sem);
    parts.put("si", ArrowIO.toArrow(p.spectrumImage()));
    HttpResponse<String> resp = post("/v1/fusion/register", parts);
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode t = JSON.readTree(resp.body());
    double[][] truth = p.semToEds();
    assertEquals(truth[0][0], t.get("matrix").get(0).get(0).asDouble(), 0.01);
    assertEquals(truth[0][2], t.get("matrix").get(0).get(2).asDouble(), 0.5);
    assertEquals(truth[1][2], t.get("matrix").get(1).get(2).asDouble(), 0.5);
    assertTrue(t.has("reliable") && t.has("reason") && t.get("quality").has("adjustedR2"));
    byte[] png = Base64.getDecoder().decode(t.get("overlayPngBase64").asText());
    assertEquals(p.sem().width(), javax.imageio.ImageIO.read(
        new java.io.ByteArrayInputStream(png)).getWidth());
    // the same cube as RPL + RAW gives the same answer
    Path rpl = dir.resolve("si.rpl");
    RplIO.write(p.spectrumImage(), rpl);
    Map<String, byte[]> parts2 = new LinkedHashMap<>();
    parts2.put("sem", sem);
    parts2.put("rpl", Files.readAllBytes(rpl));
    parts2.put("raw", Files.readAllBytes(dir.resolve("si.raw")));
    JsonNode t2 = JSON.readTree(post("/v1/fusion/register", parts2).body());
    assertEquals(t.get("matrix").toString(), t2.get("matrix").toString());
    // and as a HyperSpy .hspy file in part 'si' (told apart by its bytes, not its name)
    Path hspy = dir.resolve("si.hspy");
    io.alloyflow.core.io.hspy.HspyIO.write(
        io.alloyflow.core.io.hspy.HspyIO.of(p.spectrumImage(), "si"), hspy);
    Map<String, byte[]> parts3 = new LinkedHashMap<>(parts);
    parts3.put("si", Files.readAllBytes(hspy));
    HttpResponse<String> r3 = post("/v1/fusion/register", parts3);
    assertEquals(200, r3.statusCode(), r3.body());
    assertEquals(t.get("matrix").toString(), JSON.readTree(r3.body()).get("matrix").toString());
    // missing spectrum image, missing image, garbage image, both cube encodings at once
    assertProblem(post("/v1/fusion/register", Map.of("sem", sem)), "spectrum image is missing");
    assertProblem(post("/v1/fusion/register", Map.of("si", parts.get("si"))), "part 'sem'");
    assertProblem(post("/v1/fusion/register", Map.of("sem", "not an image".getBytes(
        StandardCharsets.US_ASCII), "si", parts.get("si"))), "part 'sem'");
    Map<String, byte[]> both = new LinkedHashMap<>(parts2);
    both.put("si", parts.get("si"));
    assertProblem(post("/v1/fusion/register", both), "not both");
  }

  @Test
  void inclusionsReportsParticlesRuleErrorsAndEmptyFields(@TempDir Path dir) throws Exception {
    InclusionField f = InclusionField.generate(InclusionField.Params.defaults(), 41);
    byte[] bse = tiff(f.bse(), dir, "bse");
    HttpResponse<String> resp = post("/v1/fusion/inclusions", Map.of("bse", bse));
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode r = JSON.readTree(resp.body());
    assertEquals("steel-inclusions", r.get("ruleSet").get("name").asText());
    assertEquals(64, r.get("ruleSet").get("sha256").asText().length());
    int n = r.get("cleanliness").get("particles").asInt();
    assertTrue(n > 10, r.toString());
    assertEquals(n, r.get("particles").size());
    assertEquals("unclassified", r.get("particles").get(0).get("class").asText(),
        "without EDS the particles are measured, not classified");
    // a rule file with a syntax error: 400 naming the part and the line
    assertProblem(post("/v1/fusion/inclusions", Map.of("bse", bse, "rules",
        "ruleset x\nversion 1\nclass A: Al >=\n".getBytes(StandardCharsets.UTF_8))), "line 3");
    // an image without particles: an explicit empty result
    float[] px = new float[128 * 128];
    java.util.Arrays.fill(px, 30000f);
    byte[] empty = tiff(new Micrograph(128, 128, px, 16, 0.25e-6, SignalType.BSE), dir, "e");
    JsonNode e = JSON.readTree(post("/v1/fusion/inclusions", Map.of("bse", empty)).body());
    assertEquals(0, e.get("cleanliness").get("particles").asInt());
    assertTrue(e.get("note").asText().contains("no particles"));
  }

  @Test
  void openApiDocumentListsTheEndpoints() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create(url("/openapi/alloyflow-fusion-0.1.yml"))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("/v1/fusion/register") && r.body().contains(
        "/v1/fusion/inclusions"), r.body());
  }
}
