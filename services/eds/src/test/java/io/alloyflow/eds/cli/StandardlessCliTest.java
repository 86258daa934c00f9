package io.alloyflow.eds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.eds.http.EdsController;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code eds quantify --standardless} and {@code POST /v1/eds/quantify} with {@code
 * "standardless": true} on NIST K412: loud flags (JSON and a warning line), opt-in only.
 */
class StandardlessCliTest {
  @Test
  void cliFlagsEveryStandardlessElementAndWarns() throws Exception {
    Path d = EdsCommandTest.k412();
    EdsCommandTest.Run r = EdsCommandTest.run("quantify", "--unknown",
        d.resolve("III-E K412[0][4].msa").toString(), "--elements", "Mg,Al,Si,Ca,Fe",
        "--oxygen", "stoichiometry", "--standardless", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("WARNING") && r.err().contains("STANDARDLESS")
        && r.err().contains("Mg, Al, Si, Ca, Fe"), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("normalised").asBoolean());
    double sum = 0;
    for (String el : List.of("Mg", "Al", "Si", "Ca", "Fe")) {
      assertTrue(j.get("elements").get(el).get("standardless").asBoolean(), el);
    }
    JsonNode o = j.get("elements").get("O");
    assertFalse(o.get("standardless").asBoolean());
    assertTrue(o.get("byStoichiometry").asBoolean());
    for (JsonNode e : j.get("elements")) {
      sum += e.get("massFraction").asDouble();
    }
    assertEquals(1.0, sum, 1e-9);
    assertTrue(j.get("warnings").get(0).asText().startsWith("STANDARDLESS"));
    assertTrue(j.get("standardlessModel").get("windowCarbonGcm2").asDouble() > 0);
    // Si, the largest cation: within the 25 % standardless range of the certified 21.2 wt%
    assertEquals(0.211982, j.get("elements").get("Si").get("massFraction").asDouble(),
        0.25 * 0.211982);
  }

  @Test
  void withoutTheFlagAMissingStandardIsStillAnError() throws Exception {
    Path d = EdsCommandTest.k412();
    EdsCommandTest.Run r = EdsCommandTest.run("quantify", "--unknown",
        d.resolve("III-E K412[0][4].msa").toString(), "--standard",
        "Mg=" + d.resolve("MgO std.msa"), "--elements", "Mg,Al", "--oxygen", "stoichiometry");
    assertEquals(EdsCommand.BAD_INPUT, r.code());
    assertTrue(r.err().contains("element Al has no standard") && r.err().contains("--standardless"),
        r.err());
    r = EdsCommandTest.run("quantify", "--unknown", d.resolve("III-E K412[0][4].msa").toString());
    assertEquals(EdsCommand.BAD_INPUT, r.code());
    assertTrue(r.err().contains("nothing to quantify"), r.err());
  }

  @Test
  void httpQuantifyMixesStandardsAndStandardless() throws Exception {
    Path d = EdsCommandTest.k412();
    String unknown = Files.readString(d.resolve("III-E K412[1][4].msa"), StandardCharsets.ISO_8859_1);
    String mgo = Files.readString(d.resolve("MgO std.msa"), StandardCharsets.ISO_8859_1);
    EdsController c = new EdsController();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.quantify(
        Map.of("unknown", unknown, "standards", Map.of("Mg", mgo),
            "elements", List.of("Mg", "Si"), "oxygen", "stoichiometry")));
    assertTrue(e.getMessage().contains("\"standardless\": true"), e.getMessage());
    JsonNode j = new ObjectMapper().readTree(c.quantify(Map.of("unknown", unknown,
        "standards", Map.of("Mg", mgo), "elements", List.of("Mg", "Al", "Si", "Ca", "Fe"),
        "oxygen", "stoichiometry", "standardless", true)));
    assertFalse(j.get("elements").get("Mg").get("standardless").asBoolean());
    for (String el : List.of("Al", "Si", "Ca", "Fe")) {
      assertTrue(j.get("elements").get(el).get("standardless").asBoolean(), el);
    }
    assertTrue(j.get("standardlessModel").get("instrumentFactors").has("Mg"));
  }
}
