package io.alloyflow.workflows.graphapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.gateway.GatewayServer;
import io.alloyflow.workflows.ingest.Ingest;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analysts' side of the gateway on the real stack (Temporal on 127.0.0.1, Neo4j in a child
 * JVM, every worker): one analysis of a synthetic dual-phase steel and a measurement of it, then
 * the JSON API and — when Debian {@code chromium} and {@code chromium-driver} are installed — the
 * browser pages in headless Chromium driven by Selenium, with screenshots written to {@code
 * target/browser-screenshots}.
 */
class GraphBrowserTest {
  @TempDir static Path tmp;
  static AlloyflowStack stack;
  static GatewayServer gateway;
  static AnalysisResult result;
  static final String SAMPLE = "browser-dp-7";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    String root = System.getProperty("alloyflow.repoRoot");
    stack = AlloyflowStack.start(
        new StackSettings(tmp.resolve("data"), null, null, null, root == null ? null : Path.of(root)),
        System.out::println).startWorkers();
    SyntheticSample sample = SyntheticWorld.dualPhaseSteel(7, 256, 0.25e-6);
    Path micrograph = tmp.resolve("dp.tif");
    MicrographIO.writeTiff(sample.bse(), micrograph);
    Map<String, Double> bulk = new TreeMap<>();
    sample.phaseCompositions().forEach((phase, comp) -> comp.forEach(
        (el, w) -> bulk.merge(el, sample.phaseFractions().getOrDefault(phase, 0.0) * w, Double::sum)));
    Path spectrum = tmp.resolve("dp.msa");
    EmsaIO.write(SyntheticWorld.simulateSpectrum(bulk, 20, 60, 1, 7), spectrum);
    String id = AnalysisRunner.newAnalysisId();
    AnalysisInputs in = Ingest.ingest(stack.store(), id, micrograph, Double.NaN, spectrum);
    result = AnalysisRunner.run(stack.client(), id,
        new AnalysisRequest(SAMPLE, Map.of("source", "browser test"), "dp-steel", in.micrographRef(), in.eds(),
            in.edsKind(), "otsu", 2, 2.0, in.ingest()), s -> { });
    assertNotNull(result.prediction(), "the analysis must predict hardness for the browser to show it");
    gateway = GatewayServer.start(stack, "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String predictionKey() {
    return result.prediction().provenance().generated().get(0).ref().uri();
  }

  @Test
  void jsonApiAnswersLineageImpactSearchMeasurementsAndExports() throws Exception {
    String analysis = result.analysisId();
    // lineage of the prediction reaches the raw micrograph file and the sample
    HttpResponse<String> up = get("/v1/graph/subgraph?depth=12&key=" + enc(predictionKey()));
    assertEquals(200, up.statusCode(), up.body());
    assertTrue(up.body().contains("MicrographFile") && up.body().contains("sample:" + SAMPLE), up.body());
    // which predictions used this model version?
    String model = result.prediction().modelVersion();
    JsonNode impact = JSON.readTree(get("/v1/graph/impact?key=" + enc(model)).body());
    assertTrue(impact.get("analyses").toString().contains(analysis), impact.toString());
    assertTrue(impact.get("predictions").toString().contains(predictionKey()), impact.toString());
    // structure-property search with a condition the analysis satisfies and one it does not
    double martensite = result.fusion().phases().stream().filter(p -> p.phaseName().equals("martensite"))
        .mapToDouble(p -> p.areaFraction()).sum();
    assertTrue(get("/v1/graph/search?where=" + enc("martensite>=" + (martensite - 0.01))).body().contains(analysis));
    assertTrue(!get("/v1/graph/search?where=" + enc("martensite>=" + (martensite + 0.01))).body().contains(analysis));
    HttpResponse<String> badWhere = get("/v1/graph/search?where=" + enc("martensite~1"));
    assertEquals(400, badWhere.statusCode());
    assertTrue(badWhere.body().contains("expected NAME OP NUMBER"), badWhere.body());
    assertEquals("application/problem+json", badWhere.headers().firstValue("Content-Type").orElse(""));
    // measurements: entered once or twice, one node; compared with the prediction
    Map<String, Object> m = Map.of("sampleId", SAMPLE, "property", "hardnessHv", "unit", "HV", "value", 312.0,
        "sigma", 9.0, "method", "ISO 6507-1 HV10", "enteredBy", "browser-test", "analysisId", analysis);
    assertEquals(201, post("/v1/graph/measurements", m).statusCode());
    assertEquals(201, post("/v1/graph/measurements", m).statusCode());
    JsonNode vs = JSON.readTree(get("/v1/graph/measurements?sample=" + enc(SAMPLE)).body());
    assertEquals(1, vs.size(), vs.toString());
    assertEquals(result.prediction().mean(), vs.get(0).get("predicted").asDouble(), 1e-9);
    HttpResponse<String> badM = post("/v1/graph/measurements", Map.of("sampleId", SAMPLE, "property", "hardnessHv", "value", "hard"));
    assertEquals(400, badM.statusCode());
    assertTrue(badM.body().contains("must be a number"), badM.body());
    // RO-Crate zip with its metadata and the overlay image served for the sample page
    HttpResponse<byte[]> crate = HTTP.send(HttpRequest.newBuilder(
        URI.create(gateway.url() + "/v1/analyses/" + analysis + "/ro-crate")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, crate.statusCode());
    boolean hasMeta = false;
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(crate.body()))) {
      for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        hasMeta |= e.getName().equals("ro-crate-metadata.json");
      }
    }
    assertTrue(hasMeta, "ro-crate-metadata.json in the zip");
    String overlay = result.segmentation().overlayPng().sha256();
    HttpResponse<byte[]> png = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/graph/artifacts/" + overlay))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, png.statusCode());
    assertTrue(Arrays.equals(Arrays.copyOf(png.body(), 4), new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    assertEquals(400, get("/v1/graph/artifacts/..%2Fetc%2Fpasswd").statusCode());
    assertEquals(404, get("/v1/graph/artifacts/" + "0".repeat(64)).statusCode());
    assertEquals(200, get("/v1/graph/assets/cytoscape.min.js").statusCode());
    // the failed analyses of issue 14 show up with their reason (written per step by the workflow)
    JsonNode node = JSON.readTree(get("/v1/graph/node?key=" + enc(analysis)).body());
    assertEquals("COMPLETED", node.get("properties").get("status").asText());
  }

  /** The routes moved out of GatewayController answer from the graph controllers. */
  @Test
  void movedRoutesAnswerFromTheGraphController() throws Exception {
    assertEquals(200, get("/v1/graph").statusCode());
    assertTrue(get("/v1/graph").body().contains(SAMPLE));
    assertTrue(get("/v1/graph/structure-property").body().contains(SAMPLE));
    assertTrue(get("/v1/graph/lineage?key=" + enc(predictionKey())).body().contains("MicrographFile"));
    assertTrue(get("/v1/graph/lineage?down=true&key=" + enc("sample:" + SAMPLE)).body().contains("Prediction"));
    assertTrue(get("/v1/analyses/" + result.analysisId() + "/prov").body().contains("wasGeneratedBy"));
  }

  static String cli(String... args) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    java.io.StringWriter err = new java.io.StringWriter();
    int rc;
    System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      String[] all = args;
      if (!java.util.Arrays.asList(args).contains("--data-dir")) {
        // the embedded graph's password file lives in the data directory
        all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = tmp.resolve("data").toString();
      }
      rc = io.alloyflow.workflows.cli.AlloyflowCli.execute(new java.io.PrintWriter(err, true), all);
    } finally {
      System.setOut(old);
    }
    return rc + "\n" + buf.toString(StandardCharsets.UTF_8) + err;
  }

  @Test
  void cliQueriesAndExportsTheSameGraph() throws Exception {
    String uri = stack.graphConfig().uri();
    String up = cli("graph", "lineage", predictionKey(), "--json", "--depth", "12", "--neo4j-uri", uri);
    assertTrue(up.startsWith("0\n") && up.contains("MicrographFile") && up.contains("sample:" + SAMPLE), up);
    String down = cli("graph", "lineage", "sample:" + SAMPLE, "--down", "--neo4j-uri", uri);
    assertTrue(down.startsWith("0\n") && down.contains("Prediction"), down);
    String hits = cli("graph", "search", "--where", "martensite>=0", "--where", "hardnessHv>1", "--neo4j-uri", uri);
    assertTrue(hits.startsWith("0\n") && hits.contains(result.analysisId()), hits);
    Path prov = tmp.resolve("cli/prov.json");
    assertTrue(cli("graph", "export", result.analysisId(), "--format", "prov-json", "--out", prov.toString(),
        "--neo4j-uri", uri).startsWith("0\n"));
    assertTrue(JSON.readTree(prov.toFile()).get("wasGeneratedBy").size() > 3);
    Path crate = tmp.resolve("cli/crate");
    String ro = cli("graph", "export", result.analysisId(), "--format", "ro-crate", "--out", crate.toString(),
        "--neo4j-uri", uri, "--data-dir", tmp.resolve("data").toString());
    assertTrue(ro.startsWith("0\n"), ro);
    assertTrue(Files.readString(crate.resolve("ro-crate-metadata.json")).contains("https://w3id.org/ro/crate/1.1"));
    try (var files = Files.list(crate.resolve("files"))) {
      assertTrue(files.count() >= 8, "the analysis' artifacts are in the crate");
    }
    String bad = cli("graph", "search", "--where", "martensite~1", "--neo4j-uri", uri);
    assertTrue(bad.startsWith("2\n") && bad.contains("expected NAME OP NUMBER"), bad);
    String badFormat = cli("graph", "export", "x", "--format", "xml", "--out", "x", "--neo4j-uri", uri);
    assertTrue(badFormat.startsWith("2\n") && badFormat.contains("prov-json or ro-crate"), badFormat);
  }

  static boolean executable(String path) {
    return new File(path).canExecute();
  }

  @Test
  void anAnalystFindsASampleOpensItsLineageAndAPredictionsExplanation() throws Exception {
    String chromium = System.getProperty("alloyflow.chromium", "/usr/bin/chromium");
    String driverPath = System.getProperty("alloyflow.chromedriver", "/usr/bin/chromedriver");
    assumeTrue(executable(chromium) && executable(driverPath),
        "browser test skipped: install Debian chromium and chromium-driver (" + chromium + ", " + driverPath + ")");
    Path shots = Path.of("target", "browser-screenshots");
    Files.createDirectories(shots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1000", "--user-data-dir=" + tmp.resolve("chromium-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(driverPath)).usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      // the page re-renders its lists as results arrive: an element found a moment ago may be gone
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      browser.get(gateway.url() + "/v1/graph/browse");
      WebElement q = browser.findElement(By.id("q"));
      q.sendKeys("dp-7");
      browser.findElement(By.id("go")).click();
      wait.until(d -> {
        for (WebElement a : d.findElements(By.cssSelector("a.sample"))) {
          if (a.getText().equals(SAMPLE)) {
            a.click();
            return true;
          }
        }
        return false;
      });
      wait.until(d -> d.findElements(By.id("sample-id")).size() == 1);
      assertEquals(SAMPLE, browser.findElement(By.id("sample-id")).getText());
      wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
          "const i = document.querySelector('img.overlay'); return !!i && i.complete && i.naturalWidth > 0"));
      assertTrue(browser.findElement(By.id("plot")).isDisplayed());
      assertTrue(browser.findElement(By.id("measurements")).getText().contains("ISO 6507-1 HV10")
          || browser.findElement(By.id("measurements")).getText().contains("property"));
      Files.write(shots.resolve("1-sample.png"), browser.getScreenshotAs(OutputType.BYTES));
      String samplePage = browser.getCurrentUrl();

      browser.findElement(By.cssSelector("a.lineage")).click();
      wait.until(d -> {
        Object n = ((JavascriptExecutor) d).executeScript("return document.body.dataset.rendered || null");
        return n != null && Integer.parseInt(n.toString()) > 8;
      });
      long drawn = (Long) ((JavascriptExecutor) browser).executeScript(
          "return cy.nodes().filter(n => n.renderedBoundingBox().w > 0).length");
      assertTrue(drawn > 8, "nodes drawn by cytoscape: " + drawn);
      String kinds = String.valueOf(((JavascriptExecutor) browser).executeScript(
          "return cy.nodes().map(n => n.data('kind')).join(',')"));
      assertTrue(kinds.contains("Prediction") && kinds.contains("MicrographFile") && kinds.contains("Sample"), kinds);
      Files.write(shots.resolve("2-lineage.png"), browser.getScreenshotAs(OutputType.BYTES));

      browser.get(samplePage);
      browser.findElements(By.linkText("explanation")).get(0).click();
      wait.until(d -> d.findElements(By.id("explanation")).size() == 1);
      assertEquals("Prediction", browser.findElement(By.id("kind")).getText());
      String explanation = browser.findElement(By.id("explanation-table")).getText();
      // a dual-phase steel sample has two predictions: hardness (SHAP "contributions") and,
      // since issue 13, fracture strain from the phase map (surrogate SHAP under "shap")
      assertTrue(explanation.contains("contributions") || explanation.contains("shap \u203a"),
          explanation);
      Files.write(shots.resolve("3-explanation.png"), browser.getScreenshotAs(OutputType.BYTES));
      System.out.println("browser screenshots: " + shots.toAbsolutePath());
    } finally {
      browser.quit();
    }
  }
}
