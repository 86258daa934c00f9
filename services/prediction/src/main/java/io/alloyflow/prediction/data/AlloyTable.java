package io.alloyflow.prediction.data;

import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.Composition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows of an alloy property table in the layout of the Citrine MPEA data set (Borg et al., Sci.
 * Data 7 (2020) 430): a {@code FORMULA} column of element-amount pairs, optional {@code PROPERTY:
 * Processing method}, {@code PROPERTY: Microstructure} (observed phases) and {@code PROPERTY: Test
 * temperature ($^\circ$C)} columns, and the target column (e.g. {@code PROPERTY: HV}). Short
 * column names ({@code processing}, {@code phases}, {@code test_temperature_C}) are accepted too.
 *
 * @param file the source
 * @param header column names
 * @param rows every data row with either its parsed sample or the reason it could not be used
 */
public record AlloyTable(Path file, List<String> header, List<Row> rows) {

  /**
   * One data row.
   *
   * @param line 1-based line number in the file (header = line 1)
   * @param cells the raw cells (padded to the header width)
   * @param sample the parsed sample, null when the row cannot be used
   * @param target the target value, NaN when absent or no target column was asked for
   * @param error why the row cannot be used ("" when it can)
   */
  public record Row(int line, List<String> cells, AlloySample sample, double target, String error) {
    /** True when the row has a sample. */
    public boolean usable() {
      return sample != null;
    }
  }

  static final String[] FORMULA = {"FORMULA", "formula"};
  static final String[] PROCESSING = {"PROPERTY: Processing method", "processing"};
  static final String[] PHASES = {"PROPERTY: Microstructure", "phases"};
  static final String[] TEMPERATURE = {"PROPERTY: Test temperature ($^\\circ$C)", "test_temperature_C"};

  /** Target column of a property name (e.g. {@code hardness} -> {@code PROPERTY: HV}). */
  public static String[] targetColumns(String targetColumn) {
    return new String[] {targetColumn, targetColumn.replace("PROPERTY: ", "")};
  }

  /**
   * Reads a table.
   *
   * @param targetColumn the target column name (e.g. {@code PROPERTY: HV}), or null to read inputs
   *     only
   */
  public static AlloyTable read(Path file, String targetColumn) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    List<List<String>> recs = Csv.read(file);
    if (recs.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty file (expected a header row with a FORMULA column)");
    }
    List<String> header = recs.get(0).stream().map(String::trim).toList();
    int fCol = find(header, FORMULA);
    if (fCol < 0) {
      throw new IllegalArgumentException(
          file + ": line 1: no FORMULA column (found columns: " + header + ")");
    }
    int pCol = find(header, PROCESSING);
    int phCol = find(header, PHASES);
    int tCol = find(header, TEMPERATURE);
    int yCol = -1;
    if (targetColumn != null) {
      yCol = find(header, targetColumns(targetColumn));
      if (yCol < 0) {
        throw new IllegalArgumentException(
            file + ": line 1: no target column '" + targetColumn + "' (found columns: " + header + ")");
      }
    }
    if (recs.size() < 2) {
      throw new IllegalArgumentException(file + ": no data rows after the header");
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < recs.size(); r++) {
      List<String> cells = new ArrayList<>(recs.get(r));
      while (cells.size() < header.size()) {
        cells.add("");
      }
      int line = r + 1;
      String where = file.getFileName() + ": line " + line;
      try {
        Composition comp;
        try {
          comp = Composition.parse(cells.get(fCol));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ", column " + header.get(fCol) + ": " + e.getMessage());
        }
        double t = Double.NaN;
        if (tCol >= 0 && !cells.get(tCol).isBlank()) {
          t = number(cells.get(tCol), where, header.get(tCol));
        }
        double y = Double.NaN;
        if (yCol >= 0 && !cells.get(yCol).isBlank()) {
          y = number(cells.get(yCol), where, header.get(yCol));
        }
        AlloySample s;
        try {
          s = new AlloySample(
              comp, pCol >= 0 ? cells.get(pCol) : "", phCol >= 0 ? cells.get(phCol) : "", t);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        rows.add(new Row(line, cells, s, y, ""));
      } catch (IllegalArgumentException e) {
        rows.add(new Row(line, cells, null, Double.NaN, e.getMessage()));
      }
    }
    return new AlloyTable(file, header, rows);
  }

  private static double number(String cell, String where, String column) {
    try {
      double v = Double.parseDouble(cell.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ", column " + column + ": '" + cell + "' is not a number");
    }
  }

  static int find(List<String> header, String[] names) {
    for (String n : names) {
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).equalsIgnoreCase(n)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Rows with a sample and a finite target (the training rows). */
  public List<Row> labelled() {
    return rows.stream().filter(r -> r.usable() && Double.isFinite(r.target())).toList();
  }

  /** Counts of rows skipped for training, by reason class. */
  public Map<String, Integer> skipped() {
    Map<String, Integer> m = new TreeMap<>();
    for (Row r : rows) {
      if (!r.usable()) {
        m.merge("unusable row", 1, Integer::sum);
      } else if (!Double.isFinite(r.target())) {
        m.merge("no target value", 1, Integer::sum);
      }
    }
    return m;
  }
}
