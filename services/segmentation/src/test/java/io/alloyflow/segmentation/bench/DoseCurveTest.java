package io.alloyflow.segmentation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bookkeeping of the accuracy-dose curve: rows of paths that were not rerun are kept exactly,
 * rerun rows replace their old values, rows are ordered by generator, dose, path and seed, a
 * third path is drawn, and merging with rows made under other settings is refused.
 */
class DoseCurveTest {

  @TempDir Path dir;

  @Test
  void aRerunPathReplacesItsRowsAndKeepsTheOthersExactly() throws Exception {
    Path csv = dir.resolve("dose-curve-summary.csv");
    String classical = "dp-steel,1000,classical,3,0.77014,0.76794,0.02566,0.03754,,";
    String pixel = "dp-steel,1000,pixel-classifier,3,0.93080,0.92498,0.00482,0.00769,,";
    String pixel200 = "dp-steel,200,pixel-classifier,3,0.86693,0.84759,0.03090,0.04974,,";
    String grains = "grains2d,200,classical,3,0.45551,0.43904,,,0.46813,0.50318";
    Files.write(csv, List.of(DoseCurve.SUMMARY_HEADER, grains, classical, pixel, pixel200));
    Map<String, String> rows = DoseCurve.readRows(csv, DoseCurve.SUMMARY_HEADER, 3);
    rows.put("dp-steel,1000,unet", "dp-steel,1000,unet,3,0.9,0.89,0.01,0.02,,");
    rows.put("dp-steel,200,pixel-classifier", "dp-steel,200,pixel-classifier,3,0.5,0.5,,,,");
    DoseCurve.writeRows(csv, DoseCurve.SUMMARY_HEADER, rows);
    assertEquals(List.of(DoseCurve.SUMMARY_HEADER,
        "dp-steel,200,pixel-classifier,3,0.5,0.5,,,,", classical, pixel,
        "dp-steel,1000,unet,3,0.9,0.89,0.01,0.02,,", grains), Files.readAllLines(csv));

    DoseCurve.plot(dir, DoseStudy.Kind.DP_STEEL,
        DoseCurve.readRows(csv, DoseCurve.SUMMARY_HEADER, 3), 128, 3);
    var png = javax.imageio.ImageIO.read(dir.resolve("dose-curve-dp-steel-miou.png").toFile());
    // the third series' colour (green) is drawn: legend line and the U-Net point
    int green = 0;
    for (int y = 0; y < png.getHeight(); y++) {
      for (int x = 0; x < png.getWidth(); x++) {
        green += (png.getRGB(x, y) & 0xffffff) == 0x1e963c ? 1 : 0;
      }
    }
    assertTrue(green > 20, "expected the unet series drawn in green, found " + green + " px");
  }

  @Test
  void mergingWithRowsMadeUnderOtherSettingsIsRefused() throws Exception {
    Properties run = new Properties();
    run.setProperty("size", "128");
    run.setProperty("testSeeds", "7001,7002,7003");
    run.setProperty("unetRecipe", "r1");
    var paths = EnumSet.of(DoseStudy.Method.UNET);
    DoseCurve.checkSettings(dir, run, paths);
    Files.write(dir.resolve("dose-curve.csv"), List.of(DoseCurve.ROWS_HEADER));
    DoseCurve.checkSettings(dir, run, paths); // same settings: fine
    Properties other = (Properties) run.clone();
    other.setProperty("size", "256");
    var e = assertThrows(IllegalArgumentException.class,
        () -> DoseCurve.checkSettings(dir, other, paths));
    assertTrue(e.getMessage().contains("size = 128 but this run has 256"), e.getMessage());
    // another U-Net recipe matters only to the U-Net paths
    Properties recipe = (Properties) run.clone();
    recipe.setProperty("unetRecipe", "r2");
    DoseCurve.checkSettings(dir, recipe, EnumSet.of(DoseStudy.Method.CLASSICAL));
    assertThrows(IllegalArgumentException.class,
        () -> DoseCurve.checkSettings(dir, recipe, paths));
    Files.delete(dir.resolve("dose-curve.properties"));
    assertThrows(IllegalArgumentException.class,
        () -> DoseCurve.checkSettings(dir, run, paths));
  }

  @Test
  void pathNamesAreParsedAndUnknownOnesNamed() {
    assertEquals(EnumSet.of(DoseStudy.Method.UNET, DoseStudy.Method.CLASSICAL),
        DoseStudy.Method.parseList("unet, classical"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> DoseStudy.Method.parseList("unet,cnn"));
    assertTrue(e.getMessage().contains("'cnn'"), e.getMessage());
  }
}
