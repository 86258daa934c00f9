package io.alloyflow.prediction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.data.Csv;
import io.alloyflow.prediction.trained.TestTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code predict hardness} and {@code models} against a model trained on the synthetic table. */
class PredictionCliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    CommandLine cl = new CommandLine(new PredictionCli.Root());
    PredictionCli.register(cl);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    for (CommandLine sub : cl.getSubcommands().values()) {
      sub.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
      for (CommandLine s2 : sub.getSubcommands().values()) {
        s2.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
      }
    }
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = cl.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void predictKeepsEveryRowAndExplainsTheGoodOnes() throws Exception {
    Path model = TestTables.model();
    Path in = dir.resolve("candidates.csv");
    Files.writeString(in, "FORMULA,PROPERTY: Processing method,sigma_Al,id\n"
        + "Al1 Co1 Cr1 Fe1 Ni1,CAST,0.02,a\n"
        + "Xx1 Fe1,CAST,,b\n"
        + "Fe1 Ni1.5.2,CAST,,c\n"
        + "Co1 Cr1 Fe1 Ni1,MELTED,,d\n"
        + "Co1 Cr1 Fe1 Ni1,,,e\n"
        + "W1 Re1,CAST,,f\n");
    Path out = dir.resolve("pred.csv");
    Run r = run("predict", "hardness", "--model", model.toString(), "--input", in.toString(),
        "--out", out.toString(), "--plots", dir.resolve("plots").toString(), "--registry", dir.resolve("reg").toString());
    assertEquals(0, r.code(), r.err());
    List<List<String>> rows = Csv.read(out);
    List<String> h = rows.get(0);
    assertEquals(7, rows.size(), "header + every input row");
    for (String c : List.of("HV_pred", "HV_std", "HV_lo95", "HV_hi95", "shap_vec", "shap_processing", "error", "id",
        "domain_warning")) {
      assertTrue(h.contains(c), "column " + c + " in " + h);
    }
    int err = h.indexOf("error");
    assertEquals("", rows.get(1).get(err));
    assertTrue(rows.get(2).get(err).contains("candidates.csv: line 3, column FORMULA") && rows.get(2).get(err).contains("'Xx'"),
        rows.get(2).get(err));
    assertTrue(rows.get(3).get(err).contains("line 4"), rows.get(3).get(err));
    assertTrue(rows.get(4).get(err).contains("unknown processing route 'MELTED'"), rows.get(4).get(err));
    assertEquals("", rows.get(5).get(err));
    // W-Re is far outside the synthetic training table (Al..Cu): predicted, but flagged
    int dw = h.indexOf("domain_warning");
    assertEquals("", rows.get(6).get(err));
    assertTrue(rows.get(6).get(dw).contains("outside the training range"), rows.get(6).get(dw));
    // additivity in the written file (6 significant digits)
    double sum = Double.parseDouble(rows.get(1).get(h.indexOf("shap_base")));
    for (int c = 0; c < h.size(); c++) {
      if (h.get(c).startsWith("shap_") && !h.get(c).equals("shap_base")) {
        sum += Double.parseDouble(rows.get(1).get(c));
      }
    }
    double pred = Double.parseDouble(rows.get(1).get(h.indexOf("HV_pred")));
    assertEquals(pred, sum, 1e-4 * pred);
    assertTrue(Double.parseDouble(rows.get(1).get(h.indexOf("HV_input_std"))) > 0);
    assertTrue(Files.size(dir.resolve("plots/shap_importance.png")) > 1000);
    assertTrue(Files.isRegularFile(dir.resolve("plots/waterfall_line2.png")));
  }

  @Test
  void badInputsAreOneLineErrors() throws Exception {
    Path model = TestTables.model();
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    Run r = run("predict", "hardness", "--model", model.toString(), "--input", empty.toString(), "--out",
        dir.resolve("o.csv").toString(), "--registry", dir.resolve("reg").toString());
    assertEquals(PredictionCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("empty.csv: empty file") && r.err().strip().lines().count() == 1, r.err());
    Path notModel = dir.resolve("notamodel");
    Files.createDirectories(notModel);
    r = run("predict", "hardness", "--model", notModel.toString(), "--input", TestTables.table().toString(),
        "--out", dir.resolve("o.csv").toString(), "--registry", dir.resolve("reg").toString());
    assertEquals(PredictionCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("not a model directory"), r.err());
    r = run("predict", "hardness", "--model", model.toString(), "--input", TestTables.table().toString(),
        "--out", dir.resolve("o.csv").toString(), "--shap-players", "elements");
    assertEquals(PredictionCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("one of none, features, inputs") && r.err().strip().lines().count() == 1, r.err());
  }

  @Test
  void inputLevelShapleyColumns() throws Exception {
    Path in = dir.resolve("c.csv");
    Files.writeString(in, "FORMULA,PROPERTY: Processing method\nAl1 Co1 Cr1 Fe1 Ni1,CAST\n");
    Path out = dir.resolve("p.csv");
    Run r = run("predict", "hardness", "--model", TestTables.model().toString(), "--input", in.toString(),
        "--out", out.toString(), "--shap-players", "inputs", "--registry", dir.resolve("reg").toString());
    assertEquals(0, r.code(), r.err());
    List<String> h = Csv.read(out).get(0);
    assertTrue(h.containsAll(List.of("shap_composition", "shap_test_temperature", "shap_processing", "shap_phases"))
        && !h.contains("shap_vec"), h.toString());
  }

  @Test
  void modelsListAndShow() throws Exception {
    Path model = TestTables.model();
    Run r = run("models", "show", model.toString(), "--registry", dir.resolve("reg").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("# Model card: hardness-") && r.out().contains("mixing_enthalpy"), r.out());
    r = run("models", "list", "--registry", dir.resolve("reg").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("registered"), r.out());
  }

  @Test
  void modelsVerifyPassesTheShippedModelsAndNamesADamagedFile() throws Exception {
    Run r = run("models", "verify");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("ok      hardness-mpea-ensemble") && r.out().contains("models intact"), r.out());
    Path shipped = io.alloyflow.core.models.ShippedModels.installed().dir().resolve("hardness-mpea-ensemble");
    Path copy = Files.createDirectories(dir.resolve("zoo/hardness-mpea-ensemble"));
    try (var files = Files.list(shipped)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    byte[] json = Files.readAllBytes(copy.resolve("model.json"));
    json[json.length / 2] ^= 1;
    Files.write(copy.resolve("model.json"), json);
    r = run("models", "verify", "--dir", dir.resolve("zoo").toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("FAILED  hardness-mpea-ensemble") && r.out().contains("model.json: SHA-256")
        && r.out().contains("1 of 1 models failed"), r.out());
  }
}
