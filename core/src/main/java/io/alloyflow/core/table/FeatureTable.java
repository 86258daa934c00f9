package io.alloyflow.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A table of numeric features: ordered column names, one {@code double[]} per column, and a string
 * id per row. Missing values are {@code NaN}; infinities are rejected.
 *
 * @param rowIds row identifiers, unique and non-blank
 * @param columnNames column names in order, unique and non-blank
 * @param columns one array per column, each of length {@code rowIds.size()} (copied)
 */
public record FeatureTable(List<String> rowIds, List<String> columnNames, List<double[]> columns) {

  public FeatureTable {
    rowIds = List.copyOf(Objects.requireNonNull(rowIds, "rowIds"));
    columnNames = List.copyOf(Objects.requireNonNull(columnNames, "columnNames"));
    Objects.requireNonNull(columns, "columns");
    if (columnNames.size() != columns.size()) {
      throw new IllegalArgumentException(
          "feature table has " + columnNames.size() + " column names but " + columns.size()
              + " columns");
    }
    unique(rowIds, "row id");
    unique(columnNames, "column name");
    List<double[]> copies = new ArrayList<>(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      double[] col = Objects.requireNonNull(columns.get(c), "column " + columnNames.get(c));
      if (col.length != rowIds.size()) {
        throw new IllegalArgumentException(
            "column '" + columnNames.get(c) + "' has " + col.length + " values, expected "
                + rowIds.size() + " (one per row id)");
      }
      for (int r = 0; r < col.length; r++) {
        if (Double.isInfinite(col[r])) {
          throw new IllegalArgumentException(
              "column '" + columnNames.get(c) + "', row '" + rowIds.get(r) + "' holds " + col[r]
                  + ": expected a finite value or NaN (missing)");
        }
      }
      copies.add(col.clone());
    }
    columns = Collections.unmodifiableList(copies);
  }

  private static void unique(List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException("a " + what + " is blank: expected a non-blank name");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("duplicate " + what + " '" + n + "': expected unique");
      }
    }
  }

  /** A table from ordered columns (a {@link LinkedHashMap} keeps their order). */
  public static FeatureTable of(List<String> rowIds, Map<String, double[]> orderedColumns) {
    return new FeatureTable(
        rowIds, new ArrayList<>(orderedColumns.keySet()), new ArrayList<>(orderedColumns.values()));
  }

  public int rowCount() {
    return rowIds.size();
  }

  public int columnCount() {
    return columnNames.size();
  }

  /** Index of a column; fails with the available names when absent. */
  public int columnIndex(String name) {
    int i = columnNames.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "no column '" + name + "': expected one of " + columnNames);
    }
    return i;
  }

  /** A copy of a column's values. */
  public double[] column(String name) {
    return columns.get(columnIndex(name)).clone();
  }

  /** The value in a row (by id) and column (by name). */
  public double value(String rowId, String column) {
    int r = rowIds.indexOf(rowId);
    if (r < 0) {
      throw new IllegalArgumentException("no row '" + rowId + "' in a table of " + rowCount()
          + " rows");
    }
    return columns.get(columnIndex(column))[r];
  }

  /** One row as column name to value, in column order. */
  public Map<String, Double> row(int index) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int c = 0; c < columnNames.size(); c++) {
      m.put(columnNames.get(c), columns.get(c)[index]);
    }
    return m;
  }

  /** A copy with one more column appended. */
  public FeatureTable withColumn(String name, double[] values) {
    List<String> names = new ArrayList<>(columnNames);
    List<double[]> cols = new ArrayList<>(columns);
    names.add(name);
    cols.add(values);
    return new FeatureTable(rowIds, names, cols);
  }

  /** A copy with only the named columns, in the given order. */
  public FeatureTable select(List<String> names) {
    List<double[]> cols = new ArrayList<>();
    for (String n : names) {
      cols.add(columns.get(columnIndex(n)));
    }
    return new FeatureTable(rowIds, names, cols);
  }

  /** Row-major matrix {@code [row][column]}. */
  public double[][] toMatrix() {
    double[][] m = new double[rowCount()][columnCount()];
    for (int c = 0; c < columnCount(); c++) {
      double[] col = columns.get(c);
      for (int r = 0; r < rowCount(); r++) {
        m[r][c] = col[r];
      }
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureTable t)) {
      return false;
    }
    if (!rowIds.equals(t.rowIds) || !columnNames.equals(t.columnNames)) {
      return false;
    }
    for (int c = 0; c < columns.size(); c++) {
      if (!Arrays.equals(columns.get(c), t.columns.get(c))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(rowIds, columnNames);
    for (double[] c : columns) {
      h = 31 * h + Arrays.hashCode(c);
    }
    return h;
  }

  @Override
  public String toString() {
    return "FeatureTable[rows=" + rowCount() + ", columns=" + columnNames + "]";
  }
}
