package io.alloyflow.segmentation.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.segmentation.Fixtures;
import io.alloyflow.segmentation.cli.SegmentationCliMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The shipped AMPIS powder instance models ({@code models/ampis-*}, task {@code
 * instance-segmentation}) are intact and run through the command line's instance path: {@code
 * segment --model NAME --instances} on one recorded AMPIS tile, then {@code eval segmentation
 * --instances} against its VIA polygons. The shipped model was trained on every annotated tile,
 * this one included, so the AP50 checked here is a reproduction check (the recorded value, within
 * its tolerance, and a particle count near the truth), not a held-out accuracy: the held-out
 * number is the cross-validated one of the model card ({@code bench/unet/ampis.sh}). Skips the
 * data part when the shared data is absent.
 */
class AmpisShippedModelTest {
  @TempDir Path tmp;

  private static List<ShippedModels.Entry> instanceModels() throws Exception {
    return ShippedModels.installed().list().stream()
        .filter(e -> e.task().equals("instance-segmentation")).toList();
  }

  @Test
  void shippedInstanceModelsAreIntactSmallAndDescribed() throws Exception {
    List<ShippedModels.Entry> models = instanceModels();
    assertFalse(models.isEmpty(), "no instance model in " + ShippedModels.installed().dir());
    for (ShippedModels.Entry e : models) {
      InstanceSettings s = InstanceSettings.read(e.file());
      assertTrue(Files.isRegularFile(e.file().resolve(InstanceSettings.FILE_NAME)),
          e.name() + " records its scale and decoder (" + InstanceSettings.FILE_NAME + ")");
      assertTrue(s.scale() >= 1);
      int checked = ShippedModels.verify(e).size();
      assertTrue(checked >= 2, e.name() + ": SHA256SUMS lists the model and its sidecar");
    }
  }

  @Test
  void shippedModelSegmentsAnAmpisTileThroughTheCommandLine() throws Exception {
    Path data = Fixtures.sharedData();
    Assumptions.assumeTrue(data != null,
        "shared data (../shared/data) absent: AMPIS instance model not run");
    for (ShippedModels.Entry e : instanceModels()) {
      Properties p = ShippedModels.index(e);
      Path tile = data.resolve(p.getProperty("eval.images"))
          .resolve(p.getProperty("eval.fast.image"));
      Path via = data.resolve(p.getProperty("eval.truth"));
      Path in = Files.createDirectories(tmp.resolve(e.name() + "-img"));
      Files.copy(tile, in.resolve(tile.getFileName()));
      Path out = tmp.resolve(e.name() + "-out");
      StringWriter err = new StringWriter();
      CommandLine seg = SegmentationCliMain.commandLine();
      seg.setOut(new PrintWriter(new StringWriter()));
      seg.setErr(new PrintWriter(err));
      assertEquals(0, seg.execute("segment", "--model", e.name(), "--instances", in.toString(),
          "--out", out.toString()), err.toString());
      String base = tile.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      List<String> rows = Files.readAllLines(out.resolve("particles").resolve(base + ".csv"));
      int particles = rows.size() - 1;
      int truth = Integer.parseInt(p.getProperty("eval.fast.truthCount"));
      assertTrue(Math.abs(particles - truth) <= 0.2 * truth,
          particles + " particles found on " + base + ", " + truth + " annotated");
      StringWriter evalOut = new StringWriter();
      CommandLine ev = SegmentationCliMain.commandLine();
      ev.setOut(new PrintWriter(evalOut));
      ev.setErr(new PrintWriter(err));
      assertEquals(0, ev.execute("eval", "segmentation", "--pred",
          out.resolve("instances").toString(), "--truth", via.toString(), "--format", "via",
          "--images", in.toString(), "--instances"), err.toString());
      JsonNode m = new ObjectMapper().readTree(evalOut.toString());
      double recorded = Double.parseDouble(p.getProperty("eval.fast.ap50"));
      double tol = Double.parseDouble(p.getProperty("eval.tolerance", "0.01"));
      assertEquals(recorded, m.get("ap50").asDouble(), tol,
          e.name() + " AP50 on its (training) tile " + base + ": " + evalOut);
    }
  }
}
