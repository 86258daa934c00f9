package io.alloyflow.prediction.trained;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.prediction.features.HardnessFeatures;
import io.alloyflow.prediction.model.CvReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A model directory: {@code model.json} (the {@link PropertyModel}), {@code MODEL_CARD.md} (the
 * card for people) and {@code SHA256SUMS}. The model version is {@code <property>-<first 12 hex
 * of the SHA-256 of model.json>}, so it names the exact bytes.
 */
public final class ModelIO {
  /** JSON mapper used for models. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  private ModelIO() {}

  /** A loaded model and its version. */
  public record Loaded(PropertyModel model, String version, String sha256, Path dir) {}

  /** Serialised model bytes. */
  public static byte[] bytes(PropertyModel m) throws IOException {
    return JSON.writeValueAsBytes(m);
  }

  /** Version string of serialised model bytes. */
  public static String version(String property, byte[] modelJson) {
    return property + "-" + sha256(modelJson).substring(0, 12);
  }

  /** Writes a model directory and returns the version. */
  public static String save(PropertyModel m, Path dir) throws IOException {
    Files.createDirectories(dir);
    byte[] b = bytes(m);
    Files.write(dir.resolve("model.json"), b);
    String card = cardMarkdown(m, version(m.property(), b));
    Files.writeString(dir.resolve("MODEL_CARD.md"), card);
    Files.writeString(
        dir.resolve("SHA256SUMS"),
        sha256(b) + "  model.json\n" + sha256(card.getBytes(StandardCharsets.UTF_8)) + "  MODEL_CARD.md\n");
    return version(m.property(), b);
  }

  /**
   * Loads a model directory (or a {@code model.json} path), verifying its checksum, that it
   * predicts {@code property} (when not null) and that its schema is the one this build computes.
   */
  public static Loaded load(Path dirOrFile, String property) throws IOException {
    Path dir = Files.isDirectory(dirOrFile) ? dirOrFile : dirOrFile.getParent();
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("model.json") : dirOrFile;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          dirOrFile + ": not a model directory (no model.json; train one with `alloyflow train`)");
    }
    byte[] b = Files.readAllBytes(file);
    String sha = sha256(b);
    Path sums = dir == null ? null : dir.resolve("SHA256SUMS");
    if (sums != null && Files.isRegularFile(sums)) {
      for (String line : Files.readAllLines(sums)) {
        String[] p = line.trim().split("\\s+");
        if (p.length == 2 && p[1].equals(file.getFileName().toString()) && !p[0].equals(sha)) {
          throw new IllegalArgumentException(
              file + ": SHA-256 " + sha + " does not match SHA256SUMS (" + p[0] + "); the file was changed");
        }
      }
    }
    PropertyModel m;
    try {
      m = JSON.readValue(b, PropertyModel.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + ": not a readable alloyflow property model: " + e.getMessage());
    }
    if (property != null && !property.equals(m.property())) {
      throw new IllegalArgumentException(
          dirOrFile + ": the model predicts '" + m.property() + "', not '" + property + "'");
    }
    HardnessFeatures.schema().requireSame(m.schema(), dirOrFile.toString());
    return new Loaded(m, version(m.property(), b), sha, dir);
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The model card as Markdown. */
  public static String cardMarkdown(PropertyModel m, String version) {
    var c = m.card();
    StringBuilder sb = new StringBuilder();
    sb.append("# Model card: ").append(version).append("\n\n");
    sb.append("- Property: ").append(c.property()).append(" [").append(c.unit()).append("] (column `")
        .append(c.targetColumn()).append("`)\n");
    sb.append("- Algorithm: ").append(c.algorithm()).append("\n");
    sb.append("- Training data: `").append(c.dataFile()).append("`, SHA-256 `").append(c.dataSha256())
        .append("`, ").append(c.rowsUsed()).append(" rows used; skipped: ").append(c.rowsSkipped()).append("\n");
    sb.append("- Feature schema `").append(m.schema().id()).append("`:\n");
    for (var f : m.schema().features()) {
      sb.append("  - `").append(f.name()).append("` [").append(f.unit()).append("] (player `")
          .append(f.group()).append("`): ").append(f.description()).append("\n");
    }
    sb.append("- Hyper-parameters: ").append(c.hyperParameters()).append("\n");
    if (m.trees() != null) {
      sb.append("- Boosted-tree member (weight ").append(m.treeWeight()).append("): ").append(m.trees().summary())
          .append("\n");
    }
    sb.append("- Member seeds: ").append(c.seeds()).append("\n");
    sb.append("- Software: ").append(c.software()).append("\n");
    sb.append("- Trained: ").append(c.trainedAt()).append("\n");
    sb.append("- Rebuild: `").append(c.trainCommand()).append("`\n\n");
    CvReport cv = c.cv();
    if (cv != null) {
      sb.append("## Cross-validation (").append(cv.folds()).append("-fold, grouped by alloy formula; ")
          .append(cv.rows()).append(" rows, ").append(cv.groups()).append(" alloys)\n\n");
      sb.append("| model | R2 | MAE | RMSE | MAPE % | MAPE % (").append(cv.largestFamily()).append(", ")
          .append(cv.largestFamilyRows()).append(" rows) |\n|---|---|---|---|---|---|\n");
      for (Map.Entry<String, Map<String, Double>> e : cv.models().entrySet()) {
        Map<String, Double> v = e.getValue();
        sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f | %.1f | %.1f | %.1f |%n", e.getKey(),
            v.get("r2"), v.get("mae"), v.get("rmse"), v.get("mape"), v.get("mape_largest_family")));
      }
      Map<String, Double> ens = cv.shipped();
      sb.append(String.format(Locale.ROOT,
          "%nShipped model: `%s`. Interval coverage (each fold calibrated on the other folds): 68.3 %% nominal"
              + " -> %.1f %%, 95 %% nominal -> %.1f %%; mean 95 %% half-width %.1f %s.%n",
          cv.shippedName(), 100 * ens.get("coverage68"), 100 * ens.get("coverage95"), ens.get("mean_halfwidth95"),
          c.unit()));
    }
    sb.append(String.format(Locale.ROOT,
        "%nCalibration: normalised conformal, s0 = %.2f %s, q68 = %.3f, q95 = %.3f over %d residuals.%n",
        m.calibration().s0(), c.unit(), m.calibration().q68(), m.calibration().q95(), m.calibration().n()));
    sb.append("\nLimits: trained on the Citrine MPEA table (Borg et al. 2020) as shipped in the dev copy;"
        + " hardness values from many labs and test methods; the model knows composition descriptors,"
        + " processing route, phase types and test temperature, not grain size or defect state.\n");
    return sb.toString();
  }
}
