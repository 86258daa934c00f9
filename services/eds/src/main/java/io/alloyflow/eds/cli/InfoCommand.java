package io.alloyflow.eds.cli;

import io.alloyflow.core.io.SpectrumImageFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.io.ImageHeader;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.bruker.BcfFile;
import io.alloyflow.core.io.bruker.BcfImage;
import io.alloyflow.core.io.bruker.BcfReader;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.io.EmsaReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code info FILE [--json]}: what a data file holds (kind, shape, axes with units, energy
 * calibration, beam and detector metadata, SEM images) without converting it. Reads Bruker
 * {@code .bcf}, Lispix {@code .rpl}, Arrow IPC cubes, EMSA spectra and TIFF/PNG micrographs.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Describe a spectrum image, spectrum or micrograph file (.bcf, .hspy, .rpl,"
        + " .arrow, .msa, .tif, .png): kind, shape, axes, calibration, beam and detector"
        + " metadata.")
public final class InfoCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the file to describe")
  Path file;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() {
    ObjectNode o;
    try {
      o = describe(file);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("info: " + EdsCommand.oneLine(e));
      return EdsCommand.BAD_INPUT;
    }
    if (json) {
      System.out.println(o.toPrettyString());
    } else {
      print(o, "");
    }
    return 0;
  }

  /** The description as JSON. */
  public static ObjectNode describe(Path file) throws IOException {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("file", file.getFileName().toString());
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".msa") || name.endsWith(".emsa") || name.endsWith(".txt")) {
      Spectrum s = EmsaReader.read(file);
      o.put("kind", "spectrum");
      o.put("format", "EMSA/MAS");
      ArrayNode shape = o.putArray("shape");
      shape.add(s.channels());
      ArrayNode axes = o.putArray("axes");
      energy(axes.addObject(), s.channels(), s.axis().offsetEv(), s.axis().gainEvPerChannel());
      o.put("beamEnergyKeV", s.beamEnergyKeV());
      o.put("takeoffAngleDeg", s.takeoffAngleDeg());
      o.put("liveTimeS", s.liveTimeS());
      o.put("probeCurrentNa", s.probeCurrentNa());
      o.put("totalCounts", s.totalCounts());
      return o;
    }
    if (name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".png")) {
      ImageHeader h = MicrographIO.probe(file);
      o.put("kind", "image");
      o.put("format", h.format());
      ArrayNode shape = o.putArray("shape");
      shape.add(h.height());
      shape.add(h.width());
      ArrayNode axes = o.putArray("axes");
      pixelAxis(axes.addObject(), "y", h.height(), h.pixelSizeM());
      pixelAxis(axes.addObject(), "x", h.width(), h.pixelSizeM());
      o.put("bitsPerSample", h.bitsPerSample());
      o.put("channels", h.channels());
      o.put("signal", String.valueOf(h.signal()));
      return o;
    }
    // spectrum images (and .hspy signals) by their bytes: a renamed file is still described
    SpectrumImageFiles.Format fmt = SpectrumImageFiles.detect(file);
    if (name.endsWith(".hspy") || name.endsWith(".h5") || fmt == SpectrumImageFiles.Format.HSPY) {
      io.alloyflow.core.io.hspy.HspySignal h = io.alloyflow.core.io.hspy.HspyIO.read(file);
      o.put("kind", h.kind());
      o.put("format", "HyperSpy HDF5");
      o.put("title", h.title());
      o.put("signalType", h.signalType());
      ArrayNode shape = o.putArray("shape");
      ArrayNode axes = o.putArray("axes");
      for (var a : h.axes()) {
        shape.add(a.size());
        ObjectNode ax = axes.addObject();
        ax.put("name", a.name());
        ax.put("size", a.size());
        ax.put("offset", a.offset());
        ax.put("scale", a.scale());
        ax.put("units", a.units());
        ax.put("navigate", a.navigate());
      }
      ObjectNode md = o.putObject("metadata");
      h.metadata().forEach((k, v) -> md.put(k, String.valueOf(v)));
      return o;
    }
    SpectrumImage si;
    if (fmt == SpectrumImageFiles.Format.BCF || (fmt == null && name.endsWith(".bcf"))) {
      BcfFile f = BcfReader.read(file);
      si = f.spectrumImage();
      o.put("format", "Bruker BCF");
      o.put("elevationAngleDeg", f.elevationAngleDeg());
      o.put("azimuthAngleDeg", f.azimuthAngleDeg());
      o.put("valueBits", f.bitsPerValue());
      ArrayNode imgs = o.putArray("images");
      for (BcfImage im : f.images()) {
        ObjectNode io = imgs.addObject();
        io.put("title", im.title());
        io.putArray("shape").add(im.height()).add(im.width());
      }
      ArrayNode files = o.putArray("containerFiles");
      f.files().forEach(files::add);
    } else {
      si = Denoising.readCube(file);
      o.put("format", fmt == SpectrumImageFiles.Format.RPL ? "Lispix RPL/RAW" : "Arrow IPC");
    }
    o.put("kind", "spectrum image");
    ArrayNode shape = o.putArray("shape");
    shape.add(si.height()).add(si.width()).add(si.channels());
    ArrayNode axes = o.putArray("axes");
    pixelAxis(axes.addObject(), "y", si.height(), si.pixelSizeM());
    pixelAxis(axes.addObject(), "x", si.width(), si.pixelSizeM());
    energy(axes.addObject(), si.channels(), si.axis().offsetEv(), si.axis().gainEvPerChannel());
    o.put("beamEnergyKeV", si.beamEnergyKeV());
    o.put("liveTimePerPixelS", si.liveTimePerPixelS());
    double total = 0;
    for (float v : si.data()) {
      total += v;
    }
    o.put("totalCounts", total);
    return o;
  }

  private static void energy(ObjectNode a, int n, double offsetEv, double gainEv) {
    a.put("name", "Energy");
    a.put("size", n);
    a.put("offset", offsetEv);
    a.put("scale", gainEv);
    a.put("units", "eV");
  }

  private static void pixelAxis(ObjectNode a, String name, int n, double pixelSizeM) {
    a.put("name", name);
    a.put("size", n);
    boolean cal = Double.isFinite(pixelSizeM) && pixelSizeM > 0;
    a.put("offset", 0.0);
    a.put("scale", cal ? pixelSizeM * 1e6 : 1.0);
    a.put("units", cal ? "um" : "px");
  }

  private static void print(ObjectNode o, String indent) {
    o.properties().forEach(e -> {
      if (e.getValue().isArray() && e.getValue().size() > 0 && e.getValue().get(0).isObject()) {
        System.out.println(indent + e.getKey() + ":");
        for (var item : e.getValue()) {
          StringBuilder sb = new StringBuilder();
          item.properties().forEach(f -> sb.append(f.getKey()).append('=')
              .append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString())
              .append(' '));
          System.out.println(indent + "  " + sb.toString().strip());
        }
      } else {
        System.out.println(indent + e.getKey() + ": "
            + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      }
    });
  }
}
