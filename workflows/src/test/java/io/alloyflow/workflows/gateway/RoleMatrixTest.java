package io.alloyflow.workflows.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.security.ApiTokens;
import io.alloyflow.workflows.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint x every role on a gateway with authentication on: no token gives 401 (except
 * health), a role that may not call the endpoint gives 403, a role that may gets past security
 * (2xx, or a 4xx about the request itself, never 401/403/5xx). The expected table is written out
 * here by hand, independently of {@code AccessPolicy}, so a change of the policy must be a
 * deliberate change of this table too.
 */
class RoleMatrixTest {
  @TempDir static Path tmp;
  static AlloyflowStack stack;
  static GatewayServer gw;
  static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String analysisId;

  static final Set<Role> READ = Set.of(Role.ANALYST, Role.DESIGNER, Role.SCHEDULER, Role.ADMIN);
  static final Set<Role> DESIGN = Set.of(Role.DESIGNER, Role.ADMIN);
  static final Set<Role> ADMIN = Set.of(Role.ADMIN);
  static final Set<Role> SCHEDULE = Set.of(Role.SCHEDULER, Role.ADMIN);

  record Call(String method, String path, String contentType, byte[] body, Set<Role> allowed, boolean open) {}

  @BeforeAll
  static void start() throws Exception {
    String root = System.getProperty("alloyflow.repoRoot");
    Files.createDirectories(tmp.resolve("lab"));
    MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(5, 96, 0.25e-6).bse(), tmp.resolve("lab/dp.tif"));
    EmsaIO.write(SyntheticWorld.simulateSpectrum(Map.of("Fe", 0.98, "C", 0.02), 20, 60, 1, 5),
        tmp.resolve("lab/fe.msa"));
    stack = AlloyflowStack.start(
        new StackSettings(tmp.resolve("data"), null, null, null, root == null ? null : Path.of(root))
            .withDataRoots(List.of(tmp.resolve("lab"))), m -> { }).startWorkers();
    ApiTokens tokens = ApiTokens.open(tmp.resolve("data/tokens.json"));
    for (Role r : Role.values()) {
      TOKENS.put(r, tokens.create("t-" + r.wireName(), r).token());
    }
    gw = GatewayServer.start(stack, new GatewayServer.Options("127.0.0.1", 0, true, tokens, 64L << 20));
    HttpResponse<String> sub = send(new Call("POST", "/v1/analyses", "application/json",
        "{\"sampleId\":\"rm-1\",\"micrographPath\":\"dp.tif\"}".getBytes(), DESIGN, false), Role.DESIGNER);
    assertEquals(202, sub.statusCode(), sub.body());
    analysisId = new ObjectMapper().readTree(sub.body()).get("analysisId").asText();
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  static HttpResponse<String> send(Call c, Role role) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url() + c.path()));
    if (c.body() != null) {
      b.header("Content-Type", c.contentType()).method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
    } else {
      b.method(c.method(), HttpRequest.BodyPublishers.noBody());
    }
    if (role != null) {
      b.header("Authorization", "Bearer " + TOKENS.get(role));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<Call> calls() throws Exception {
    byte[] tif = Files.readAllBytes(tmp.resolve("lab/dp.tif"));
    byte[] msa = Files.readAllBytes(tmp.resolve("lab/fe.msa"));
    byte[] json = "{\"sampleId\":\"rm-2\",\"micrographPath\":\"dp.tif\"}".getBytes();
    return List.of(
        new Call("GET", "/v1/health", null, null, Set.of(), true),
        new Call("GET", "/openapi/alloyflow-segmentation-0.1.yml", null, null, READ, false),
        new Call("POST", "/v1/analyses", "application/json", json, DESIGN, false),
        new Call("GET", "/v1/analyses/" + analysisId, null, null, READ, false),
        new Call("POST", "/v1/analyses/" + analysisId + "/cancel", null, null, DESIGN, false),
        new Call("GET", "/v1/analyses/" + analysisId + "/prov", null, null, READ, false),
        new Call("GET", "/v1/samples/rm-1/analyses", null, null, READ, false),
        new Call("GET", "/v1/graph", null, null, READ, false),
        new Call("GET", "/v1/graph/structure-property", null, null, READ, false),
        new Call("GET", "/v1/graph/lineage?key=sha256:" + "a".repeat(64), null, null, READ, false),
        new Call("POST", "/v1/segment", "image/tiff", tif, DESIGN, false),
        new Call("POST", "/v1/measure", "image/png", new byte[] {1, 2, 3}, DESIGN, false),
        new Call("POST", "/v1/eds/identify", "text/plain", msa, DESIGN, false),
        new Call("PUT", "/v1/inbox/rm-1.tif", "application/octet-stream", tif,
            Set.of(Role.INSTRUMENT, Role.ADMIN), false),
        new Call("GET", "/v1/inbox/rm-1.tif", null, null, Set.of(Role.INSTRUMENT, Role.ADMIN), false),
        new Call("GET", "/v1/admin/tokens", null, null, ADMIN, false),
        new Call("POST", "/v1/admin/tokens", "application/json", "{\"name\":\"x\",\"role\":\"analyst\"}".getBytes(),
            ADMIN, false),
        new Call("DELETE", "/v1/admin/tokens/nobody", null, null, ADMIN, false),
        new Call("POST", "/v1/campaigns", "application/json", ("{\"campaignId\":\"campaign-rm\","
            + "\"objective\":\"hardnessHv\",\"parameters\":[{\"name\":\"x\",\"lo\":0,\"hi\":1}]}").getBytes(),
            SCHEDULE, false),
        new Call("POST", "/v1/campaigns/campaign-rm/ask", "application/json", "{\"n\":1}".getBytes(), SCHEDULE, false),
        new Call("GET", "/v1/campaigns/campaign-rm", null, null, SCHEDULE, false),
        new Call("POST", "/v1/batches", "application/json", "{\"directory\":\"no-such-folder\"}".getBytes(),
            DESIGN, false),
        new Call("GET", "/v1/batches/batch-rm", null, null, READ, false),
        new Call("POST", "/v1/inclusion-scans", "application/json",
            "{\"directory\":\"no-such-folder\"}".getBytes(), DESIGN, false),
        new Call("GET", "/v1/inclusion-scans/scan-rm", null, null, READ, false),
        new Call("POST", "/v1/candidates", "application/json", "{\"composition\":{}}".getBytes(), DESIGN, false),
        new Call("GET", "/v1/candidates/candidate-rm", null, null, DESIGN, false),
        new Call("POST", "/v1/models/training", "application/json", "{\"dataPath\":\"no-such.csv\"}".getBytes(),
            ADMIN, false),
        new Call("GET", "/v1/models/training/training-rm", null, null, READ, false),
        new Call("GET", "/routes", null, null, Set.of(), false));
  }

  @Test
  void everyEndpointTimesEveryRole() throws Exception {
    List<String> wrong = new ArrayList<>();
    List<Role> callers = new ArrayList<>(List.of(Role.values()));
    callers.add(0, null);
    for (Call c : calls()) {
      for (Role r : callers) {
        int code = send(c, r).statusCode();
        boolean allowed = c.open() || (r != null && c.allowed().contains(r));
        int expected = allowed ? -1 : (r == null ? 401 : 403);
        boolean ok = allowed ? (code != 401 && code != 403 && code < 500) : code == expected;
        if (!ok) {
          wrong.add(c.method() + " " + c.path() + " as " + (r == null ? "anonymous" : r.wireName()) + ": got "
              + code + ", expected " + (allowed ? "2xx/4xx other than 401/403" : expected));
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void aWrongOrRevokedTokenIsUnauthorised() throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(gw.url() + "/v1/graph"))
        .header("Authorization", "Bearer af_not-a-real-token").GET().build();
    HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
  }

  @Test
  void bindingBeyondLoopbackWithoutAuthIsRefused() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new GatewayServer.Options("0.0.0.0", 0, false, null, 1024));
    assertTrue(e.getMessage().contains("requires authentication"), e.getMessage());
  }
}
