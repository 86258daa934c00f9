package io.alloyflow.eds.http;

import io.alloyflow.core.io.hspy.HspyIO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.core.table.FeatureTable;
import io.alloyflow.eds.SyntheticCubes;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.xray.Affine;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumImageSimulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/eds/denoise} and {@code POST /v1/eds/maps} in Micronaut's embedded Netty server,
 * on synthetic spectrum images with known truth (the three-phase cube of {@link SyntheticCubes} and
 * the synthetic world's {@link SpectrumImageSimulator}), with an artifact store bean, and the
 * generated OpenAPI document served under {@code /openapi}.
 */
class EdsHttpTest {
  static ApplicationContext ctx;
  static EmbeddedServer server;
  static FileSystemArtifactStore store;
  static Path storeDir;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static SyntheticCubes.Cube cube;

  @BeforeAll
  static void start() throws IOException {
    storeDir = Files.createTempDirectory("eds-http-store-");
    store = new FileSystemArtifactStore(storeDir);
    ctx = ApplicationContext.builder()
        .properties(Map.of(
            "micronaut.server.host", "127.0.0.1",
            "micronaut.server.port", -1,
            "micronaut.server.max-request-size", "64MB",
            "micronaut.server.multipart.max-file-size", "64MB",
            "micronaut.router.static-resources.openapi.paths", "classpath:META-INF/swagger",
            "micronaut.router.static-resources.openapi.mapping", "/openapi/**"))
        .singletons(store)
        .start();
    server = ctx.getBean(EmbeddedServer.class);
    server.start();
    cube = SyntheticCubes.make(24, 24, 512, 300, 11L);
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.stop();
    }
    if (ctx != null) {
      ctx.close();
    }
    try (java.util.stream.Stream<Path> s = Files.walk(storeDir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  static HttpResponse<String> postArrow(String path, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", ArrowIO.MEDIA_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postRpl(String path, byte[] rpl, byte[] raw) throws Exception {
    String boundary = "----alloyflow" + System.nanoTime();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    part(b, boundary, "rpl", "cube.rpl", "text/plain", rpl);
    part(b, boundary, "raw", "cube.raw", "application/octet-stream", raw);
    b.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void part(ByteArrayOutputStream b, String boundary, String name, String file,
      String type, byte[] data) throws IOException {
    b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"; filename=\"" + file + "\"\r\nContent-Type: " + type + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    b.write(data);
    b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  static byte[][] rplPair(SpectrumImage si, Path dir) throws IOException {
    Path rpl = dir.resolve("cube.rpl");
    RplIO.write(si, rpl);
    return new byte[][] {Files.readAllBytes(rpl), Files.readAllBytes(dir.resolve("cube.raw"))};
  }

  /** RPL header and gzipped RAW, as HyperSpy and Lispix users often keep them. */
  static byte[][] rplGzipPair(SpectrumImage si, Path dir) throws IOException {
    Path rpl = dir.resolve("cubegz.rpl");
    RplIO.writeGzip(si, rpl);
    return new byte[][] {Files.readAllBytes(rpl),
        Files.readAllBytes(dir.resolve("cubegz.raw.gz"))};
  }

  static double rms(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (double) (a[i] - b[i]);
    }
    return Math.sqrt(s / a.length);
  }

  @Test
  void denoiseArrowAndRplUploadsShareOnePathAndCleanTheCube(@TempDir Path tmp) throws Exception {
    HttpResponse<String> r = postArrow("/v1/eds/denoise?method=pca", ArrowIO.toArrow(cube.noisy()));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = JSON.readTree(r.body());
    assertEquals("pca", j.get("method").asText());
    assertTrue(j.get("automatic").asBoolean());
    int k = j.get("components").asInt();
    assertTrue(k >= 2 && k <= 6, "three phases need 2..6 components, chose " + k);
    JsonNode sv = j.get("singularValues");
    assertTrue(sv.size() >= k);
    for (int i = 1; i < sv.size(); i++) {
      assertTrue(sv.get(i).asDouble() <= sv.get(i - 1).asDouble() + 1e-9, "scree not descending");
    }
    JsonNode ni = j.get("elements").get("Ni");
    assertNotNull(ni, "Ni (the disc phase) must be mapped: " + j.get("elements").fieldNames());
    assertTrue(ni.get("snrAfter").asDouble() > ni.get("snrBefore").asDouble(),
        "Ni map SNR must improve: " + ni);
    assertPng(ni.get("afterPngBase64").asText(), 24, 24);
    assertNotNull(ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(j.get("screePngBase64").asText()))));
    SpectrumImage den = ArrowIO.spectrumImageFromArrow(
        Base64.getDecoder().decode(j.get("denoised").get("arrowBase64").asText()));
    assertEquals(24, den.width());
    assertEquals(512, den.channels());
    double before = rms(cube.noisy().data(), cube.expected());
    double after = rms(den.data(), cube.expected());
    assertTrue(after < 0.5 * before, "denoised rms error " + after + " vs noisy " + before);

    // the same cube as RPL + RAW: same decomposition, same report
    byte[][] pair = rplPair(cube.noisy(), tmp);
    HttpResponse<String> r2 = postRpl("/v1/eds/denoise?method=pca&cube=none", pair[0], pair[1]);
    assertEquals(200, r2.statusCode(), r2.body());
    JsonNode j2 = JSON.readTree(r2.body());
    assertEquals(k, j2.get("components").asInt());
    assertEquals(sv.get(0).asDouble(), j2.get("singularValues").get(0).asDouble(),
        1e-6 * sv.get(0).asDouble());
    assertEquals(ni.get("snrAfter").asDouble(),
        j2.get("elements").get("Ni").get("snrAfter").asDouble(), 1e-6);
    assertFalse(j2.has("denoised"), "cube=none returns no cube");
  }

  @Test
  void denoiseCanPutTheCubeInTheArtifactStore() throws Exception {
    HttpResponse<String> r = postArrow("/v1/eds/denoise?method=nmf&components=3&cube=artifact",
        ArrowIO.toArrow(cube.noisy()));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = JSON.readTree(r.body());
    assertEquals(3, j.get("components").asInt());
    assertFalse(j.get("automatic").asBoolean());
    JsonNode ref = j.get("denoised").get("ref");
    ArtifactRef a = new ArtifactRef(ref.get("sha256").asText(), ref.get("mediaType").asText(),
        ref.get("sizeBytes").asLong());
    SpectrumImage den = ArrowIO.spectrumImageFromArrow(store.get(a));
    double before = rms(cube.noisy().data(), cube.expected());
    double after = rms(den.data(), cube.expected());
    assertTrue(after < 0.5 * before, "NMF rms error " + after + " vs noisy " + before);
  }

  @Test
  void mapsOfASimulatedAlloyFollowItsTrueComposition(@TempDir Path tmp) throws Exception {
    Microstructure m = AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(128, 0.5e-6), 3L);
    EdsDetector det = EdsDetector.defaultDetector().withAxis(new EnergyAxis(0, 10), 1024);
    SpectrumImageSimulator.Params p = new SpectrumImageSimulator.Params(32, 32,
        Affine.centred(128, 128, 32, 32, 0.9, 2.0), 15, 0.2, 2.0, det, 0.0, 3);
    SpectrumImageSimulator.Result sim = SpectrumImageSimulator.simulate(m, p, 8L);
    List<String> truthEls = sim.elements();
    // the minor element with the most spatial contrast in the truth
    String best = null;
    double bestVar = -1;
    for (int e = 0; e < truthEls.size(); e++) {
      if (truthEls.get(e).equals("Al")) {
        continue;
      }
      double[] c = truth(sim, e);
      double mean = 0;
      for (double v : c) {
        mean += v / c.length;
      }
      double var = 0;
      for (double v : c) {
        var += (v - mean) * (v - mean);
      }
      if (var > bestVar) {
        bestVar = var;
        best = truthEls.get(e);
      }
    }
    String q = "/v1/eds/maps?elements=Al," + best;
    HttpResponse<String> r = postArrow(q, ArrowIO.toArrow(sim.image()));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = JSON.readTree(r.body());
    assertEquals("K", j.get("elements").get("Al").get("family").asText());
    FeatureTable t = ArrowIO.featureTableFromArrow(
        Base64.getDecoder().decode(j.get("arrowBase64").asText()));
    assertEquals(List.of("Al", best), t.columnNames());
    assertEquals(32 * 32, t.rowIds().size());
    double corr = correlation(t.columns().get(1), truth(sim, truthEls.indexOf(best)));
    assertTrue(corr > 0.8, best + " map vs true mass fraction: r = " + corr);
    double sum = 0;
    for (double v : t.columns().get(0)) {
      sum += v;
    }
    assertEquals(j.get("elements").get("Al").get("totalNetCounts").asDouble(), sum, 1e-3 * sum);

    // the same through RPL + gzipped RAW, as PNGs
    byte[][] pair = rplGzipPair(sim.image(), tmp);
    assertEquals((byte) 0x1f, pair[1][0], "gzip magic");
    HttpResponse<String> r2 = postRpl(q + "&format=png", pair[0], pair[1]);
    assertEquals(200, r2.statusCode(), r2.body());
    JsonNode j2 = JSON.readTree(r2.body());
    assertPng(j2.get("elements").get(best).get("pngBase64").asText(), 32, 32);
    assertEquals(j.get("elements").get(best).get("snr").asDouble(),
        j2.get("elements").get(best).get("snr").asDouble(), 1e-6);

    // the same cube as a HyperSpy .hspy file in the body: told apart by its bytes
    Path hspy = tmp.resolve("cube.hspy");
    HspyIO.write(HspyIO.of(sim.image(), "cube"), hspy);
    HttpResponse<String> r3 = postArrow(q, Files.readAllBytes(hspy));
    assertEquals(200, r3.statusCode(), r3.body());
    JsonNode j3 = JSON.readTree(r3.body());
    assertEquals(j.get("elements").get(best).get("snr").asDouble(),
        j3.get("elements").get(best).get("snr").asDouble(), 1e-6, ".hspy upload");
  }

  static double[] truth(SpectrumImageSimulator.Result sim, int e) {
    int ne = sim.elements().size();
    int n = sim.image().width() * sim.image().height();
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = sim.composition()[i * ne + e];
    }
    return c;
  }

  static double correlation(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] / a.length;
      mb += b[i] / b.length;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  static void assertPng(String b64, int w, int h) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
    assertNotNull(img, "not a PNG");
    assertEquals(w, img.getWidth());
    assertEquals(h, img.getHeight());
  }

  @Test
  void badRequestsGet400WithOneLineSayingWhatAndWhere() throws Exception {
    byte[] arrow = ArrowIO.toArrow(cube.noisy());
    Object[][] cases = {
        {"/v1/eds/denoise", new byte[0], "request body is empty"},
        {"/v1/eds/denoise?method=svd", arrow, "query parameter 'method' must be pca, ica or nmf"},
        {"/v1/eds/denoise?components=99", arrow, "query parameter 'components'"},
        {"/v1/eds/denoise?cube=zip", arrow, "query parameter 'cube' must be inline, artifact or none"},
        {"/v1/eds/denoise", "not an arrow file".getBytes(StandardCharsets.US_ASCII), "arrow"},
        {"/v1/eds/maps", arrow, "query parameter 'elements' is required"},
        {"/v1/eds/maps?elements=Fe,Xx", arrow, "'Xx' is not an element symbol"},
        {"/v1/eds/maps?elements=Fe,Fe", arrow, "listed twice"},
        {"/v1/eds/maps?elements=As", arrow, "outside the cube's energy range"},
        {"/v1/eds/maps?elements=Fe&format=tiff", arrow, "'format' must be arrow or png"},
    };
    for (Object[] c : cases) {
      HttpResponse<String> r = postArrow((String) c[0], (byte[]) c[1]);
      assertBadRequest(r, (String) c[2], (String) c[0]);
    }
    // an RPL header announcing a huge cube is refused before its data is read
    String header = "key\tvalue\nwidth\t100000\nheight\t100000\ndepth\t2048\noffset\t0\n"
        + "data-length\t4\ndata-type\tfloat\nbyte-order\tlittle-endian\nrecord-by\tvector\n";
    assertBadRequest(postRpl("/v1/eds/denoise", header.getBytes(StandardCharsets.US_ASCII),
        new byte[64]), "over this endpoint's limit", "huge rpl");
    // an RPL header without an energy axis, and one whose RAW is too short: the reader's
    // messages, naming the parts and not the server's temporary files
    String small = header.replace("100000", "4");
    HttpResponse<String> noAxis = postRpl("/v1/eds/maps?elements=Fe",
        small.getBytes(StandardCharsets.US_ASCII), new byte[64]);
    assertBadRequest(noAxis, "part 'rpl'", "no energy axis");
    assertFalse(noAxis.body().contains("/tmp") || noAxis.body().contains("upload.rpl"),
        noAxis.body());
    String withAxis = small + "ev-per-chan\t10\nev-offset\t0\n";
    HttpResponse<String> shortRaw = postRpl("/v1/eds/maps?elements=Fe",
        withAxis.getBytes(StandardCharsets.US_ASCII), new byte[64]);
    assertBadRequest(shortRaw, "part 'raw'", "short raw");
  }

  static void assertBadRequest(HttpResponse<String> r, String expected, String what)
      throws IOException {
    String body = r.body().length() > 400 ? r.body().substring(0, 400) + "..." : r.body();
    assertEquals(400, r.statusCode(), what + ": " + body);
    JsonNode j = JSON.readTree(r.body());
    assertTrue(j.has("error"), what + ": no 'error' field in " + r.body());
    String msg = j.get("error").asText();
    assertTrue(msg.toLowerCase().contains(expected.toLowerCase()),
        what + ": expected '" + expected + "' in '" + msg + "'");
    assertFalse(msg.contains("\n") || msg.contains("\tat ") || r.body().contains("Exception"),
        what + ": not one line or a stack trace: " + r.body());
  }

  @Test
  void artifactModeWithoutAStoreIsABadRequest() throws Exception {
    EdsController c = new EdsController();
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> c.denoise(ArrowIO.toArrow(cube.noisy()), "pca", null, 1L, "artifact"));
    assertTrue(e.getMessage().contains("no artifact store"), e.getMessage());
  }

  @Test
  void openApiDocumentListsDenoiseAndMaps() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create(url("/openapi/alloyflow-eds-0.1.yml"))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    for (String p : new String[] {"/v1/eds/denoise:", "/v1/eds/maps:", "/v1/eds/quantify:",
        "/v1/eds/identify:", "multipart/form-data", ArrowIO.MEDIA_TYPE}) {
      assertTrue(r.body().contains(p), "OpenAPI document lacks " + p);
    }
  }

  @Test
  void denoisedInlineCubeMatchesTheInputAxis() throws Exception {
    SpectrumImage si = cube.noisy();
    HttpResponse<String> r = postArrow("/v1/eds/denoise?method=ica&components=3",
        ArrowIO.toArrow(si));
    assertEquals(200, r.statusCode(), r.body());
    SpectrumImage den = ArrowIO.spectrumImageFromArrow(Base64.getDecoder().decode(
        JSON.readTree(r.body()).get("denoised").get("arrowBase64").asText()));
    assertArrayEquals(new double[] {si.axis().offsetEv(), si.axis().gainEvPerChannel()},
        new double[] {den.axis().offsetEv(), den.axis().gainEvPerChannel()}, 1e-6);
    assertEquals(si.beamEnergyKeV(), den.beamEnergyKeV(), 1e-9);
  }

  @Test
  void identifyReturnsTheCliDocument() throws Exception {
    Path d = io.alloyflow.eds.TestData.folder("eds/nist-k412");
    org.junit.jupiter.api.Assumptions.assumeTrue(d != null, "NIST K412 data absent");
    Path f = d.resolve("III-E K412[0][4].msa");
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/eds/identify")))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofFile(f)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode j = JSON.readTree(r.body());
    assertEquals(10.0, j.get("calibration").get("gainEvPerChannel").asDouble(), 0.05);
    JsonNode els = j.get("elements");
    assertEquals(io.alloyflow.eds.cli.IdentifyCommand.toJson(
        io.alloyflow.eds.EdsAnalyzer.identify(io.alloyflow.eds.EdsAnalyzer.calibrate(
            io.alloyflow.eds.io.EmsaReader.read(f)).spectrum())), els);
    java.util.Set<String> symbols = new java.util.HashSet<>();
    els.forEach(e -> symbols.add(e.get("symbol").asText()));
    assertTrue(symbols.containsAll(List.of("O", "Mg", "Al", "Si", "Ca", "Fe")), symbols.toString());
    assertBadRequest(HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/eds/identify")))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
            "#FORMAT : EMSA/MAS Spectral Data File\n#SPECTRUM :\n1, 2, x\n")).build(),
        HttpResponse.BodyHandlers.ofString()), "", "garbage EMSA");
  }
}
