package io.alloyflow.prediction.micromech;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import io.alloyflow.synthetic.micromech.GrainVolumes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Versioned, labelled datasets of synthetic microstructures: DP phase maps labelled with the
 * fracture strain of {@link DpTension}, and grain volumes labelled by {@link VolumeLabels}. A
 * dataset directory holds the raw inputs (bytes), {@code labels.csv} and {@code provenance.json}
 * (generator and solver versions, base seed, every parameter, SHA-256 of the data files, timing).
 * Sample i is generated from (seed, i) alone, so any sample can be regenerated on its own.
 */
public final class MicromechDatasets {

  /** Dataset format version. */
  public static final String FORMAT = "alloyflow-micromech-dataset-1";

  private MicromechDatasets() {}

  /**
   * A DP fracture dataset in memory.
   *
   * @param size map side
   * @param maps phase map per sample (0 ferrite, 1 martensite)
   * @param params generator parameters per sample
   * @param fractureStrain label per sample
   * @param censored whether the label is censored at the maximum strain
   */
  public record DpDataset(
      int size, List<int[]> maps, List<DpPhaseMaps.Params> params, double[] fractureStrain,
      boolean[] censored) {}

  /**
   * A grain-volume dataset in memory.
   *
   * @param size cube side
   * @param volumes the volumes
   * @param params generator parameters
   * @param youngGpa effective Young's modulus along x (GPa)
   * @param yieldMpa yield-onset stress (MPa)
   * @param plasticFraction plastic volume fraction at {@link VolumeLabels#PLASTIC_STRESS} (NaN in
   *     datasets made before the label existed)
   * @param hotSpotFraction stress hot-spot volume fraction (NaN in datasets made before it existed)
   */
  public record VolumeDataset(
      int size, List<GrainVolumes.Volume> volumes, List<GrainVolumes.Params> params,
      double[] youngGpa, double[] yieldMpa, double[] plasticFraction, double[] hotSpotFraction) {}

  /** Builds and writes a DP fracture dataset of {@code count} maps of side {@code size}. */
  public static DpDataset buildFracture(Path dir, int count, int size, long seed, int threads)
      throws IOException {
    return buildFracture(dir, count, size, seed, threads,
        new DpPhase[] {DpPhase.ferrite(), DpPhase.martensite()}, DpTension.Settings.defaults());
  }

  /** Builds and writes a DP fracture dataset with explicit phases and solver settings. */
  public static DpDataset buildFracture(
      Path dir, int count, int size, long seed, int threads, DpPhase[] phases,
      DpTension.Settings settings) throws IOException {
    check(count, threads);
    long t0 = System.nanoTime();
    List<Object[]> rows =
        parallel(count, threads, i -> {
          DpPhaseMaps.Params p = DpPhaseMaps.Params.random(size, seed, i);
          int[] map = DpPhaseMaps.generate(p, seed + 7919L * i);
          long s0 = cpu();
          DpTension.Result r = DpTension.run(new PhaseGrid(size, map, 2), phases, settings);
          return new Object[] {p, map, r, (cpu() - s0) / 1e9};
        });
    double wall = (System.nanoTime() - t0) / 1e9;
    Files.createDirectories(dir);
    byte[] bytes = new byte[count * size * size];
    StringBuilder csv = new StringBuilder(
        "index,martensite_fraction,island_size_px,banding,bands,fracture_strain,censored,"
            + "failure_phase,stress_at_2pct_mpa,iterations,cpu_seconds\n");
    List<int[]> maps = new ArrayList<>();
    List<DpPhaseMaps.Params> params = new ArrayList<>();
    double[] y = new double[count];
    boolean[] cens = new boolean[count];
    for (int i = 0; i < count; i++) {
      DpPhaseMaps.Params p = (DpPhaseMaps.Params) rows.get(i)[0];
      int[] map = (int[]) rows.get(i)[1];
      DpTension.Result r = (DpTension.Result) rows.get(i)[2];
      for (int k = 0; k < map.length; k++) {
        bytes[i * size * size + k] = (byte) map[k];
      }
      maps.add(map);
      params.add(p);
      y[i] = r.fractureStrain();
      cens[i] = r.censored();
      double s2 = r.stress().length >= 4 ? r.stress()[3] / 1e6 : Double.NaN;
      csv.append(String.format(Locale.ROOT, "%d,%.5f,%.4f,%.4f,%d,%.6f,%b,%d,%.2f,%d,%.3f%n", i,
          fraction(map), p.islandSizePx(), p.banding(), p.bands(), r.fractureStrain(),
          r.censored(), r.failurePhase(), s2, r.iterations(), (double) rows.get(i)[3]));
    }
    Files.write(dir.resolve("phase_maps.u8"), bytes);
    Files.writeString(dir.resolve("labels.csv"), csv.toString());
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("format", FORMAT);
    prov.put("kind", "dp-fracture-strain");
    prov.put("count", count);
    prov.put("size", size);
    prov.put("seed", seed);
    prov.put("sampleSeed", "params: RandomFields.stream(seed, 1000000 + i); map: seed + 7919 i");
    prov.put("generator", DpPhaseMaps.VERSION);
    prov.put("solver", DpTension.VERSION);
    prov.put("settings", settings);
    prov.put("phases", List.of(phases));
    prov.put("files", Map.of(
        "phase_maps.u8", sha256(bytes) + " (" + count + " x " + size + " x " + size
            + " bytes, row-major, 0 ferrite 1 martensite)",
        "labels.csv", sha256(csv.toString().getBytes(StandardCharsets.UTF_8))));
    prov.put("wallSeconds", wall);
    prov.put("threads", threads);
    prov.put("samplesPerMinute", count / wall * 60);
    prov.put("cpuSecondsPerSample", cpuTotal(rows) / count);
    prov.put("createdAt", Instant.now().toString());
    writeJson(dir.resolve("provenance.json"), prov);
    return new DpDataset(size, maps, params, y, cens);
  }

  /**
   * Volume {@code index} of the grain-volume dataset of side {@code size} and seed {@code seed}
   * ({@link #buildVolumes} makes exactly this one), so a held-out volume can be regenerated
   * without the dataset.
   */
  public static GrainVolumes.Volume volume(int size, long seed, long index) {
    return GrainVolumes.generate(GrainVolumes.Params.random(size, seed, index), seed + 7919L * index);
  }

  /** The labels {@link #buildVolumes} gives a volume (316L crystal, CRSS, tolerance 1e-5). */
  public static VolumeLabels.Labels volumeLabels(GrainVolumes.Volume v) {
    return VolumeLabels.label(v.size(), v.grainId(), v.orientation(), CubicCrystal.steel316L(),
        VolumeLabels.CRSS_316L, 1e-5);
  }

  /** Builds and writes a grain-volume dataset. */
  public static VolumeDataset buildVolumes(Path dir, int count, int size, long seed, int threads)
      throws IOException {
    check(count, threads);
    CubicCrystal crystal = CubicCrystal.steel316L();
    long t0 = System.nanoTime();
    List<Object[]> rows =
        parallel(count, threads, i -> {
          GrainVolumes.Params p = GrainVolumes.Params.random(size, seed, i);
          GrainVolumes.Volume v = volume(size, seed, i);
          long s0 = cpu();
          VolumeLabels.Labels l =
              VolumeLabels.label(size, v.grainId(), v.orientation(), crystal,
                  VolumeLabels.CRSS_316L, 1e-5);
          return new Object[] {p, v, l, (cpu() - s0) / 1e9};
        });
    double wall = (System.nanoTime() - t0) / 1e9;
    Files.createDirectories(dir);
    int vox = size * size * size;
    byte[] ids = new byte[count * vox];
    ByteBuffer ori = ByteBuffer.allocate(count * 64 * 9 * 8).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder csv = new StringBuilder(
        "index,grains,texture,young_x_gpa,yield_onset_mpa,iterations,cpu_seconds,plastic_fraction,hotspot_fraction\n");
    List<GrainVolumes.Volume> vols = new ArrayList<>();
    List<GrainVolumes.Params> params = new ArrayList<>();
    double[] e = new double[count];
    double[] sy = new double[count];
    double[] pf = new double[count];
    double[] hs = new double[count];
    for (int i = 0; i < count; i++) {
      GrainVolumes.Params p = (GrainVolumes.Params) rows.get(i)[0];
      GrainVolumes.Volume v = (GrainVolumes.Volume) rows.get(i)[1];
      VolumeLabels.Labels l = (VolumeLabels.Labels) rows.get(i)[2];
      if (p.grains() > 64) {
        throw new IllegalStateException("at most 64 grains per volume fit the file format");
      }
      for (int k = 0; k < vox; k++) {
        ids[i * vox + k] = (byte) v.grainId()[k];
      }
      for (int g = 0; g < 64; g++) {
        for (int c = 0; c < 9; c++) {
          ori.putDouble(g < v.orientation().length ? v.orientation()[g][c] : 0);
        }
      }
      vols.add(v);
      params.add(p);
      e[i] = l.youngX() / 1e9;
      sy[i] = l.yieldOnset() / 1e6;
      pf[i] = l.plasticFraction();
      hs[i] = l.hotSpotFraction();
      csv.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.3f,%d,%.3f,%.6f,%.6f%n", i,
          p.grains(), p.texture(), e[i], sy[i], l.iterations(), (double) rows.get(i)[3], pf[i], hs[i]));
    }
    Files.write(dir.resolve("grain_ids.u8"), ids);
    Files.write(dir.resolve("orientations.f64"), ori.array());
    Files.writeString(dir.resolve("labels.csv"), csv.toString());
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("format", FORMAT);
    prov.put("kind", "grain-volume-properties");
    prov.put("count", count);
    prov.put("size", size);
    prov.put("seed", seed);
    prov.put("generator", GrainVolumes.VERSION);
    prov.put("solver", VolumeLabels.VERSION);
    prov.put("crystal", crystal);
    prov.put("crssPa", VolumeLabels.CRSS_316L);
    prov.put("plasticStressPa", VolumeLabels.PLASTIC_STRESS);
    prov.put("files", Map.of(
        "grain_ids.u8", sha256(ids) + " (" + count + " x " + size + "^3 bytes, (z*n+y)*n+x)",
        "orientations.f64", sha256(ori.array()) + " (count x 64 grains x 9 little-endian doubles,"
            + " g sample->crystal row-major)",
        "labels.csv", sha256(csv.toString().getBytes(StandardCharsets.UTF_8))));
    prov.put("wallSeconds", wall);
    prov.put("threads", threads);
    prov.put("samplesPerMinute", count / wall * 60);
    prov.put("cpuSecondsPerSample", cpuTotal(rows) / count);
    prov.put("createdAt", Instant.now().toString());
    writeJson(dir.resolve("provenance.json"), prov);
    return new VolumeDataset(size, vols, params, e, sy, pf, hs);
  }

  /**
   * Concatenates DP fracture datasets (same map size) into one; the provenance lists the parts'
   * provenance records, so every sample stays traceable to its seed.
   */
  public static void mergeFracture(List<Path> parts, Path dir) throws IOException {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Files.createDirectories(dir);
    java.io.ByteArrayOutputStream maps = new java.io.ByteArrayOutputStream();
    StringBuilder csv = new StringBuilder();
    List<Object> provs = new ArrayList<>();
    int count = 0;
    int size = -1;
    for (Path p : parts) {
      Map<?, ?> prov = readProvenance(p, "dp-fracture-strain");
      int s = ((Number) prov.get("size")).intValue();
      if (size >= 0 && s != size) {
        throw new IllegalArgumentException(p + " has maps of side " + s + ", expected " + size);
      }
      size = s;
      maps.write(Files.readAllBytes(p.resolve("phase_maps.u8")));
      List<String> lines = Files.readAllLines(p.resolve("labels.csv"));
      if (csv.length() == 0) {
        csv.append(lines.get(0)).append('\n');
      }
      for (String l : lines.subList(1, lines.size())) {
        int comma = l.indexOf(',');
        csv.append(count++).append(l.substring(comma)).append('\n');
      }
      provs.add(prov);
    }
    Files.write(dir.resolve("phase_maps.u8"), maps.toByteArray());
    Files.writeString(dir.resolve("labels.csv"), csv.toString());
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("format", FORMAT);
    prov.put("kind", "dp-fracture-strain");
    prov.put("count", count);
    prov.put("size", size);
    prov.put("files", Map.of(
        "phase_maps.u8", sha256(maps.toByteArray()),
        "labels.csv", sha256(csv.toString().getBytes(StandardCharsets.UTF_8))));
    prov.put("parts", provs);
    prov.put("createdAt", Instant.now().toString());
    writeJson(dir.resolve("provenance.json"), prov);
  }

  /** Reads a DP fracture dataset written by {@link #buildFracture}. */
  public static DpDataset readFracture(Path dir) throws IOException {
    Map<?, ?> prov = readProvenance(dir, "dp-fracture-strain");
    int count = ((Number) prov.get("count")).intValue();
    int size = ((Number) prov.get("size")).intValue();
    byte[] bytes = Files.readAllBytes(dir.resolve("phase_maps.u8"));
    if (bytes.length != count * size * size) {
      throw new IOException(dir.resolve("phase_maps.u8") + ": expected " + count * size * size
          + " bytes for " + count + " maps of " + size + "x" + size + ", found " + bytes.length);
    }
    List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
    if (lines.size() != count + 1) {
      throw new IOException(dir.resolve("labels.csv") + ": expected " + count + " rows, found "
          + (lines.size() - 1));
    }
    List<int[]> maps = new ArrayList<>();
    List<DpPhaseMaps.Params> params = new ArrayList<>();
    double[] y = new double[count];
    boolean[] c = new boolean[count];
    for (int i = 0; i < count; i++) {
      int[] m = new int[size * size];
      for (int k = 0; k < m.length; k++) {
        m[k] = bytes[i * size * size + k];
      }
      maps.add(m);
      String[] f = lines.get(i + 1).split(",");
      params.add(new DpPhaseMaps.Params(size, Math.max(0.02, Math.min(0.7, Double.parseDouble(f[1]))),
          Double.parseDouble(f[2]), Double.parseDouble(f[3]), Integer.parseInt(f[4])));
      y[i] = Double.parseDouble(f[5]);
      c[i] = Boolean.parseBoolean(f[6]);
    }
    return new DpDataset(size, maps, params, y, c);
  }

  /** Reads a grain-volume dataset written by {@link #buildVolumes}. */
  public static VolumeDataset readVolumes(Path dir) throws IOException {
    Map<?, ?> prov = readProvenance(dir, "grain-volume-properties");
    int count = ((Number) prov.get("count")).intValue();
    int size = ((Number) prov.get("size")).intValue();
    int vox = size * size * size;
    byte[] ids = Files.readAllBytes(dir.resolve("grain_ids.u8"));
    byte[] ori = Files.readAllBytes(dir.resolve("orientations.f64"));
    if (ids.length != count * vox || ori.length != count * 64 * 9 * 8) {
      throw new IOException(dir + ": grain_ids.u8 / orientations.f64 sizes do not match "
          + count + " volumes of " + size + "^3");
    }
    ByteBuffer ob = ByteBuffer.wrap(ori).order(ByteOrder.LITTLE_ENDIAN);
    List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
    List<GrainVolumes.Volume> vols = new ArrayList<>();
    List<GrainVolumes.Params> params = new ArrayList<>();
    double[] e = new double[count];
    double[] sy = new double[count];
    double[] pf = new double[count];
    double[] hs = new double[count];
    List<String> header = java.util.Arrays.asList(lines.get(0).split(","));
    int pfCol = header.indexOf("plastic_fraction");
    int hsCol = header.indexOf("hotspot_fraction");
    for (int i = 0; i < count; i++) {
      String[] f = lines.get(i + 1).split(",");
      pf[i] = pfCol < 0 ? Double.NaN : Double.parseDouble(f[pfCol]);
      hs[i] = hsCol < 0 ? Double.NaN : Double.parseDouble(f[hsCol]);
      int grains = Integer.parseInt(f[1]);
      int[] id = new int[vox];
      for (int k = 0; k < vox; k++) {
        id[k] = ids[i * vox + k];
      }
      double[][] o = new double[grains][9];
      for (int g = 0; g < 64; g++) {
        for (int c = 0; c < 9; c++) {
          double v = ob.getDouble();
          if (g < grains) {
            o[g][c] = v;
          }
        }
      }
      vols.add(new GrainVolumes.Volume(size, id, o));
      params.add(new GrainVolumes.Params(size, grains, Double.parseDouble(f[2])));
      e[i] = Double.parseDouble(f[3]);
      sy[i] = Double.parseDouble(f[4]);
    }
    return new VolumeDataset(size, vols, params, e, sy, pf, hs);
  }

  /**
   * The generator runs a fracture-strain dataset was made of: the {@code parts} of a merged
   * dataset, or the dataset itself; each with its seed, generator and solver versions, settings
   * and phases (used to check that maps added to a training set come from the same generator and
   * solver with other seeds).
   */
  public static List<Map<?, ?>> fractureParts(Path dir) throws IOException {
    Map<?, ?> prov = readProvenance(dir, "dp-fracture-strain");
    List<Map<?, ?>> out = new ArrayList<>();
    if (prov.get("parts") instanceof List<?> parts) {
      for (Object o : parts) {
        if (o instanceof Map<?, ?> m) {
          out.add(m);
        }
      }
    } else {
      out.add(prov);
    }
    return out;
  }

  private static Map<?, ?> readProvenance(Path dir, String kind) throws IOException {
    Path p = dir.resolve("provenance.json");
    if (!Files.isRegularFile(p)) {
      throw new IOException("no dataset at " + dir + ": provenance.json is missing");
    }
    Map<?, ?> prov = new ObjectMapper().readValue(p.toFile(), Map.class);
    if (!FORMAT.equals(prov.get("format")) || !kind.equals(prov.get("kind"))) {
      throw new IOException(p + ": expected a " + kind + " dataset in format " + FORMAT
          + ", found kind " + prov.get("kind") + " format " + prov.get("format"));
    }
    return prov;
  }

  private static double cpuTotal(List<Object[]> rows) {
    double t = 0;
    for (Object[] r : rows) {
      t += (double) r[3];
    }
    return t;
  }

  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  static double fraction(int[] map) {
    double s = 0;
    for (int v : map) {
      s += v;
    }
    return s / map.length;
  }

  interface Job {
    Object[] run(int i);
  }

  private static List<Object[]> parallel(int count, int threads, Job job) {
    ExecutorService ex = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object[]>> fs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int k = i;
        fs.add(ex.submit(() -> job.run(k)));
      }
      List<Object[]> out = new ArrayList<>();
      for (Future<Object[]> f : fs) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("dataset generation interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } finally {
      ex.shutdownNow();
    }
  }

  private static void check(int count, int threads) {
    if (count < 1 || count > 1_000_000 || threads < 1 || threads > 64) {
      throw new IllegalArgumentException(
          "count must be 1..1000000 and threads 1..64, found " + count + " and " + threads);
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeJson(Path p, Object o) {
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(p.toFile(), o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Generates a dataset: {@code fracture|volumes DIR COUNT SIZE SEED THREADS}. */
  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("merge")) {
      List<Path> parts = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        parts.add(Path.of(args[i]));
      }
      mergeFracture(parts, Path.of(args[1]));
      return;
    }
    if (args.length != 6) {
      System.err.println("usage: fracture|volumes DIR COUNT SIZE SEED THREADS");
      System.exit(2);
    }
    Path dir = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    int size = Integer.parseInt(args[3]);
    long seed = Long.parseLong(args[4]);
    int threads = Integer.parseInt(args[5]);
    if (args[0].equals("fracture")) {
      String dc = System.getProperty("dc");
      DpPhase[] ph = {DpPhase.ferrite(), DpPhase.martensite()};
      if (dc != null) {
        String[] v = dc.split(",");
        ph[0] = new DpPhase("ferrite", ph[0].elastic(), ph[0].flow(), Double.parseDouble(v[0]));
        ph[1] = new DpPhase("martensite", ph[1].elastic(), ph[1].flow(), Double.parseDouble(v[1]));
      }
      DpTension.Settings d = DpTension.Settings.defaults();
      DpTension.Settings s = new DpTension.Settings(
          Double.parseDouble(System.getProperty("step", "" + d.strainStep())), d.maxStrain(),
          Double.parseDouble(System.getProperty("tol", "" + d.tolerance())), d.maxIterations(),
          d.regularisationRadius());
      buildFracture(dir, count, size, seed, threads, ph, s);
    } else {
      buildVolumes(dir, count, size, seed, threads);
    }
    System.out.println(Files.readString(dir.resolve("provenance.json")));
  }
}
