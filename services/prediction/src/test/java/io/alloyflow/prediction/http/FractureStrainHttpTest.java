package io.alloyflow.prediction.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/predict/fracture-strain} with a PNG phase map in Micronaut's embedded server. */
class FractureStrainHttpTest {
  static ApplicationContext ctx;
  static EmbeddedServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    ctx = ApplicationContext.builder().properties(Map.of("micronaut.server.port", -1)).start();
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

  static byte[] png(int[] m, int w, int h, int... levels) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < m.length; i++) {
      int g = levels[m[i]];
      img.getRaster().setSample(i % w, i / w, 0, g);
    }
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bo);
    return bo.toByteArray();
  }

  HttpResponse<String> post(String query, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/predict/fracture-strain" + query))
        .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPhaseMapGetsItsFractureStrainCellsShapAndOverlay() throws Exception {
    int n = 64;
    int[] low = DpPhaseMaps.generate(new DpPhaseMaps.Params(n, 0.12, 2.5, 0, 2), 3);
    int[] high = DpPhaseMaps.generate(new DpPhaseMaps.Params(n, 0.45, 2.5, 0, 2), 3);
    // 64 px at 1 um = 2 x 2 cells; bright = martensite whatever the two gray values are
    HttpResponse<String> r = post("?pixelSizeUm=1&overlay=true", png(low, n, n, 40, 200));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode lo = JSON.readTree(r.body());
    assertEquals(4, lo.path("cellPredictions").size());
    assertTrue(lo.path("modelVersion").asText().startsWith("fracture-strain-dp-cnn@"), r.body());
    assertEquals(6, lo.path("shap").size());
    assertTrue(lo.path("std").asDouble() >= lo.path("modelStd").asDouble());
    BufferedImage ov = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(lo.path("criticalRegionsPng").asText())));
    assertEquals(512, ov.getWidth());
    JsonNode hi = JSON.readTree(post("?pixelSizeUm=1", png(high, n, n, 0, 255)).body());
    assertTrue(lo.path("mean").asDouble() > hi.path("mean").asDouble() + 0.03, lo + " vs " + hi);
    assertTrue(hi.path("criticalRegionsPng").isMissingNode());
  }

  @Test
  void badRequestsAreProblemsThatNameTheField() throws Exception {
    int n = 64;
    int[] m = DpPhaseMaps.generate(new DpPhaseMaps.Params(n, 0.3, 2.5, 0, 2), 4);
    HttpResponse<String> noScale = post("", png(m, n, n, 0, 255));
    assertEquals(400, noScale.statusCode());
    assertTrue(noScale.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertEquals("pixelSizeUm", JSON.readTree(noScale.body()).path("field").asText());
    int[] three = m.clone();
    three[0] = 2;
    HttpResponse<String> levels = post("?pixelSizeUm=1", png(three, n, n, 0, 128, 255));
    assertEquals(400, levels.statusCode());
    assertTrue(JSON.readTree(levels.body()).path("detail").asText().contains("more than 2 gray levels"));
    HttpResponse<String> small = post("?pixelSizeUm=0.25", png(m, n, n, 0, 255));
    assertEquals(400, small.statusCode());
    assertTrue(JSON.readTree(small.body()).path("detail").asText().contains("less than one 32 x 32"), small.body());
    HttpResponse<String> junk = post("?pixelSizeUm=1", new byte[] {1, 2, 3});
    assertEquals(400, junk.statusCode());
    HttpResponse<String> other = post("?pixelSizeUm=1&model=nope", png(m, n, n, 0, 255));
    assertEquals(400, other.statusCode());
    assertTrue(!other.body().contains("/models"), "no server paths in errors: " + other.body());
  }
}
