package io.alloyflow.core.io;

import io.alloyflow.core.image.SignalType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pixel size and detector signal from the metadata SEM vendors write: the alloyflow
 * ImageDescription line, the FEI/Thermo Fisher text block (INI-style sections; {@code [Scan]
 * PixelWidth=} in metres, {@code [Detectors] Name=}), and the Zeiss SmartSEM block of TIFF tag
 * 34118 ({@code AP_PIXEL_SIZE} followed by {@code Pixel Size = 12.3 nm}, {@code Signal A = SE2}).
 */
final class SemMetadata {
  private SemMetadata() {}

  /** A pixel size (metres, NaN if none) and signal (null if none) found in one source. */
  record Found(double pixelSizeM, SignalType signal) {
    static final Found NONE = new Found(Double.NaN, null);
  }

  static final String ALLOYFLOW_PREFIX = "alloyflow ";
  private static final Pattern ALLOYFLOW =
      Pattern.compile("alloyflow\\s+pixelSizeM=(\\S+)\\s+signal=(\\S+)");
  private static final Pattern ZEISS_SIZE =
      Pattern.compile("=\\s*([-+0-9.eE]+)\\s*(pm|nm|um|µm|\u00b5m|mm|m)\\b");
  private static final Pattern ZEISS_SIGNAL = Pattern.compile("Signal A\\s*=\\s*([^\\r\\n]*)");

  /** The ImageDescription this project writes. */
  static String alloyflowDescription(double pixelSizeM, SignalType signal) {
    return "alloyflow pixelSizeM=" + (Double.isNaN(pixelSizeM) ? "NaN" : Double.toString(pixelSizeM))
        + " signal=" + signal.name();
  }

  static Found alloyflow(String text) {
    if (text == null) {
      return Found.NONE;
    }
    Matcher m = ALLOYFLOW.matcher(text);
    if (!m.find()) {
      return Found.NONE;
    }
    double px;
    try {
      px = Double.parseDouble(m.group(1));
    } catch (NumberFormatException e) {
      px = Double.NaN;
    }
    if (!(px > 0) || Double.isInfinite(px)) {
      px = Double.NaN;
    }
    SignalType s;
    try {
      s = SignalType.parse(m.group(2));
    } catch (IllegalArgumentException e) {
      s = null;
    }
    // OTHER means "not known": let vendor metadata in the same file name the detector
    return new Found(px, s == SignalType.OTHER ? null : s);
  }

  /** Parses an FEI/Thermo text block (the whole block, sections included). */
  static Found fei(String text) {
    if (text == null || !text.contains("[")) {
      return Found.NONE;
    }
    double px = Double.NaN;
    for (String section : new String[] {"Scan", "EScan"}) {
      String v = iniValue(text, section, "PixelWidth");
      if (v != null && Double.isNaN(px)) {
        try {
          double d = Double.parseDouble(v.trim());
          if (d > 0 && Double.isFinite(d)) {
            px = d;
          }
        } catch (NumberFormatException e) {
          // not a number: keep looking
        }
      }
    }
    SignalType signal = null;
    String name = iniValue(text, "Detectors", "Name");
    String mode = iniValue(text, "Detectors", "Mode");
    if (name != null || mode != null) {
      signal = known(classify((name == null ? "" : name) + " " + (mode == null ? "" : mode)));
    }
    return new Found(px, signal);
  }

  /** Finds an FEI {@code [Scan]} block anywhere in the file bytes (ASCII), or NONE. */
  static Found feiAnywhere(byte[] bytes) {
    int at = indexOf(bytes, "[User]".getBytes(StandardCharsets.US_ASCII), 0);
    int scan = indexOf(bytes, "[Scan]".getBytes(StandardCharsets.US_ASCII), 0);
    if (scan < 0) {
      return Found.NONE;
    }
    int start = at >= 0 && at < scan ? at : Math.max(0, scan - 65536);
    int end = Math.min(bytes.length, scan + 65536);
    // the block is ASCII; keep printable text only
    StringBuilder b = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      int c = bytes[i] & 0xff;
      b.append(c == '\n' || c == '\r' || (c >= 32 && c < 127) ? (char) c : '\n');
    }
    return fei(b.toString());
  }

  /** Parses a Zeiss SmartSEM tag-34118 block. */
  static Found zeiss(String text) {
    if (text == null) {
      return Found.NONE;
    }
    double px = Double.NaN;
    int i = text.indexOf("AP_PIXEL_SIZE");
    if (i >= 0) {
      Matcher m = ZEISS_SIZE.matcher(text);
      if (m.find(i)) {
        try {
          double v = Double.parseDouble(m.group(1));
          double unit =
              switch (m.group(2)) {
                case "pm" -> 1e-12;
                case "nm" -> 1e-9;
                case "mm" -> 1e-3;
                case "m" -> 1.0;
                default -> 1e-6;
              };
          if (v > 0 && Double.isFinite(v)) {
            px = v * unit;
          }
        } catch (NumberFormatException e) {
          // ignore a malformed value
        }
      }
    }
    SignalType signal = null;
    Matcher s = ZEISS_SIGNAL.matcher(text);
    if (s.find()) {
      signal = known(classify(s.group(1)));
    }
    return new Found(px, signal);
  }

  private static SignalType known(SignalType s) {
    return s == SignalType.OTHER ? null : s;
  }

  /** Maps a detector name to a signal: BSE detectors, in-lens detectors, SE detectors. */
  static SignalType classify(String detector) {
    String d = detector.toUpperCase(Locale.ROOT);
    if (d.matches(".*(BSE|BSD|QBSD|CBS|ABS|DBS|VCD|AsB|ESB|BACKSCATTER).*".toUpperCase(Locale.ROOT))) {
      return SignalType.BSE;
    }
    if (d.matches(".*(INLENS|IN-LENS|IN LENS|TLD|THROUGH).*")) {
      return SignalType.INLENS;
    }
    if (d.matches(".*(ETD|SE2|SE1|\\bSE\\b|EVERHART|LFD|GSED).*")) {
      return SignalType.SE;
    }
    return SignalType.OTHER;
  }

  static String iniValue(String text, String section, String key) {
    String[] lines = text.split("\r\n|\r|\n");
    boolean in = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        in = line.substring(1, line.length() - 1).equalsIgnoreCase(section);
        continue;
      }
      if (in) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase(key)) {
          return line.substring(eq + 1).strip();
        }
      }
    }
    return null;
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
