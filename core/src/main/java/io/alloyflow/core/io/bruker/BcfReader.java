package io.alloyflow.core.io.bruker;

import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.ReadLimits;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a Bruker Esprit {@code .bcf} hypermap: the header ({@code EDSDatabase/HeaderData}, XML
 * with decimal commas in some locales) and the first spectrum cube ({@code
 * EDSDatabase/SpectrumData0}). The cube is stored line by line; each pixel has a 22-byte header
 * (x index, channel counts, packing flag, pulse count, data size) followed by its data: flag 0 a
 * list of 16-bit channel indices of single pulses, flag 1 the same packed in 12 bits, flag > 1
 * "instructively packed" runs (a byte with the run's value width: 0 = zeros, 1 = 4-bit nibbles,
 * 2/4/8 = 1/2/4-byte values, each plus a per-run gain) followed by extra single pulses.
 */
public final class BcfReader {
  private BcfReader() {}

  private static final Pattern DECIMAL_COMMA = Pattern.compile("(>-?\\d+),(\\d*<)");

  /** Reads a BCF file under the default read limits. */
  public static BcfFile read(Path path) throws IOException {
    return read(path, ReadLimits.DEFAULT);
  }

  /** Reads a BCF file; sizes are checked against the limits before allocation. */
  public static BcfFile read(Path path, ReadLimits limits) throws IOException {
    try (SfsContainer sfs = SfsContainer.open(path, limits)) {
      if (!sfs.has("EDSDatabase/HeaderData")) {
        throw new FormatException(path, "container", "an EDS hypermap (EDSDatabase/HeaderData)",
            "files " + sfs.files());
      }
      String xml = new String(sfs.bytes("EDSDatabase/HeaderData"), StandardCharsets.UTF_8);
      xml = DECIMAL_COMMA.matcher(xml).replaceAll("$1.$2");
      Element root = database(parse(path, xml), path);
      Element sem = child(root, "ClassInstance", "TRTSEMData");
      double hv = sem == null ? Double.NaN : number(sem, "HV", Double.NaN);
      double dx = sem == null ? Double.NaN : number(sem, "DX", Double.NaN);
      Element imageNode = null;
      for (Element e : children(root, "ClassInstance")) {
        if ("TRTImageData".equals(e.getAttribute("Type")) && e.getAttribute("Name").isEmpty()) {
          imageNode = e;
        }
      }
      if (imageNode == null) {
        throw new FormatException(path, "HeaderData", "an image description (TRTImageData)",
            "none");
      }
      int width = (int) number(imageNode, "Width", -1);
      int height = (int) number(imageNode, "Height", -1);
      if (width <= 0 || height <= 0 || (long) width * height > limits.maxPixels()) {
        throw new FormatException(path, "HeaderData", "an image size within the read limits",
            width + "x" + height);
      }
      List<BcfImage> images = images(imageNode, width, height, path);
      Element specDb = first(root, "SpectrumData0");
      Element spectrum = specDb == null ? null : child(specDb, "ClassInstance", "TRTSpectrum");
      if (spectrum == null) {
        throw new FormatException(path, "HeaderData", "a spectrum description (SpectrumData0)",
            "none");
      }
      Element headered = first(spectrum, "TRTHeaderedClass");
      Element hardware = headered == null ? null
          : child(headered, "ClassInstance", "TRTSpectrumHardwareHeader");
      Element esma = headered == null ? null : child(headered, "ClassInstance", "TRTESMAHeader");
      Element specHeader = child(spectrum, "ClassInstance", "TRTSpectrumHeader");
      if (specHeader == null) {
        throw new FormatException(path, "HeaderData", "a spectrum header (TRTSpectrumHeader)",
            "none");
      }
      double offsetKeV = number(specHeader, "CalibAbs", Double.NaN);
      double scaleKeV = number(specHeader, "CalibLin", Double.NaN);
      if (!(scaleKeV > 0) || !Double.isFinite(offsetKeV)) {
        throw new FormatException(path, "HeaderData", "an energy calibration (CalibAbs,"
            + " CalibLin > 0)", offsetKeV + ", " + scaleKeV);
      }
      double primary = esma == null ? Double.NaN : number(esma, "PrimaryEnergy", Double.NaN);
      double elevation = esma == null ? Double.NaN : number(esma, "ElevationAngle", Double.NaN);
      double azimuth = esma == null ? Double.NaN : number(esma, "AzimutAngle", Double.NaN);
      long[] headerSum = channelsText(first(spectrum, "Channels"), path, limits);
      double beamKeV = Double.isFinite(hv) && hv > 0 ? hv : primary;
      // the cube has the header spectrum's channels (no cut-off at the beam energy, as the
      // reference reader's default; the amplifier range is kept for information only)
      int channels = headerSum.length;
      if (channels < ReadLimits.MIN_CHANNELS || channels > limits.maxChannels()) {
        throw new FormatException(path, "HeaderData", "a channel count within the read limits",
            "" + channels);
      }
      long max = 0;
      for (long v : headerSum) {
        max = Math.max(max, v);
      }
      long roof = max / width / height * 2;
      int bits = roof > 0xFFFF ? 32 : roof > 0xFF ? 16 : 8;
      if ((long) width * height * channels > limits.maxPixels() * 64L) {
        throw new FormatException(path, "HeaderData", "a cube within the read limits",
            width + "x" + height + "x" + channels);
      }
      if (!sfs.has("EDSDatabase/SpectrumData0")) {
        throw new FormatException(path, "container", "the hypermap EDSDatabase/SpectrumData0",
            "none");
      }
      float[] cube = hypermap(sfs.bytes("EDSDatabase/SpectrumData0"), width, height, channels,
          bits, path);
      double pixelM = Double.isFinite(dx) && dx > 0 ? dx * 1e-6 : Double.NaN;
      SpectrumImage si = new SpectrumImage(width, height, channels, cube,
          new EnergyAxis(offsetKeV * 1000, scaleKeV * 1000), pixelM,
          Double.isFinite(beamKeV) ? beamKeV : Double.NaN, Double.NaN);
      return new BcfFile(si, bits, headerSum, elevation, azimuth, images, sfs.files());
    }
  }

  /** Decodes the pixel-packed cube; values wrap at {@code bits} as the reference reader's do. */
  static float[] hypermap(byte[] raw, int width, int height, int channels, int bits, Path path)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    if (raw.length < 0x1A0) {
      throw new FormatException(path, "SpectrumData0", "at least 416 bytes", raw.length
          + " bytes");
    }
    int h = b.getInt(0);
    int w = b.getInt(4);
    if (h < height || w < width) {
      // the cube header names its own size; it must cover the image
      throw new FormatException(path, "SpectrumData0 byte 0", "a cube of at least " + height
          + " lines x " + width + " pixels", h + " x " + w);
    }
    long mask = bits == 32 ? 0xFFFFFFFFL : (1L << bits) - 1;
    float[] cube = new float[width * height * channels];
    long[] pixel = new long[65536];
    int off = 0x1A0;
    try {
      for (int line = 0; line < height; line++) {
        int nPix = b.getInt(off);
        off += 4;
        if (nPix < 0 || nPix > w) {
          throw new FormatException(path, "SpectrumData0 byte " + (off - 4), "at most " + w
              + " pixels in line " + line, "" + nPix);
        }
        for (int p = 0; p < nPix; p++) {
          long x = Integer.toUnsignedLong(b.getInt(off));
          int chan1 = Short.toUnsignedInt(b.getShort(off + 4));
          int chan2 = Short.toUnsignedInt(b.getShort(off + 6));
          int flag = Short.toUnsignedInt(b.getShort(off + 12));
          int nPulses = Short.toUnsignedInt(b.getShort(off + 16));
          long size = Integer.toUnsignedLong(b.getInt(off + 18));
          off += 22;
          if (size > raw.length - off) {
            throw new FormatException(path, "SpectrumData0 byte " + (off - 4), "pixel data"
                + " inside the cube", size + " bytes");
          }
          int len = 0;
          java.util.Arrays.fill(pixel, 0, Math.max(chan1, 1), 0);
          if (flag == 0) {
            int n = (int) (size / 2);
            for (int k = 0; k < n; k++) {
              int c = Short.toUnsignedInt(b.getShort(off + 2 * k));
              pixel[c]++;
              len = Math.max(len, c + 1);
            }
            len = Math.max(len, chan1 - 1);
            off += (int) size;
          } else if (flag == 1) {
            // 12-bit pulses: byte pairs swapped, then every 3 bytes hold two 12-bit values
            byte[] s = new byte[(int) size + 1];
            for (int k = 0; k + 1 < size; k += 2) {
              s[k] = raw[off + k + 1];
              s[k + 1] = raw[off + k];
            }
            for (int k = 0; k < nPulses; k++) {
              int t = (k / 2) * 3;
              int v;
              if (k % 2 == 0) {
                v = (((s[t] & 0xFF) << 8 | (s[t + 1] & 0xFF)) >> 4) & 0xFFF;
              } else {
                v = ((s[t + 1] & 0xFF) << 8 | (s[t + 2] & 0xFF)) & 0xFFF;
              }
              pixel[v]++;
              len = Math.max(len, v + 1);
            }
            len = Math.max(len, chan1 - 1);
            off += (int) size;
          } else {
            int end = off + (int) size - 4;
            while (off < end) {
              int sizeP = raw[off] & 0xFF;
              int run = raw[off + 1] & 0xFF;
              off += 2;
              if (len + run > pixel.length) {
                throw new FormatException(path, "SpectrumData0 byte " + off, "at most 65536"
                    + " channels in a pixel", "more");
              }
              if (sizeP == 0) {
                len += run;
                continue;
              }
              long gain = switch (sizeP) {
                case 1 -> raw[off] & 0xFF;
                case 2 -> Short.toUnsignedInt(b.getShort(off));
                case 4 -> Integer.toUnsignedLong(b.getInt(off));
                case 8 -> b.getLong(off);
                default -> throw new FormatException(path, "SpectrumData0 byte " + (off - 2),
                    "a run value width of 0, 1, 2, 4 or 8 bytes", "" + sizeP);
              };
              off += sizeP;
              if (sizeP == 1) {
                int length = (run + 1) / 2;
                for (int k = 0; k < run; k++) {
                  int by = raw[off + k / 2] & 0xFF;
                  pixel[len + k] = ((k % 2 == 0) ? (by & 0x0F) : (by >> 4)) + gain;
                }
                off += length;
              } else {
                int vw = sizeP / 2;
                for (int k = 0; k < run; k++) {
                  long v = switch (vw) {
                    case 1 -> raw[off + k] & 0xFF;
                    case 2 -> Short.toUnsignedInt(b.getShort(off + 2 * k));
                    default -> Integer.toUnsignedLong(b.getInt(off + 4 * k));
                  };
                  pixel[len + k] = v + gain;
                }
                off += run * vw;
              }
              len += run;
            }
            if (chan2 < chan1) {
              len += chan1 - chan2;
            }
            if (nPulses > 0) {
              long addSize = Integer.toUnsignedLong(b.getInt(off));
              off += 4;
              for (int k = 0; k < nPulses; k++) {
                int c = Short.toUnsignedInt(b.getShort(off + 2 * k));
                pixel[c]++;
              }
              off += (int) addSize;
            } else {
              off += 4;
            }
          }
          if (x >= width) {
            continue; // pixels beyond the image (never seen; the reference reader would fail)
          }
          int n = Math.min(Math.min(chan1, channels), len);
          int base = (int) ((line * (long) width + x) * channels);
          for (int c = 0; c < n; c++) {
            cube[base + c] = (float) (pixel[c] & mask);
          }
        }
      }
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw new FormatException(path, "SpectrumData0 byte " + off, "pixel records inside the"
          + " cube's " + raw.length + " bytes", "a record running past its end");
    }
    return cube;
  }

  private static List<BcfImage> images(Element imageNode, int width, int height, Path path)
      throws IOException {
    int planes = (int) number(imageNode, "PlaneCount", 0);
    List<BcfImage> out = new ArrayList<>();
    for (int i = 0; i < planes; i++) {
      Element plane = first(imageNode, "Plane" + i);
      Element data = plane == null ? null : first(plane, "Data");
      if (data == null) {
        continue;
      }
      byte[] raw;
      try {
        raw = Base64.getMimeDecoder().decode(data.getTextContent().strip());
      } catch (IllegalArgumentException e) {
        throw new FormatException(path, "HeaderData image plane " + i, "base64 data",
            "invalid characters");
      }
      if (raw.length < 2L * width * height) {
        throw new FormatException(path, "HeaderData image plane " + i, 2L * width * height
            + " bytes", raw.length + " bytes");
      }
      ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      int[] v = new int[width * height];
      boolean any = false;
      for (int k = 0; k < v.length; k++) {
        v[k] = Short.toUnsignedInt(bb.getShort(2 * k));
        any |= v[k] != 0;
      }
      if (!any) {
        continue;
      }
      Element desc = first(plane, "Description");
      String title = desc == null ? "image " + i : desc.getTextContent().strip();
      out.add(new BcfImage(title, width, height, v));
    }
    return out;
  }

  private static long[] channelsText(Element e, Path path, ReadLimits limits) throws IOException {
    if (e == null) {
      throw new FormatException(path, "HeaderData", "the sum spectrum (Channels)", "none");
    }
    String[] parts = e.getTextContent().strip().split(",");
    if (parts.length > limits.maxChannels()) {
      throw new FormatException(path, "HeaderData Channels", "at most " + limits.maxChannels()
          + " channels", "" + parts.length);
    }
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Long.parseLong(parts[i].strip());
      } catch (NumberFormatException nfe) {
        throw new FormatException(path, "HeaderData Channels value " + i, "an integer",
            FormatException.unshown("a value", parts[i]));
      }
    }
    return out;
  }

  private static Document parse(Path path, String xml) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      f.setXIncludeAware(false);
      DocumentBuilder db = f.newDocumentBuilder();
      db.setErrorHandler(null);
      return db.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new FormatException(path, "HeaderData", "well-formed XML", "malformed XML");
    }
  }

  private static Element database(Document d, Path path) throws IOException {
    NodeList all = d.getElementsByTagName("ClassInstance");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if ("TRTSpectrumDatabase".equals(e.getAttribute("Type"))) {
        return e;
      }
    }
    throw new FormatException(path, "HeaderData", "a TRTSpectrumDatabase", "none");
  }

  private static List<Element> children(Element e, String tag) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        out.add(c);
      }
    }
    return out;
  }

  private static Element first(Element e, String tag) {
    List<Element> c = children(e, tag);
    return c.isEmpty() ? null : c.get(0);
  }

  private static Element child(Element e, String tag, String type) {
    for (Element c : children(e, tag)) {
      if (type.equals(c.getAttribute("Type"))) {
        return c;
      }
    }
    return null;
  }

  private static double number(Element e, String tag, double fallback) {
    Element c = first(e, tag);
    if (c == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(c.getTextContent().strip());
    } catch (NumberFormatException nfe) {
      return fallback;
    }
  }
}
