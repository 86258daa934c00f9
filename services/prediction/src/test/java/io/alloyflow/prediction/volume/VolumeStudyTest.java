package io.alloyflow.prediction.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.imagemodels.cli.MicromechCli;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny validated study end to end: splits, XGBoost choice, ensemble, files, CLI predict. */
class VolumeStudyTest {

  @TempDir Path tmp;

  @Test
  void tinyStudyWritesTheEnsembleAndTheCliPredictsWithASpread() throws Exception {
    Path data = tmp.resolve("vol");
    MicromechDatasets.buildVolumes(data, 20, 16, 5, 1);
    Path out = tmp.resolve("model");
    var grid = List.of(new VolumeStudy.XgbSetting(20, 0.3, 2, 1),
        new VolumeStudy.XgbSetting(50, 0.1, 3, 1));
    var s = new VolumeStudy.Settings("hotspot", 0.2, 0.25, 7, 2, false,
        new VolumeCnn.Config(VolumeFeatures.SYMMETRIC_CHANNELS, 16, 2, 1, 8, 1e-3, 7), grid);
    VolumeStudy.Outcome o = VolumeStudy.run(data, out, s, line -> { });
    // ridge, tuned XGBoost, CNN single, single + TTA, ensemble + TTA on the 4 test volumes
    assertEquals(5, o.test().size());
    // 2 XGBoost settings + 2 members x (plain, TTA) + the ensemble on the 4 validation volumes
    assertEquals(7, o.validation().size());
    assertTrue(grid.contains(o.chosenXgb()));
    List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
    assertEquals(1 + 4, csv.size());
    assertTrue(csv.get(0).startsWith("index,label,ridge,xgboost,cnn_single"), csv.get(0));
    String sums = Files.readString(out.resolve("SHA256SUMS"));
    for (String f : new String[] {"member0-0000.params", "member1-0000.params",
        VolumeEnsemble.FILE, "image-model.json", "report.json", "predictions.csv"}) {
      assertTrue(sums.contains(f), f + " missing from SHA256SUMS");
    }
    assertTrue(Files.readString(out.resolve("report.json")).contains("\"chosenXgboost\""));

    int rc = MicromechCli.standalone().execute("predict", "volume-property", "--model",
        out.toString(), "--out", tmp.resolve("pred").toString(), data.toString());
    assertEquals(0, rc);
    List<String> pred = Files.readAllLines(tmp.resolve("pred/predictions.csv"));
    assertEquals("volume,index,volume-hotspot_1,volume-hotspot_1_sd", pred.get(0));
    assertEquals(21, pred.size());
    String[] first = pred.get(1).split(",");
    assertTrue(Double.parseDouble(first[3]) >= 0, pred.get(1));

    // a fracture-strain method for a volume property, and the reverse: exit 2
    assertEquals(2, MicromechCli.standalone().execute("train", "fracture-strain", "--method",
        "cnn3d-sym", "--data", data.toString(), "--out", tmp.resolve("x").toString()));
  }
}
