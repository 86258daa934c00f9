package io.alloyflow.workflows.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile but fair user against {@code alloyflow serve} running as a user runs it, in a child JVM
 * with a 512 MiB heap: files outside the data roots, secrets inside them, images and spectra that
 * declare absurd sizes, malformed and out-of-range fields, replays. Every case must end in a clear
 * 4xx problem (or an analysis FAILED with its reason), never a 5xx, never file content in an
 * answer, and the server must stay up and healthy throughout with nothing partial left behind.
 */
class HostileInputTest {
  @TempDir static Path tmp;
  static ServeProcess serve;
  static String admin;
  static String designer;
  static Path root;
  static final String SECRET = "db_password=hunter2-s3cr3t";

  @BeforeAll
  static void start() throws Exception {
    root = tmp.resolve("lab-storage");
    serve = new ServeProcess(tmp.resolve("data"), root, "512m").start();
    admin = serve.adminToken();
    HttpResponse<String> t = serve.postJson("/v1/admin/tokens", admin,
        Map.of("name", "dora", "role", "designer"), Map.of());
    assertEquals(201, t.statusCode(), t.body());
    designer = ServeProcess.JSON.readTree(t.body()).get("token").asText();
    MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(3, 128, 0.25e-6).bse(), root.resolve("dp.tif"));
    Files.writeString(tmp.resolve("outside-secret.msa"), "#FORMAT : EMSA/MAS Spectral Data File\n" + SECRET + "\n");
    Files.writeString(root.resolve("secrets.msa"), "#FORMAT : EMSA/MAS Spectral Data File\n" + SECRET + "\n");
    Files.createSymbolicLink(root.resolve("escape.msa"), tmp.resolve("outside-secret.msa"));
    Files.write(root.resolve("huge.png"), hugePng(40000, 40000));
    MicrographIO.writeTiff(new io.alloyflow.core.image.Micrograph(1, 1, new float[] {7}, 8, 0.25e-6,
        io.alloyflow.core.image.SignalType.BSE), root.resolve("tiny.tif"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (serve != null) {
      serve.close();
    }
  }

  /** A PNG whose header declares w x h 8-bit grey pixels, followed by a tiny IDAT. */
  static byte[] hugePng(int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    java.util.zip.Deflater d = new java.util.zip.Deflater();
    d.setInput(new byte[1 << 16]);
    d.finish();
    byte[] buf = new byte[1 << 16];
    int n = d.deflate(buf);
    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  static Map<String, Object> body(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static JsonNode problem(HttpResponse<String> r, int status, String field) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        "problem+json expected, got " + r.headers().firstValue("Content-Type") + ": " + r.body());
    JsonNode p = ServeProcess.JSON.readTree(r.body());
    if (field != null) {
      assertEquals(field, p.path("field").asText(), r.body());
    }
    assertFalse(r.body().contains("at io.") || r.body().contains("Exception"), "no stack trace: " + r.body());
    return p;
  }

  HttpResponse<String> submit(Map<String, Object> b) throws Exception {
    return serve.postJson("/v1/analyses", designer, b, Map.of());
  }

  @Test
  void filesOutsideTheDataRootsAreNeverRead() throws Exception {
    for (String p : List.of("/etc/shadow", "/etc/passwd", "../outside-secret.msa", "/proc/self/environ",
        tmp.resolve("outside-secret.msa").toString(), "escape.msa", "does-not-exist.tif", "")) {
      HttpResponse<String> r = submit(body("sampleId", "s1", "micrographPath", "dp.tif", "edsPath", p));
      JsonNode prob = problem(r, 400, "edsPath");
      assertFalse(r.body().contains("root:") || r.body().contains("hunter2"), r.body());
      if (!p.isEmpty()) {
        // the same answer whether the file is missing, outside, or a link out of the root
        assertEquals("edsPath: not a readable regular file under this server's data roots (paths are"
            + " relative to a data root, or absolute inside one)", prob.get("detail").asText(), p);
      }
    }
    HttpResponse<String> abs = submit(body("sampleId", "s1", "micrographPath", "/etc/passwd"));
    problem(abs, 400, "micrographPath");
  }

  @Test
  void aSecretFileInsideTheRootsIsNotEchoed() throws Exception {
    HttpResponse<String> r = submit(body("sampleId", "s-secret", "micrographPath", "dp.tif", "edsPath", "secrets.msa"));
    assertTrue(r.statusCode() == 400 || r.statusCode() == 202, r.body());
    assertFalse(r.body().contains("hunter2"), r.body());
    if (r.statusCode() == 202) {
      JsonNode s = serve.awaitEnd(ServeProcess.JSON.readTree(r.body()).get("analysisId").asText(), designer, 120);
      assertEquals("FAILED", s.get("status").asText(), s.toString());
      assertFalse(s.toString().contains("hunter2"), "the reason must not quote the file: " + s);
    }
    HttpResponse<String> direct = serve.postBytes("/v1/eds/identify", designer, "text/plain",
        ("#FORMAT : EMSA/MAS Spectral Data File\n#NPOINTS : 4\n" + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
    assertTrue(direct.statusCode() >= 400 && direct.statusCode() < 500, direct.body());
    assertFalse(direct.body().contains("hunter2"), direct.body());
  }

  @Test
  void absurdDeclaredSizesAreRefusedBeforeAnyAllocation() throws Exception {
    HttpResponse<String> r = submit(body("sampleId", "s2", "micrographPath", "huge.png"));
    JsonNode p = problem(r, 400, "micrographPath");
    assertTrue(p.get("detail").asText().contains("1600000000"), "the declared size is named: " + r.body());
    byte[] png = Files.readAllBytes(root.resolve("huge.png"));
    for (String ep : List.of("/v1/segment", "/v1/measure")) {
      HttpResponse<String> s = serve.postBytes(ep, designer, "image/png", png);
      assertTrue(s.statusCode() >= 400 && s.statusCode() < 500, ep + ": " + s.statusCode() + " " + s.body());
    }
    String emsa = "#FORMAT : EMSA/MAS Spectral Data File\n#VERSION : 1.0\n#NPOINTS : 2000000000\n"
        + "#NCOLUMNS : 1\n#XPERCHAN : 10.0\n#OFFSET : 0.0\n#SPECTRUM :\n1\n2\n3\n#ENDOFDATA :\n";
    HttpResponse<String> e = serve.postBytes("/v1/eds/identify", designer, "text/plain",
        emsa.getBytes(StandardCharsets.UTF_8));
    assertTrue(e.statusCode() >= 400 && e.statusCode() < 500, e.statusCode() + " " + e.body());
    HttpResponse<String> big = serve.postBytes("/v1/segment", designer, "image/tiff", new byte[20 << 20]);
    assertEquals(413, big.statusCode(), big.body());
    assertTrue(serve.alive(), "the server must survive: " + serve.tail());
    assertEquals(200, serve.get("/v1/health", null).statusCode());
  }

  @Test
  void everyFieldIsValidatedUpFront() throws Exception {
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "classes", -5)), 400, "classes");
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "method", "multiotsu", "classes", 1000)),
        400, "classes");
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "classes", "3")), 400, "classes");
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "pixelSizeUm", "abc")), 400, "pixelSizeUm");
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "pixelSizeUm", -0.1)), 400, "pixelSizeUm");
    problem(submit(body("sampleId", "x".repeat(100_000), "micrographPath", "dp.tif")), 400, "sampleId");
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "alloySystem", "unobtainium")), 400,
        "alloySystem");
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "method", "unet")), 400, "method");
    problem(submit(body("sampleId", "s", "micrographPath", "dp.tif", "color", "red")), 400, "color");
    problem(submit(body("micrographPath", "dp.tif")), 400, "sampleId");
    problem(serve.postJson("/v1/analyses", designer, "{not json", Map.of()), 400, null);
    problem(serve.postJson("/v1/analyses", designer, "[1,2]", Map.of()), 400, null);
    problem(serve.postJson("/v1/analyses", designer, body("sampleId", "s", "micrographPath", "dp.tif"),
        Map.of("Idempotency-Key", "x".repeat(201))), 400, "Idempotency-Key");
    problem(serve.get("/v1/analyses/../../etc/passwd", designer), 404, null);
    problem(serve.get("/v1/analyses/analysis-unknown", designer), 404, null);
  }

  @Test
  void meaninglessImagesFailWithAReasonNotWithNaN() throws Exception {
    HttpResponse<String> r = submit(body("sampleId", "s-tiny", "micrographPath", "tiny.tif"));
    if (r.statusCode() == 202) {
      JsonNode s = serve.awaitEnd(ServeProcess.JSON.readTree(r.body()).get("analysisId").asText(), designer, 120);
      assertNotEquals("COMPLETED", s.get("status").asText(), s.toString());
    } else {
      problem(r, 400, "micrographPath");
    }
  }

  @Test
  void retriesWithAnIdempotencyKeyGiveOneAnalysis() throws Exception {
    Map<String, Object> b = body("sampleId", "s-idem", "micrographPath", "dp.tif", "alloySystem", "dp-steel");
    HttpResponse<String> a = serve.postJson("/v1/analyses", designer, b, Map.of("Idempotency-Key", "k-1"));
    HttpResponse<String> again = serve.postJson("/v1/analyses", designer, b, Map.of("Idempotency-Key", "k-1"));
    assertEquals(202, a.statusCode(), a.body());
    assertEquals(202, again.statusCode(), again.body());
    String id = ServeProcess.JSON.readTree(a.body()).get("analysisId").asText();
    assertEquals(id, ServeProcess.JSON.readTree(again.body()).get("analysisId").asText());
    assertFalse(ServeProcess.JSON.readTree(again.body()).get("created").asBoolean());
    Map<String, Object> other = new HashMap<>(b);
    other.put("classes", 2);
    other.put("method", "kmeans");
    problem(serve.postJson("/v1/analyses", designer, other, Map.of("Idempotency-Key", "k-1")), 422,
        "Idempotency-Key");
    JsonNode s = serve.awaitEnd(id, designer, 180);
    assertEquals("COMPLETED", s.get("status").asText(), s.toString());
    HttpResponse<String> list = serve.get("/v1/samples/s-idem/analyses", designer);
    assertEquals(1, ServeProcess.JSON.readTree(list.body()).size(), list.body());
  }

  @Test
  void uploadsAreAcceptedAndCheckedToo() throws Exception {
    String boundary = "----alloyflow" + System.nanoTime();
    byte[] tif = Files.readAllBytes(root.resolve("dp.tif"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"sampleId\"\r\n\r\ns-upload\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"micrograph\"; filename=\"up.tif\"\r\n"
        + "Content-Type: image/tiff\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(tif);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = serve.postBytes("/v1/analyses", designer,
        "multipart/form-data; boundary=" + boundary, out.toByteArray());
    assertEquals(202, r.statusCode(), r.body());
    JsonNode s = serve.awaitEnd(ServeProcess.JSON.readTree(r.body()).get("analysisId").asText(), designer, 180);
    assertEquals("COMPLETED", s.get("status").asText(), s.toString());
    try (Stream<Path> parts = Files.list(serve.dataDir)) {
      assertTrue(parts.noneMatch(p -> p.getFileName().toString().startsWith("upload-")),
          "no upload temp file may be left behind");
    }
    try (Stream<Path> t = Files.list(serve.dataDir.resolve("artifacts").resolve("tmp"))) {
      assertEquals(0, t.count(), "no partial object may be left in the store");
    }
  }
}
