package io.alloyflow.workflows.ingest;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.ImageHeader;
import io.alloyflow.core.io.ReadLimits;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.MicroscopeSettings;
import io.alloyflow.core.io.SpectrumImageFiles;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Decodes, validates and stores analysis inputs. */
public final class Ingest {
  public static final String ARROW = "application/vnd.apache.arrow.file";

  private Ingest() {}

  /**
   * Checks that the inputs exist and decode, with the same errors {@link #ingest} would give, so
   * that a command can fail before it starts any infrastructure.
   */
  public static void validate(Path micrographFile, double pixelSizeUm, Path edsFile) throws IOException {
    requireFile(micrographFile, "micrograph");
    Micrograph m =
        MicrographIO.readLuminance(micrographFile,
            Double.isNaN(pixelSizeUm) ? Double.NaN : pixelSizeUm * 1e-6, LIMITS);
    requirePixelSize(m, micrographFile);
    if (edsFile != null) {
      requireFile(edsFile, "EDS");
      String name = edsFile.getFileName().toString().toLowerCase(Locale.ROOT);
      if (isEmsa(name)) {
        EmsaIO.read(edsFile, LIMITS);
      } else if (SpectrumImageFiles.detect(edsFile) != null) {
        SpectrumImageFiles.read(edsFile, LIMITS); // .rpl, .bcf, .hspy, Arrow: by their bytes
      } else {
        throw unknownEds(edsFile);
      }
    }
  }

  /** Largest micrograph accepted by the gateway's header check, in pixels (16384 x 16384). */
  public static final long MAX_MICROGRAPH_PIXELS = 16384L * 16384L;

  /** Read limits of ingest: the micrograph pixel limit above, the readers' defaults otherwise. */
  static final ReadLimits LIMITS = ReadLimits.DEFAULT.withMaxPixels(MAX_MICROGRAPH_PIXELS);

  /**
   * Cheap check of a micrograph file before it is accepted: known extension, the format's magic
   * bytes, and for PNG the declared dimensions. Reads at most 32 bytes; the message never quotes
   * the file.
   */
  public static void checkMicrographHeader(String field, Path file, String fileName)
      throws InputRejectedException {
    String n = fileName.toLowerCase(Locale.ROOT);
    boolean png = n.endsWith(".png");
    boolean tiff = n.endsWith(".tif") || n.endsWith(".tiff");
    boolean other = n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp");
    if (!png && !tiff && !other) {
      throw new InputRejectedException(field,
          "expected a TIFF (.tif, .tiff), PNG (.png), JPEG (.jpg, .jpeg) or BMP (.bmp) micrograph");
    }
    ImageHeader header;
    try {
      header = MicrographIO.probe(file, ReadLimits.DEFAULT.withMaxPixels(Long.MAX_VALUE >> 2));
    } catch (FormatException e) {
      throw new InputRejectedException(field, e.location() + ": expected " + e.expected() + ", found " + e.found());
    } catch (IOException e) {
      throw new InputRejectedException(field, "the file could not be read");
    }
    checkPixels(field, header.width(), header.height());
  }

  static void checkPixels(String field, long w, long h) throws InputRejectedException {
    if (w < 8 || h < 8) {
      throw new InputRejectedException(field, "image is " + w + " x " + h + " pixels: at least 8 x 8 expected");
    }
    if (w * h > MAX_MICROGRAPH_PIXELS) {
      throw new InputRejectedException(field, "image declares " + w + " x " + h
          + " pixels, more than this server's limit of " + MAX_MICROGRAPH_PIXELS + " pixels");
    }
  }

  /**
   * Cheap check of an EDS file: known extension (EMSA text, Lispix RPL header, Bruker .bcf,
   * HyperSpy .hspy); a .bcf or .hspy must carry its format's signature.
   */
  public static void checkEdsHeader(String field, Path file, String fileName) throws InputRejectedException {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".bcf") || n.endsWith(".hspy")) {
      SpectrumImageFiles.Format f = SpectrumImageFiles.detect(head(field, file, 4096));
      if (f != (n.endsWith(".bcf") ? SpectrumImageFiles.Format.BCF : SpectrumImageFiles.Format.HSPY)) {
        throw new InputRejectedException(field, n.endsWith(".bcf")
            ? "not a Bruker .bcf file (no AAMVHFSS container signature)"
            : "not a HyperSpy .hspy file (no HDF5 signature)");
      }
      return;
    }
    if (!isEmsa(n) && !n.endsWith(".rpl")) {
      throw new InputRejectedException(field, "expected an EMSA spectrum (.msa, .emsa, .txt) or a"
          + " spectrum image (Lispix .rpl, Bruker .bcf, HyperSpy .hspy)");
    }
    byte[] h = head(field, file, 16);
    for (byte b : h) {
      if (b == 0) {
        throw new InputRejectedException(field, "not a text file (EMSA and RPL headers are text)");
      }
    }
  }

  private static byte[] head(String field, Path file, int n) throws InputRejectedException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new InputRejectedException(field, "the file could not be read");
    }
  }

  static boolean isEmsa(String lowerName) {
    return lowerName.endsWith(".msa") || lowerName.endsWith(".emsa") || lowerName.endsWith(".txt");
  }

  private static IllegalArgumentException unknownEds(Path edsFile) {
    return new IllegalArgumentException(
        edsFile + ": unknown EDS file type: expected an EMSA spectrum (.msa, .emsa) or a spectrum"
            + " image (Lispix .rpl with its .raw or .raw.gz, Bruker .bcf, HyperSpy .hspy, Arrow"
            + " IPC)");
  }

  private static void requirePixelSize(Micrograph m, Path micrographFile) {
    if (!m.hasPixelSize()) {
      throw new IllegalArgumentException(
          micrographFile + ": the file carries no pixel size (no SEM metadata or resolution tags):"
              + " give it with --pixel-size-um");
    }
  }

  /**
   * A file to ingest and the name that decides its format (an upload is stored under its hash,
   * so its path says nothing of its type).
   *
   * @param file readable file
   * @param fileName name with extension as the caller gave it
   */
  public record Source(Path file, String fileName) {
    public Source {
      java.util.Objects.requireNonNull(file, "file");
      fileName = fileName == null ? file.getFileName().toString() : fileName;
    }

    String lowerName() {
      return fileName.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Decodes and stores a micrograph and optional EDS file.
   *
   * @param analysisId id of the analysis the inputs are for (keys the ingest provenance)
   * @param micrographFile TIFF or PNG
   * @param pixelSizeUm pixel size in micrometres used when the file carries none (NaN = none)
   * @param edsFile EMSA {@code .msa}/{@code .emsa} spectrum or Lispix {@code .rpl} spectrum image,
   *     or null
   */
  public static AnalysisInputs ingest(
      ArtifactStore store, String analysisId, Path micrographFile, double pixelSizeUm, Path edsFile)
      throws IOException {
    return ingest(store, analysisId, new Source(micrographFile, null), pixelSizeUm,
        edsFile == null ? null : new Source(edsFile, null));
  }

  /** Decodes and stores a micrograph and optional EDS file given as sources. */
  public static AnalysisInputs ingest(
      ArtifactStore store, String analysisId, Source micrograph, double pixelSizeUm, Source edsSource)
      throws IOException {
    Path micrographFile = micrograph.file();
    requireFile(micrographFile, "micrograph");
    long t0 = System.currentTimeMillis();
    Micrograph m =
        MicrographIO.readLuminance(micrographFile,
            Double.isNaN(pixelSizeUm) ? Double.NaN : pixelSizeUm * 1e-6, LIMITS);
    requirePixelSize(m, Path.of(micrograph.fileName()));
    ArtifactRef raw = store.putFile(micrographFile, mediaType(micrograph.lowerName()));
    ArtifactRef arrow = store.put(ArrowIO.toArrow(m), ARROW);
    List<ActivityRecord> records = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("fileName", micrograph.fileName());
    params.put("pixelSizeM", Double.toString(m.pixelSizeM()));
    params.put("pixelSizeFallbackUm", Double.toString(pixelSizeUm));
    params.put("bitDepth", Integer.toString(m.bitDepth()));
    params.put("signal", m.signal().name());
    instrumentSettings(micrographFile).forEach((k, v) -> params.put(INSTRUMENT + k, String.valueOf(v)));
    records.add(
        record(
            analysisId, "ingest-micrograph", "micrograph-decode", params,
            new ArtifactUse("file", "MicrographFile", raw),
            new ArtifactUse("micrograph", "Micrograph", arrow), t0));
    ArtifactRef eds = null;
    String kind = null;
    if (edsSource != null) {
      Path edsFile = edsSource.file();
      requireFile(edsFile, "EDS");
      long t1 = System.currentTimeMillis();
      String name = edsSource.lowerName();
      Map<String, String> p = new LinkedHashMap<>();
      p.put("fileName", edsSource.fileName());
      if (isEmsa(name)) {
        // validates with a clear error before anything is stored
        io.alloyflow.core.spectrum.Spectrum sp = EmsaIO.read(edsFile, LIMITS);
        putSetting(p, "beamEnergyKeV", sp.beamEnergyKeV());
        putSetting(p, "takeoffAngleDeg", sp.takeoffAngleDeg());
        putSetting(p, "probeCurrentA", sp.probeCurrentNa() * 1e-9);
        putSetting(p, "liveTimeS", sp.liveTimeS());
        eds = store.putFile(edsFile, "application/x-emsa");
        kind = "spectrum";
        records.add(
            record(
                analysisId, "ingest-eds", "emsa-validate", p, null,
                new ArtifactUse("spectrum", "Spectrum", eds), t1));
      } else if (SpectrumImageFiles.detect(edsFile) != null) {
        // .rpl, Bruker .bcf, HyperSpy .hspy or Arrow IPC, told apart by their bytes
        SpectrumImageFiles.Format format = SpectrumImageFiles.detect(edsFile);
        SpectrumImage si = SpectrumImageFiles.read(edsFile, LIMITS);
        ArtifactRef src = store.putFile(edsFile, spectrumImageMediaType(format));
        eds = store.put(ArrowIO.toArrow(si), ARROW);
        kind = "spectrumImage";
        p.put("dimensions", si.width() + "x" + si.height() + "x" + si.channels());
        putSetting(p, "beamEnergyKeV", si.beamEnergyKeV());
        putSetting(p, "pixelSizeM", si.pixelSizeM());
        putSetting(p, "liveTimePerPixelS", si.liveTimePerPixelS());
        records.add(
            record(
                analysisId, "ingest-eds", format.name().toLowerCase(Locale.ROOT) + "-decode", p,
                new ArtifactUse("file", "SpectrumImageFile", src),
                new ArtifactUse("spectrumImage", "SpectrumImage", eds), t1));
      } else {
        throw unknownEds(Path.of(edsSource.fileName()));
      }
    }
    return new AnalysisInputs(m, arrow, eds, kind, records);
  }

  /**
   * Parameter prefix of the instrument settings an ingest step read from its file; the knowledge
   * graph stores them on the file and decoded-data nodes ({@code instrument_*}) and shows them in
   * lineage.
   */
  public static final String INSTRUMENT = "instrument.";

  /** Microscope settings in the micrograph's TIFF tags (none for PNG or unreadable tags). */
  static Map<String, Object> instrumentSettings(Path micrographFile) {
    try {
      return MicroscopeSettings.read(micrographFile, LIMITS).asMap();
    } catch (IOException e) {
      // the image itself decoded: metadata that does not parse is simply not recorded
      return Map.of();
    }
  }

  private static void putSetting(Map<String, String> params, String name, double value) {
    if (value > 0 && Double.isFinite(value)) {
      params.put(INSTRUMENT + name, Double.toString(value));
    }
  }

  private static void requireFile(Path f, String what) throws NoSuchFileException {
    if (!Files.isRegularFile(f)) {
      throw new NoSuchFileException(f.toString(), null, what + " file not found");
    }
  }

  /** Media type of a spectrum-image source file. */
  static String spectrumImageMediaType(SpectrumImageFiles.Format f) {
    return switch (f) {
      case RPL -> "text/x-lispix-rpl";
      case BCF -> "application/x-bruker-bcf";
      case HSPY -> "application/x-hdf5";
      case ARROW -> ARROW;
    };
  }

  private static String mediaType(String lowerName) {
    if (lowerName.endsWith(".jpg") || lowerName.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lowerName.endsWith(".bmp")) {
      return "image/bmp";
    }
    return lowerName.endsWith(".png") ? "image/png" : "image/tiff";
  }

  private static ActivityRecord record(
      String analysisId,
      String step, String algorithm, Map<String, String> params, ArtifactUse used, ArtifactUse generated,
      long t0) {
    return new ActivityRecord(
        step, "gateway",
        new AlgorithmInfo(algorithm, "1.0", "ISO 22029 (EMSA/MAS); TIFF 6.0; Lispix RPL", params),
        used == null ? List.of() : List.of(used), List.of(generated), Map.of(), ActivityRecord.currentEnvironment(), 0, t0,
        System.currentTimeMillis() - t0, analysisId, "", 1);
  }
}
