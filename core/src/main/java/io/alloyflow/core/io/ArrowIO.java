package io.alloyflow.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.table.FeatureTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Arrow IPC file-format (Apache Arrow columnar format, "IPC File Format", arrow.apache.org)
 * encodings of the array values that travel between services through the artifact store.
 *
 * <ul>
 *   <li>Micrograph: one non-null {@code float32} column {@code pixels} (row-major, one row per
 *       pixel); schema metadata {@code alloyflow.kind=micrograph}, {@code width}, {@code height},
 *       {@code bitDepth}, {@code pixelSizeM}, {@code signal}.
 *   <li>LabelMap: one {@code int32} column {@code labels}; metadata {@code width}, {@code
 *       height}, {@code pixelSizeM}, {@code classNames} (JSON array).
 *   <li>SpectrumImage: one {@code FixedSizeList<float32>[channels]} column {@code spectra}, one row
 *       per pixel (pixel-major, row-major pixels); metadata {@code width}, {@code height}, {@code
 *       channels}, {@code offsetEv}, {@code gainEvPerChannel}, {@code pixelSizeM}, {@code
 *       beamEnergyKeV}, {@code liveTimePerPixelS}.
 *   <li>FeatureTable: a {@code utf8} column {@code id} then one {@code float64} column per feature
 *       in order; metadata {@code alloyflow.kind=featureTable}.
 * </ul>
 *
 * Numbers in metadata are Java {@code Double.toString} text ({@code NaN} for unknown). Each call
 * uses its own {@link RootAllocator}, closed before returning, so a leak fails loudly. Readers
 * accept any number of record batches and fail with a {@link FormatException} (file name {@code
 * arrow:<kind>}) on foreign or malformed input.
 */
public final class ArrowIO {
  private ArrowIO() {}

  /** Metadata key naming the encoded value kind. */
  public static final String KIND = "alloyflow.kind";

  /** Media type for artifacts in this encoding. */
  public static final String MEDIA_TYPE = "application/vnd.apache.arrow.file";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
  private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

  // ------------------------------------------------------------------ micrograph

  public static byte[] toArrow(Micrograph m) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(KIND, "micrograph");
    meta.put("width", Integer.toString(m.width()));
    meta.put("height", Integer.toString(m.height()));
    meta.put("bitDepth", Integer.toString(m.bitDepth()));
    meta.put("pixelSizeM", Double.toString(m.pixelSizeM()));
    meta.put("signal", m.signal().name());
    Schema schema = new Schema(
        List.of(new Field("pixels", FieldType.notNullable(FLOAT32), null)), meta);
    float[] p = m.pixels();
    return write(schema, p.length, root -> {
      Float4Vector v = (Float4Vector) root.getVector(0);
      v.allocateNew(p.length);
      for (int i = 0; i < p.length; i++) {
        v.set(i, p[i]);
      }
      v.setValueCount(p.length);
    });
  }

  public static Micrograph micrographFromArrow(byte[] bytes) throws IOException {
    return micrographFromArrow(bytes, ReadLimits.DEFAULT);
  }

  /**
   * Decodes a micrograph within {@code limits}: the declared width*height is checked against the
   * limits and against the values the record batches hold before the pixel array is allocated.
   */
  public static Micrograph micrographFromArrow(byte[] bytes, ReadLimits limits)
      throws IOException {
    Path src = Path.of("arrow:micrograph");
    return read(bytes, src, "micrograph", limits, (meta, batches) -> {
      int w = intKey(src, meta, "width");
      int h = intKey(src, meta, "height");
      limits.checkImage(src, "schema metadata (width, height)", w, h, 1);
      expectCount(src, "pixels", (long) w * h, countValues(src, batches, "pixels", 1));
      float[] px = new float[checkedSize(src, (long) w * h)];
      int n = 0;
      for (VectorSchemaRoot root : batches) {
        Float4Vector v = vector(src, root, "pixels", Float4Vector.class);
        n = copy(src, v, px, n);
      }
      expectCount(src, "pixels", px.length, n);
      SignalType s;
      try {
        s = SignalType.parse(key(src, meta, "signal"));
      } catch (IllegalArgumentException e) {
        throw new FormatException(src, "schema metadata key signal", "BSE, SE, INLENS or OTHER",
            FormatException.unshown("a value", meta.get("signal")));
      }
      try {
        return new Micrograph(w, h, px, intKey(src, meta, "bitDepth"),
            doubleKey(src, meta, "pixelSizeM"), s);
      } catch (IllegalArgumentException e) {
        throw new FormatException(src, "schema metadata", "a valid micrograph", e.getMessage());
      }
    });
  }

  // ------------------------------------------------------------------ label map

  public static byte[] toArrow(LabelMap m) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(KIND, "labelMap");
    meta.put("width", Integer.toString(m.width()));
    meta.put("height", Integer.toString(m.height()));
    meta.put("pixelSizeM", Double.toString(m.pixelSizeM()));
    meta.put("classNames", JSON.writeValueAsString(m.classNames()));
    Schema schema = new Schema(
        List.of(new Field("labels", FieldType.notNullable(new ArrowType.Int(32, true)), null)),
        meta);
    int[] l = m.labels();
    return write(schema, l.length, root -> {
      IntVector v = (IntVector) root.getVector(0);
      v.allocateNew(l.length);
      for (int i = 0; i < l.length; i++) {
        v.set(i, l[i]);
      }
      v.setValueCount(l.length);
    });
  }

  public static LabelMap labelMapFromArrow(byte[] bytes) throws IOException {
    return labelMapFromArrow(bytes, ReadLimits.DEFAULT);
  }

  /** Decodes a label map within {@code limits} (sizes checked before allocation). */
  public static LabelMap labelMapFromArrow(byte[] bytes, ReadLimits limits) throws IOException {
    Path src = Path.of("arrow:labelMap");
    return read(bytes, src, "labelMap", limits, (meta, batches) -> {
      int w = intKey(src, meta, "width");
      int h = intKey(src, meta, "height");
      limits.checkImage(src, "schema metadata (width, height)", w, h, 1);
      expectCount(src, "labels", (long) w * h, countValues(src, batches, "labels", 1));
      int[] labels = new int[checkedSize(src, (long) w * h)];
      int n = 0;
      for (VectorSchemaRoot root : batches) {
        IntVector v = vector(src, root, "labels", IntVector.class);
        int c = v.getValueCount();
        if (n + c > labels.length) {
          expectCount(src, "labels", labels.length, n + c);
        }
        for (int i = 0; i < c; i++) {
          labels[n++] = v.get(i);
        }
      }
      expectCount(src, "labels", labels.length, n);
      List<String> names;
      try {
        names = JSON.readValue(key(src, meta, "classNames"), new TypeReference<List<String>>() {});
      } catch (JsonProcessingException e) {
        throw new FormatException(src, "schema metadata key classNames", "a JSON array of names",
            FormatException.unshown("a value", meta.get("classNames")));
      }
      try {
        return new LabelMap(w, h, labels, names, doubleKey(src, meta, "pixelSizeM"));
      } catch (IllegalArgumentException e) {
        throw new FormatException(src, "schema metadata", "a valid label map", e.getMessage());
      }
    });
  }

  // ------------------------------------------------------------------ spectrum image

  public static byte[] toArrow(SpectrumImage si) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(KIND, "spectrumImage");
    meta.put("width", Integer.toString(si.width()));
    meta.put("height", Integer.toString(si.height()));
    meta.put("channels", Integer.toString(si.channels()));
    meta.put("offsetEv", Double.toString(si.axis().offsetEv()));
    meta.put("gainEvPerChannel", Double.toString(si.axis().gainEvPerChannel()));
    meta.put("pixelSizeM", Double.toString(si.pixelSizeM()));
    meta.put("beamEnergyKeV", Double.toString(si.beamEnergyKeV()));
    meta.put("liveTimePerPixelS", Double.toString(si.liveTimePerPixelS()));
    Field item = new Field("counts", FieldType.notNullable(FLOAT32), null);
    Field spectra = new Field("spectra",
        FieldType.notNullable(new ArrowType.FixedSizeList(si.channels())), List.of(item));
    Schema schema = new Schema(List.of(spectra), meta);
    int pixels = si.width() * si.height();
    float[] d = si.data();
    return write(schema, pixels, root -> {
      FixedSizeListVector list = (FixedSizeListVector) root.getVector(0);
      list.setInitialCapacity(pixels);
      list.allocateNew();
      Float4Vector child = (Float4Vector) list.getDataVector();
      for (int p = 0; p < pixels; p++) {
        list.setNotNull(p);
      }
      for (int i = 0; i < d.length; i++) {
        child.set(i, d[i]);
      }
      child.setValueCount(d.length);
      list.setValueCount(pixels);
    });
  }

  public static SpectrumImage spectrumImageFromArrow(byte[] bytes) throws IOException {
    return spectrumImageFromArrow(bytes, ReadLimits.DEFAULT);
  }

  /**
   * Decodes a spectrum image within {@code limits}: width*height, channels and cube bytes are
   * checked, and so is the number of values the batches hold, before the cube is allocated.
   */
  public static SpectrumImage spectrumImageFromArrow(byte[] bytes, ReadLimits limits)
      throws IOException {
    Path src = Path.of("arrow:spectrumImage");
    return read(bytes, src, "spectrumImage", limits, (meta, batches) -> {
      int w = intKey(src, meta, "width");
      int h = intKey(src, meta, "height");
      int ch = intKey(src, meta, "channels");
      limits.checkCube(src, "schema metadata (width, height, channels)", w, h, ch);
      expectCount(src, "spectra values", (long) w * h * ch,
          countValues(src, batches, "spectra", ch));
      float[] data = new float[checkedSize(src, (long) w * h * ch)];
      int n = 0;
      for (VectorSchemaRoot root : batches) {
        FixedSizeListVector list = vector(src, root, "spectra", FixedSizeListVector.class);
        if (list.getListSize() != ch) {
          throw new FormatException(src, "column spectra", "fixed-size lists of " + ch
              + " channels (metadata channels)", "lists of " + list.getListSize());
        }
        if (!(list.getDataVector() instanceof Float4Vector child)) {
          throw new FormatException(src, "column spectra", "float32 list items",
              list.getDataVector().getField().getType().toString());
        }
        int values = list.getValueCount() * ch;
        if (n + values > data.length) {
          expectCount(src, "spectra values", data.length, n + values);
        }
        for (int i = 0; i < values; i++) {
          data[n++] = child.get(i);
        }
      }
      expectCount(src, "spectra values", data.length, n);
      try {
        return new SpectrumImage(w, h, ch, data,
            new EnergyAxis(doubleKey(src, meta, "offsetEv"),
                doubleKey(src, meta, "gainEvPerChannel")),
            doubleKey(src, meta, "pixelSizeM"), doubleKey(src, meta, "beamEnergyKeV"),
            doubleKey(src, meta, "liveTimePerPixelS"));
      } catch (IllegalArgumentException e) {
        throw new FormatException(src, "schema metadata", "a valid spectrum image",
            e.getMessage());
      }
    });
  }

  // ------------------------------------------------------------------ feature table

  public static byte[] toArrow(FeatureTable t) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(KIND, "featureTable");
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("id", FieldType.notNullable(new ArrowType.Utf8()), null));
    for (String name : t.columnNames()) {
      if (name.equals("id")) {
        throw new IllegalArgumentException(
            "feature column name 'id' is reserved for the row ids in Arrow encoding");
      }
      fields.add(new Field(name, FieldType.notNullable(FLOAT64), null));
    }
    Schema schema = new Schema(fields, meta);
    int rows = t.rowCount();
    return write(schema, rows, root -> {
      VarCharVector ids = (VarCharVector) root.getVector(0);
      ids.allocateNew(rows);
      for (int r = 0; r < rows; r++) {
        ids.setSafe(r, t.rowIds().get(r).getBytes(StandardCharsets.UTF_8));
      }
      ids.setValueCount(rows);
      for (int c = 0; c < t.columnCount(); c++) {
        Float8Vector v = (Float8Vector) root.getVector(c + 1);
        v.allocateNew(rows);
        double[] col = t.columns().get(c);
        for (int r = 0; r < rows; r++) {
          v.set(r, col[r]);
        }
        v.setValueCount(rows);
      }
    });
  }

  public static FeatureTable featureTableFromArrow(byte[] bytes) throws IOException {
    return featureTableFromArrow(bytes, ReadLimits.DEFAULT);
  }

  /** Decodes a feature table within {@code limits} (the bytes within maxBytes). */
  public static FeatureTable featureTableFromArrow(byte[] bytes, ReadLimits limits)
      throws IOException {
    Path src = Path.of("arrow:featureTable");
    return read(bytes, src, "featureTable", limits, (meta, batches) -> {
      List<String> ids = new ArrayList<>();
      List<String> names = null;
      List<List<Double>> cols = new ArrayList<>();
      for (VectorSchemaRoot root : batches) {
        List<FieldVector> vs = root.getFieldVectors();
        if (vs.isEmpty() || !(vs.get(0) instanceof VarCharVector idv)
            || !vs.get(0).getName().equals("id")) {
          throw new FormatException(src, "column 0", "a utf8 column 'id'",
              vs.isEmpty() ? "no columns" : "'" + vs.get(0).getName() + "' of type "
                  + vs.get(0).getField().getType());
        }
        if (names == null) {
          names = new ArrayList<>();
          for (int c = 1; c < vs.size(); c++) {
            names.add(vs.get(c).getName());
            cols.add(new ArrayList<>());
          }
        }
        for (int r = 0; r < root.getRowCount(); r++) {
          if (idv.isNull(r)) {
            throw new FormatException(src, "column id, row " + (ids.size()), "a row id",
                "null");
          }
          ids.add(new String(idv.get(r), StandardCharsets.UTF_8));
        }
        for (int c = 1; c < vs.size(); c++) {
          if (!(vs.get(c) instanceof Float8Vector fv)) {
            throw new FormatException(src, "column " + c, "a float64 feature column",
                "'" + vs.get(c).getName() + "' of type " + vs.get(c).getField().getType());
          }
          for (int r = 0; r < root.getRowCount(); r++) {
            cols.get(c - 1).add(fv.isNull(r) ? Double.NaN : fv.get(r));
          }
        }
      }
      if (names == null) {
        names = new ArrayList<>();
      }
      List<double[]> arrays = new ArrayList<>();
      for (List<Double> col : cols) {
        arrays.add(col.stream().mapToDouble(Double::doubleValue).toArray());
      }
      try {
        return new FeatureTable(ids, names, arrays);
      } catch (IllegalArgumentException e) {
        throw new FormatException(src, "record batches", "a valid feature table", e.getMessage());
      }
    });
  }

  // ------------------------------------------------------------------ plumbing

  @FunctionalInterface
  private interface Filler {
    void fill(VectorSchemaRoot root);
  }

  @FunctionalInterface
  private interface Decoder<T> {
    T decode(Map<String, String> meta, List<VectorSchemaRoot> batches) throws IOException;
  }

  private static byte[] write(Schema schema, int rows, Filler filler) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BufferAllocator alloc = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, alloc)) {
      filler.fill(root);
      root.setRowCount(rows);
      try (ArrowFileWriter w = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
        w.start();
        w.writeBatch();
        w.end();
      }
    }
    return out.toByteArray();
  }

  /**
   * Opens the IPC file with an allocator bounded by the input: no buffer of an uncompressed IPC
   * file can be larger than the file itself, so a footer or message header declaring larger
   * buffers fails in the allocator instead of reserving memory.
   */
  private static <T> T read(byte[] bytes, Path src, String kind, ReadLimits limits,
      Decoder<T> decoder) throws IOException {
    limits.checkFileSize(src, bytes.length);
    long allocLimit = Math.min(limits.maxBytes(), 2L * bytes.length + (1 << 16));
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try (BufferAllocator alloc = new RootAllocator(allocLimit)) {
      try (ArrowFileReader reader =
          new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(bytes), alloc)) {
        Schema schema;
        try {
          schema = reader.getVectorSchemaRoot().getSchema();
        } catch (IOException | RuntimeException | AssertionError | StackOverflowError e) {
          // StackOverflowError: the flatbuffer schema can nest fields (or loop) without bound
          throw new FormatException(src, "byte offset 0",
              "an Arrow IPC file (magic 'ARROW1', footer, schema)",
              bytes.length + " bytes that are not one", e);
        }
        Map<String, String> meta = schema.getCustomMetadata();
        String found = meta == null ? null : meta.get(KIND);
        if (!kind.equals(found)) {
          throw new FormatException(src, "schema metadata key " + KIND, "'" + kind + "'",
              found == null ? "no such key"
                  : java.util.Set.of("micrograph", "labelMap", "spectrumImage", "featureTable")
                      .contains(found) ? "'" + found + "'"
                  : FormatException.unshown("another kind", found));
        }
        try {
          while (reader.loadNextBatch()) {
            // move each batch's buffers into a root of its own (zero-copy transfer), since the
            // reader reloads its root in place for the next batch
            VectorSchemaRoot cur = reader.getVectorSchemaRoot();
            VectorSchemaRoot own = VectorSchemaRoot.create(cur.getSchema(), alloc);
            batches.add(own);
            for (int c = 0; c < cur.getFieldVectors().size(); c++) {
              cur.getVector(c).makeTransferPair(own.getVector(c)).transfer();
            }
            own.setRowCount(cur.getRowCount());
            // offsets, validity and value counts inside their buffers: a corrupt offset buffer
            // would otherwise make a variable-width read allocate what the offsets claim
            for (FieldVector v : own.getFieldVectors()) {
              checkOffsets(src, v, batches.size() - 1);
              // structural checks only: validateFull is broken for FixedSizeListVector in
              // Arrow 19 (it asks the vector for an offset buffer it does not have)
              ValueVectorUtility.validate(v);
            }
          }
        } catch (FormatException e) {
          throw e;
        } catch (IOException | RuntimeException | AssertionError | StackOverflowError e) {
          // Arrow checks some invariants of loaded buffers with assert (AssertionError under -ea)
          throw new FormatException(src, "record batch " + batches.size(),
              "a readable Arrow record batch", "corrupt data", e);
        }
        return decoder.decode(meta, batches);
      } finally {
        for (VectorSchemaRoot r : batches) {
          r.close();
        }
      }
    } catch (FormatException e) {
      throw e;
    } catch (IOException | RuntimeException | AssertionError | StackOverflowError e) {
      throw new FormatException(src, "byte offset 0", "an Arrow IPC file", "unreadable bytes", e);
    }
  }

  /**
   * Offsets of a variable-width column (utf8 row ids) start at 0 or more, never decrease and end
   * inside the data buffer; Arrow's own validation reads the values first, and a corrupt offset
   * would make it allocate whatever length the offsets claim.
   */
  private static void checkOffsets(Path src, FieldVector v, int batch) throws FormatException {
    if (!(v instanceof BaseVariableWidthVector vw)) {
      return;
    }
    int n = vw.getValueCount();
    if (n == 0) {
      return;
    }
    long offsetBytes = vw.getOffsetBuffer().capacity();
    long dataBytes = vw.getDataBuffer().capacity();
    if (offsetBytes < (n + 1L) * BaseVariableWidthVector.OFFSET_WIDTH) {
      throw new FormatException(src, "record batch " + batch + ", column " + v.getName(),
          (n + 1) + " offsets", offsetBytes / BaseVariableWidthVector.OFFSET_WIDTH + " offsets");
    }
    int prev = vw.getOffsetBuffer().getInt(0);
    if (prev < 0) {
      throw new FormatException(src, "record batch " + batch + ", column " + v.getName(),
          "offsets >= 0", Integer.toString(prev));
    }
    for (int i = 1; i <= n; i++) {
      int o = vw.getOffsetBuffer().getInt((long) i * BaseVariableWidthVector.OFFSET_WIDTH);
      if (o < prev || o > dataBytes) {
        throw new FormatException(src, "record batch " + batch + ", column " + v.getName()
            + ", offset " + i, "a non-decreasing offset within the " + dataBytes
            + "-byte data buffer", Integer.toString(o));
      }
      prev = o;
    }
  }

  /** Values a column holds over all batches (list items for fixed-size lists of {@code per}). */
  private static long countValues(Path src, List<VectorSchemaRoot> batches, String column,
      int per) throws FormatException {
    long n = 0;
    for (VectorSchemaRoot root : batches) {
      FieldVector v = root.getVector(column);
      if (v == null) {
        throw new FormatException(src, "schema", "a column '" + column + "'", "no such column");
      }
      n += (long) v.getValueCount() * per;
    }
    return n;
  }

  private static <V> V vector(Path src, VectorSchemaRoot root, String name, Class<V> type)
      throws FormatException {
    FieldVector v = root.getVector(name);
    if (v == null) {
      throw new FormatException(src, "schema", "a column '" + name + "'",
          "columns " + root.getSchema().getFields().stream().map(Field::getName).toList());
    }
    if (!type.isInstance(v)) {
      throw new FormatException(src, "column " + name, type.getSimpleName(),
          v.getClass().getSimpleName());
    }
    return type.cast(v);
  }

  private static int copy(Path src, Float4Vector v, float[] out, int n) throws FormatException {
    int c = v.getValueCount();
    if (n + c > out.length) {
      expectCount(src, v.getName(), out.length, n + c);
    }
    for (int i = 0; i < c; i++) {
      out[n++] = v.get(i);
    }
    return n;
  }

  private static void expectCount(Path src, String what, long expected, long found)
      throws FormatException {
    if (expected != found) {
      throw new FormatException(src, "column " + what, expected + " values (width*height"
          + (what.startsWith("spectra") ? "*channels" : "") + " in the schema metadata)",
          found + " values");
    }
  }

  private static int checkedSize(Path src, long n) throws FormatException {
    if (n <= 0 || n > Integer.MAX_VALUE - 8) {
      throw new FormatException(src, "schema metadata", "dimensions with 1..2^31 values",
          Long.toString(n));
    }
    return (int) n;
  }

  private static String key(Path src, Map<String, String> meta, String key)
      throws FormatException {
    String v = meta.get(key);
    if (v == null) {
      throw new FormatException(src, "schema metadata", "key '" + key + "'", "no such key");
    }
    return v;
  }

  private static int intKey(Path src, Map<String, String> meta, String key)
      throws FormatException {
    String v = key(src, meta, key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new FormatException(src, "schema metadata key " + key, "a whole number",
          FormatException.unshown("a value", v));
    }
  }

  private static double doubleKey(Path src, Map<String, String> meta, String key)
      throws FormatException {
    String v = key(src, meta, key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new FormatException(src, "schema metadata key " + key, "a number",
          FormatException.unshown("a value", v));
    }
  }
}
