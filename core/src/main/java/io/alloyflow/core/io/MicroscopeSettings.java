package io.alloyflow.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acquisition settings of an SEM image as the instrument wrote them into the file, in SI units
 * (NaN or "" when the file does not say): beam energy, working distance, pixel size, horizontal
 * field width, magnification, dwell time, probe current, detector and instrument. Read from the
 * FEI/Thermo Fisher text block (TIFF tag 34682 or 34680: {@code [Beam] HV} in V, {@code [Stage]
 * WorkingDistance} in m, {@code [Scan] Dwelltime} in s, {@code PixelWidth}, {@code HorFieldsize}
 * in m, {@code [EBeam] BeamCurrent} in A, {@code [Detectors] Name}, {@code [System]
 * SystemType}), the Zeiss SmartSEM block (tag 34118: a parameter name such as {@code AP_ACTUALKV}
 * followed by {@code EHT = 20.00 kV}; {@code AP_WD}, {@code AP_MAG}, {@code DP_DWELL_TIME},
 * {@code AP_IPROBE}, {@code DP_DETECTOR_TYPE}, {@code SV_SERIAL_NUMBER}), an ImageJ description
 * ({@code unit=micron} with the pixels-per-unit of XResolution) or plain TIFF resolution tags
 * (282/296, inch or centimetre). The key names and units follow HyperSpy's TIFF reader
 * (hyperspy.io_plugins.tiff, mappings {@code mapping_fei} and {@code mapping_cz_sem}).
 *
 * @param beamEnergyKeV accelerating voltage in kV (= beam energy in keV)
 * @param workingDistanceM working distance in metres
 * @param pixelSizeM pixel size in metres
 * @param fieldWidthM horizontal field width in metres
 * @param magnification nominal magnification (instrument's reference display)
 * @param dwellTimeS pixel dwell time in seconds
 * @param probeCurrentA probe (beam) current in amperes
 * @param detector detector name as written by the instrument
 * @param instrument instrument type or serial number
 * @param source where the settings came from: {@code fei}, {@code zeiss}, {@code imagej},
 *     {@code tiff-resolution}, or "" when none
 */
public record MicroscopeSettings(
    double beamEnergyKeV,
    double workingDistanceM,
    double pixelSizeM,
    double fieldWidthM,
    double magnification,
    double dwellTimeS,
    double probeCurrentA,
    String detector,
    String instrument,
    String source) {
  /** Nothing known. */
  public static final MicroscopeSettings NONE = new MicroscopeSettings(
      Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", "", "");

  public MicroscopeSettings {
    beamEnergyKeV = positive(beamEnergyKeV);
    workingDistanceM = positive(workingDistanceM);
    pixelSizeM = positive(pixelSizeM);
    fieldWidthM = positive(fieldWidthM);
    magnification = positive(magnification);
    dwellTimeS = positive(dwellTimeS);
    probeCurrentA = positive(probeCurrentA);
    detector = detector == null ? "" : detector.strip();
    instrument = instrument == null ? "" : instrument.strip();
    source = source == null ? "" : source;
  }

  /** A value that is not a positive finite number is not a setting: it counts as unknown. */
  private static double positive(double v) {
    return v > 0 && Double.isFinite(v) ? v : Double.NaN;
  }

  /** True when the file named no setting at all. */
  public boolean isEmpty() {
    return asMap().isEmpty();
  }

  /**
   * The known settings by name ({@code beamEnergyKeV}, {@code workingDistanceM}, ...; numbers as
   * Java doubles, names as strings), in a fixed order; unknown ones are left out.
   */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "beamEnergyKeV", beamEnergyKeV);
    put(m, "workingDistanceM", workingDistanceM);
    put(m, "pixelSizeM", pixelSizeM);
    put(m, "fieldWidthM", fieldWidthM);
    put(m, "magnification", magnification);
    put(m, "dwellTimeS", dwellTimeS);
    put(m, "probeCurrentA", probeCurrentA);
    if (!detector.isEmpty()) {
      m.put("detector", detector);
    }
    if (!instrument.isEmpty()) {
      m.put("instrument", instrument);
    }
    if (!m.isEmpty() && !source.isEmpty()) {
      m.put("settingsSource", source);
    }
    return m;
  }

  private static void put(Map<String, Object> m, String k, double v) {
    if (!Double.isNaN(v)) {
      m.put(k, v);
    }
  }

  /**
   * The settings in a TIFF file's tags; {@link #NONE} for PNG or a TIFF without any. Reads the
   * first IFD's tags only (the pixel data is not decoded).
   */
  public static MicroscopeSettings read(Path file) throws IOException {
    return read(file, ReadLimits.DEFAULT);
  }

  /** {@link #read(Path)} with explicit read limits. */
  public static MicroscopeSettings read(Path file, ReadLimits limits) throws IOException {
    long size = Files.size(file);
    limits.checkFileSize(file, size);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] head = new byte[4];
      if (ch.read(ByteBuffer.wrap(head), 0) < 4 || !MicrographIO.isTiffMark(head)) {
        return NONE;
      }
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
      TiffCodec.Decoded d = TiffCodec.probe(file, map, limits);
      return fromTiff(d.texts(), d.xResolution(), d.resolutionUnit());
    }
  }

  /** Settings from TIFF text tags and resolution, first source that names a value wins. */
  static MicroscopeSettings fromTiff(Map<Integer, String> texts, double xResolution, int resolutionUnit) {
    MicroscopeSettings s = NONE;
    String fei = texts.get(TiffCodec.TAG_FEI_HELIOS);
    if (fei == null) {
      fei = texts.get(TiffCodec.TAG_FEI_SFEG);
    }
    if (fei != null) {
      s = s.or(fei(fei));
    }
    String zeiss = texts.get(TiffCodec.TAG_ZEISS_SEM);
    if (zeiss != null) {
      s = s.or(zeiss(zeiss));
    }
    String description = texts.get(TiffCodec.TAG_DESCRIPTION);
    if (description != null && description.startsWith("ImageJ=")) {
      s = s.or(imageJ(description, xResolution));
    }
    double px = MicrographIO.fromResolution(xResolution, resolutionUnit);
    if (!Double.isNaN(px)) {
      s = s.or(new MicroscopeSettings(Double.NaN, Double.NaN, px, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, "", "", "tiff-resolution"));
    }
    return s;
  }

  /** This, with each unknown value taken from {@code other}. */
  MicroscopeSettings or(MicroscopeSettings o) {
    return new MicroscopeSettings(
        Double.isNaN(beamEnergyKeV) ? o.beamEnergyKeV : beamEnergyKeV,
        Double.isNaN(workingDistanceM) ? o.workingDistanceM : workingDistanceM,
        Double.isNaN(pixelSizeM) ? o.pixelSizeM : pixelSizeM,
        Double.isNaN(fieldWidthM) ? o.fieldWidthM : fieldWidthM,
        Double.isNaN(magnification) ? o.magnification : magnification,
        Double.isNaN(dwellTimeS) ? o.dwellTimeS : dwellTimeS,
        Double.isNaN(probeCurrentA) ? o.probeCurrentA : probeCurrentA,
        detector.isEmpty() ? o.detector : detector,
        instrument.isEmpty() ? o.instrument : instrument,
        isEmpty() ? o.source : source);
  }

  /** The FEI/Thermo Fisher INI-style block (values in SI units: V, m, s, A). */
  static MicroscopeSettings fei(String text) {
    double hv = number(SemMetadata.iniValue(text, "Beam", "HV"));
    if (Double.isNaN(hv)) {
      hv = number(SemMetadata.iniValue(text, "EBeam", "HV"));
    }
    double wd = number(SemMetadata.iniValue(text, "Stage", "WorkingDistance"));
    if (Double.isNaN(wd)) {
      wd = number(SemMetadata.iniValue(text, "EBeam", "WD"));
    }
    double px = number(SemMetadata.iniValue(text, "Scan", "PixelWidth"));
    double hfw = number(SemMetadata.iniValue(text, "Scan", "HorFieldsize"));
    if (Double.isNaN(hfw)) {
      hfw = number(SemMetadata.iniValue(text, "EBeam", "HFW"));
    }
    double dwell = number(SemMetadata.iniValue(text, "Scan", "Dwelltime"));
    double current = number(SemMetadata.iniValue(text, "EBeam", "BeamCurrent"));
    double mag = number(SemMetadata.iniValue(text, "Image", "Magnification"));
    String detector = SemMetadata.iniValue(text, "Detectors", "Name");
    String mode = SemMetadata.iniValue(text, "Detectors", "Mode");
    if (detector != null && mode != null && !mode.isBlank()) {
      detector = detector + " " + mode;
    }
    return new MicroscopeSettings(hv / 1000.0, wd, px, hfw, mag, dwell, current, detector,
        SemMetadata.iniValue(text, "System", "SystemType"), "fei");
  }

  private static final Pattern ZEISS_VALUE =
      Pattern.compile("=\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z\u00b5]*)");

  /** The Zeiss SmartSEM block: each parameter name, then a line {@code Label = value unit}. */
  static MicroscopeSettings zeiss(String text) {
    double kv = zeissNumber(text, "AP_ACTUALKV");
    if (Double.isNaN(kv)) {
      kv = zeissNumber(text, "AP_MANUALKV");
    }
    double mag = zeissNumber(text, "AP_MAG");
    return new MicroscopeSettings(kv / 1000.0, zeissNumber(text, "AP_WD"), zeissNumber(text, "AP_PIXEL_SIZE"),
        zeissNumber(text, "AP_WIDTH"), mag, zeissNumber(text, "DP_DWELL_TIME"),
        zeissNumber(text, "AP_IPROBE"), zeissText(text, "DP_DETECTOR_TYPE"),
        zeissText(text, "SV_SERIAL_NUMBER"), "zeiss");
  }

  /** The line after the parameter name (SmartSEM writes name and value on separate lines). */
  private static String zeissLine(String text, String name) {
    String[] lines = text.split("\r\n|\r|\n|\u0000");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].strip().equalsIgnoreCase(name)) {
        return lines[i + 1];
      }
    }
    return null;
  }

  private static String zeissText(String text, String name) {
    String line = zeissLine(text, name);
    if (line == null || line.indexOf('=') < 0) {
      return "";
    }
    return line.substring(line.indexOf('=') + 1).strip();
  }

  /** A value in SI units (V, m, s, A; magnification as is, with "K X" meaning thousands). */
  private static double zeissNumber(String text, String name) {
    String line = zeissLine(text, name);
    if (line == null) {
      return Double.NaN;
    }
    Matcher m = ZEISS_VALUE.matcher(line);
    if (!m.find()) {
      return Double.NaN;
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    String rest = line.substring(m.end()).strip();
    return switch (unit) {
      case "V", "m", "s", "A", "X", "x", "" -> v;
      case "kV" -> v * 1e3;
      case "mm", "ms", "mA" -> v * 1e-3;
      case "um", "\u00b5m", "us", "\u00b5s", "uA", "\u00b5A" -> v * 1e-6;
      case "nm", "ns", "nA" -> v * 1e-9;
      case "pm", "ps", "pA" -> v * 1e-12;
      case "K" -> rest.startsWith("X") || rest.startsWith("x") ? v * 1e3 : Double.NaN;
      default -> Double.NaN;
    };
  }

  /** ImageJ's description: {@code unit=} with XResolution in pixels per that unit. */
  static MicroscopeSettings imageJ(String description, double xResolution) {
    String unit = null;
    for (String line : description.split("\n")) {
      if (line.startsWith("unit=")) {
        unit = line.substring(5).strip().replace("\\u00B5", "\u00b5");
      }
    }
    if (unit == null || !(xResolution > 0) || Double.isInfinite(xResolution)) {
      return NONE;
    }
    double scale = switch (unit.toLowerCase(Locale.ROOT)) {
      case "micron", "microns", "um", "\u00b5m" -> 1e-6;
      case "nm", "nanometer", "nanometre" -> 1e-9;
      case "mm", "millimeter", "millimetre" -> 1e-3;
      case "m", "meter", "metre" -> 1.0;
      default -> Double.NaN;
    };
    return new MicroscopeSettings(Double.NaN, Double.NaN, scale / xResolution, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, "", "", "imagej");
  }

  private static double number(String v) {
    if (v == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
