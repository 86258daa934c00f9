package io.alloyflow.core.io.hspy;

import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.ReadLimits;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes HyperSpy {@code .hspy} files (see the package description). Values are read
 * as 32-bit floats whatever their stored type (counts up to 2^24 are exact) and written as 32-bit
 * floats.
 */
public final class HspyIO {
  private HspyIO() {}

  /** HyperSpy file format version written. */
  public static final String FORMAT_VERSION = "3.1";

  /** Reads the first signal of a file under the default limits. */
  public static HspySignal read(Path path) throws IOException {
    return read(path, ReadLimits.DEFAULT);
  }

  /** Reads the first signal of a file; its size is checked before the values are read. */
  public static HspySignal read(Path path, ReadLimits limits) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new FormatException(path, "path", "a regular file", "no such file or not a file");
    }
    byte[] sig = new byte[8];
    try (var in = Files.newInputStream(path)) {
      if (in.readNBytes(sig, 0, 8) < 8 || (sig[0] & 0xFF) != 0x89 || sig[1] != 'H'
          || sig[2] != 'D' || sig[3] != 'F') {
        throw new FormatException(path, "byte offset 0", "an HDF5 file (HyperSpy .hspy)",
            "another file type");
      }
    }
    try (HdfFile f = new HdfFile(path)) {
      Node exps = f.getChild("Experiments");
      if (!(exps instanceof Group g) || g.getChildren().isEmpty()) {
        throw new FormatException(path, "/Experiments", "a HyperSpy signal group", "none");
      }
      Map.Entry<String, Node> first = g.getChildren().entrySet().iterator().next();
      if (!(first.getValue() instanceof Group exp)) {
        throw new FormatException(path, "/Experiments", "a signal group", "a dataset");
      }
      if (!(exp.getChild("data") instanceof Dataset data)) {
        throw new FormatException(path, exp.getPath(), "a dataset 'data'", "none");
      }
      int[] dims = data.getDimensions();
      long n = 1;
      for (int d : dims) {
        n *= d;
      }
      if (n > limits.maxPixels() * 64L || n * 4 > limits.maxBytes() || n > Integer.MAX_VALUE - 8) {
        throw new FormatException(path, exp.getPath() + "/data", "a signal within the read"
            + " limits", n + " values");
      }
      List<HspyAxis> axes = new ArrayList<>();
      for (int i = 0; i < dims.length; i++) {
        Node an = exp.getChild("axis-" + i);
        Map<String, Attribute> at = an == null ? Map.of() : an.getAttributes();
        int size = (int) num(at.get("size"), dims[i]);
        if (size != dims[i]) {
          throw new FormatException(path, exp.getPath() + "/axis-" + i, "size " + dims[i]
              + " (the data's)", "" + size);
        }
        axes.add(new HspyAxis(str(at.get("name"), "axis " + i), size,
            num(at.get("scale"), 1), num(at.get("offset"), 0), str(at.get("units"), ""),
            truth(at.get("navigate"), i < dims.length - 1)));
      }
      float[] values = contiguousFloat32(data, (int) n, path);
      if (values == null) {
        values = n * 8 <= (1L << 28) || dims.length < 2
            ? toFloat(data.getDataFlat(), path) : bySlabs(data, dims, (int) n, path);
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      if (exp.getChild("metadata") instanceof Group mg) {
        flatten(mg, "", meta);
      }
      String title = String.valueOf(meta.getOrDefault("General.title", first.getKey()));
      String type = String.valueOf(meta.getOrDefault("Signal.signal_type", ""));
      return new HspySignal(title, type, axes, values, meta);
    } catch (FormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FormatException(path, "HDF5 structure", "a readable HyperSpy file",
          "an unreadable structure (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Writes a signal (atomically: a temporary file beside the target, then a move). */
  public static void write(HspySignal s, Path path) throws IOException {
    Hdf5Writer.Group root = new Hdf5Writer.Group();
    root.attrs.put("file_format", "HyperSpy");
    root.attrs.put("file_format_version", FORMAT_VERSION);
    String name = s.title().isBlank() ? "__unnamed__" : s.title().replace('/', '_');
    Hdf5Writer.Group exp = root.group("Experiments").group(name);
    for (int i = 0; i < s.axes().size(); i++) {
      HspyAxis a = s.axes().get(i);
      Hdf5Writer.Group ag = exp.group("axis-" + i);
      ag.attrs.put("name", a.name());
      ag.attrs.put("size", (long) a.size());
      ag.attrs.put("scale", a.scale());
      ag.attrs.put("offset", a.offset());
      ag.attrs.put("units", a.units());
      ag.attrs.put("navigate", a.navigate());
    }
    Hdf5Writer.Group md = exp.group("metadata");
    Map<String, Object> meta = new LinkedHashMap<>(s.metadata());
    meta.put("General.title", s.title());
    meta.put("Signal.signal_type", s.signalType());
    for (Map.Entry<String, Object> e : meta.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      Hdf5Writer.Group g = md;
      for (int k = 0; k < parts.length - 1; k++) {
        g = g.group(parts[k]);
      }
      Object v = e.getValue();
      g.attrs.put(parts[parts.length - 1], v instanceof Number || v instanceof Boolean
          ? v : String.valueOf(v));
    }
    exp.group("original_metadata");
    long[] dims = s.axes().stream().mapToLong(HspyAxis::size).toArray();
    exp.children.put("data", new Hdf5Writer.Dataset(s.data(), dims));
    Path tmp = path.resolveSibling(path.getFileName() + ".part");
    try {
      Hdf5Writer.write(root, tmp);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A spectrum image as a HyperSpy EDS_SEM signal (axes y, x in µm; Energy in keV). */
  public static HspySignal of(SpectrumImage si, String title) {
    boolean cal = Double.isFinite(si.pixelSizeM()) && si.pixelSizeM() > 0;
    double um = cal ? si.pixelSizeM() * 1e6 : 1;
    String u = cal ? "µm" : "px";
    Map<String, Object> meta = new LinkedHashMap<>();
    if (Double.isFinite(si.beamEnergyKeV())) {
      meta.put("Acquisition_instrument.SEM.beam_energy", si.beamEnergyKeV());
    }
    if (Double.isFinite(si.liveTimePerPixelS())) {
      meta.put("Acquisition_instrument.SEM.Detector.EDS.live_time",
          si.liveTimePerPixelS() * si.width() * si.height());
    }
    return new HspySignal(title, "EDS_SEM", List.of(
        new HspyAxis("y", si.height(), um, 0, u, true),
        new HspyAxis("x", si.width(), um, 0, u, true),
        new HspyAxis("Energy", si.channels(), si.axis().gainEvPerChannel() / 1000,
            si.axis().offsetEv() / 1000, "keV", false)), si.data(), meta);
  }

  /** A spectrum as a HyperSpy EDS_SEM signal (Energy in keV). */
  public static HspySignal of(Spectrum s) {
    float[] v = new float[s.channels()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) s.counts()[i];
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    if (s.beamEnergyKeV() > 0) {
      meta.put("Acquisition_instrument.SEM.beam_energy", s.beamEnergyKeV());
    }
    if (s.takeoffAngleDeg() > 0) {
      meta.put("Acquisition_instrument.SEM.Detector.EDS.elevation_angle", s.takeoffAngleDeg());
    }
    if (s.liveTimeS() > 0) {
      meta.put("Acquisition_instrument.SEM.Detector.EDS.live_time", s.liveTimeS());
    }
    if (s.probeCurrentNa() > 0) {
      meta.put("Acquisition_instrument.SEM.beam_current", s.probeCurrentNa());
    }
    return new HspySignal(s.title(), "EDS_SEM", List.of(new HspyAxis("Energy", s.channels(),
        s.axis().gainEvPerChannel() / 1000, s.axis().offsetEv() / 1000, "keV", false)), v, meta);
  }

  /** An image (row-major) with a pixel size in m (NaN: pixels). */
  public static HspySignal image(float[] data, int width, int height, double pixelSizeM,
      String title) {
    boolean cal = Double.isFinite(pixelSizeM) && pixelSizeM > 0;
    return new HspySignal(title, "", List.of(
        new HspyAxis("y", height, cal ? pixelSizeM * 1e6 : 1, 0, cal ? "µm" : "px", false),
        new HspyAxis("x", width, cal ? pixelSizeM * 1e6 : 1, 0, cal ? "µm" : "px", false)),
        data, Map.of());
  }

  /** The signal as a spectrum image (axes y, x navigation; energy in keV or eV). */
  public static SpectrumImage toSpectrumImage(HspySignal s) {
    if (s.axes().size() != 3) {
      throw new IllegalArgumentException("signal '" + s.title() + "' has " + s.axes().size()
          + " axes: a spectrum image needs 3 (y, x, energy)");
    }
    HspyAxis y = s.axes().get(0);
    HspyAxis x = s.axes().get(1);
    HspyAxis e = s.axes().get(2);
    double f = e.units().equalsIgnoreCase("eV") ? 1 : 1000;
    double px = switch (x.units()) {
      case "µm", "um" -> x.scale() * 1e-6;
      case "nm" -> x.scale() * 1e-9;
      case "mm" -> x.scale() * 1e-3;
      case "m" -> x.scale();
      default -> Double.NaN;
    };
    Object beam = s.metadata().get("Acquisition_instrument.SEM.beam_energy");
    Object lt = s.metadata().get("Acquisition_instrument.SEM.Detector.EDS.live_time");
    double ltPerPixel = lt instanceof Number n ? n.doubleValue() / ((double) x.size() * y.size())
        : Double.NaN;
    return new SpectrumImage(x.size(), y.size(), e.size(), s.data(),
        new EnergyAxis(e.offset() * f, e.scale() * f), px,
        beam instanceof Number b ? b.doubleValue() : Double.NaN, ltPerPixel);
  }

  /**
   * Fast path for the common case (HyperSpy's float32 cubes, our own files): an unfiltered,
   * contiguous little-endian float32 dataset is read straight from the file in 16 MiB blocks;
   * null for any other layout or type.
   */
  private static float[] contiguousFloat32(Dataset data, int n, Path path) throws IOException {
    if (!(data instanceof io.jhdf.dataset.ContiguousDatasetImpl c)
        || !(data.getDataType() instanceof io.jhdf.object.datatype.FloatingPoint fp)
        || fp.getSize() != 4 || fp.getByteOrder() != java.nio.ByteOrder.LITTLE_ENDIAN
        || !c.getFilters().isEmpty()) {
      return null;
    }
    long address = c.getDataAddress();
    float[] out = new float[n];
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
      if (address < 0 || address + 4L * n > ch.size()) {
        throw new FormatException(path, "dataset data", "values inside the file", "an address"
            + " beyond its end");
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 24)
          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
      long pos = address;
      int done = 0;
      while (done < n) {
        b.clear();
        b.limit((int) Math.min(b.capacity(), 4L * (n - done)));
        while (b.hasRemaining()) {
          int k = ch.read(b, pos + b.position());
          if (k < 0) {
            throw new FormatException(path, "dataset data", "its values", "end of file");
          }
        }
        b.flip();
        int m = b.remaining() / 4;
        b.asFloatBuffer().get(out, done, m);
        done += m;
        pos += 4L * m;
      }
    }
    return out;
  }

  /**
   * Reads a large dataset in slabs along its first axis (jHDF maps a whole contiguous dataset at
   * once, which fails beyond 2 GiB), about 32 Mi values per slab.
   */
  private static float[] bySlabs(Dataset data, int[] dims, int n, Path path) throws IOException {
    float[] out = new float[n];
    int row = n / dims[0];
    int rows = Math.max(1, (1 << 25) / Math.max(row, 1));
    for (int r0 = 0; r0 < dims[0]; r0 += rows) {
      int k = Math.min(rows, dims[0] - r0);
      long[] offset = new long[dims.length];
      offset[0] = r0;
      int[] shape = dims.clone();
      shape[0] = k;
      int[] at = {r0 * row};
      flattenInto(data.getData(offset, shape), out, at, path);
    }
    return out;
  }

  private static void flattenInto(Object arr, float[] out, int[] at, Path path)
      throws IOException {
    if (arr instanceof Object[] nested) {
      for (Object o : nested) {
        flattenInto(o, out, at, path);
      }
      return;
    }
    float[] f = toFloat(arr, path);
    System.arraycopy(f, 0, out, at[0], f.length);
    at[0] += f.length;
  }

  private static float[] toFloat(Object flat, Path path) throws IOException {
    if (flat instanceof float[] f) {
      return f;
    }
    int n = Array.getLength(flat);
    float[] out = new float[n];
    if (flat instanceof double[] d) {
      for (int i = 0; i < n; i++) {
        out[i] = (float) d[i];
      }
    } else if (flat instanceof int[] d) {
      for (int i = 0; i < n; i++) {
        out[i] = d[i];
      }
    } else if (flat instanceof long[] d) {
      for (int i = 0; i < n; i++) {
        out[i] = d[i];
      }
    } else if (flat instanceof short[] d) {
      for (int i = 0; i < n; i++) {
        out[i] = d[i];
      }
    } else if (flat instanceof byte[] d) {
      for (int i = 0; i < n; i++) {
        out[i] = d[i];
      }
    } else {
      throw new FormatException(path, "data", "numeric values", flat.getClass().getSimpleName());
    }
    return out;
  }

  private static void flatten(Group g, String prefix, Map<String, Object> out) {
    for (Map.Entry<String, Attribute> a : g.getAttributes().entrySet()) {
      Object v = a.getValue().getData();
      if (v instanceof Number || v instanceof String || v instanceof Boolean) {
        out.put(prefix + a.getKey(), v);
      }
    }
    for (Map.Entry<String, Node> c : g.getChildren().entrySet()) {
      if (c.getValue() instanceof Group sub) {
        flatten(sub, prefix + c.getKey() + ".", out);
      }
    }
  }

  private static double num(Attribute a, double fallback) {
    Object v = a == null ? null : a.getData();
    return v instanceof Number n ? n.doubleValue() : fallback;
  }

  private static String str(Attribute a, String fallback) {
    Object v = a == null ? null : a.getData();
    return v == null ? fallback : v.toString();
  }

  private static boolean truth(Attribute a, boolean fallback) {
    Object v = a == null ? null : a.getData();
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return s.equalsIgnoreCase("true");
    }
    return fallback;
  }
}
