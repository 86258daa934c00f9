package io.alloyflow.eds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eds maps SI.rpl --elements Fe,Cr,Ni [--fwhm EV] --out DIR}: elemental net-count maps
 * ({@code maps/EL.png}, {@code maps.arrow}, {@code maps.json}); the same path as {@code POST
 * /v1/eds/maps} ({@link ElementMaps}).
 */
@Command(name = "maps", mixinStandardHelpOptions = true,
    description = "Elemental net-count maps of a spectrum image (per-pixel filter fit).")
public final class MapsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SI.rpl",
      description = "Lispix RPL spectrum image (with its RAW), or an Arrow IPC cube (.arrow)")
  Path cube;

  @Option(names = "--elements", split = ",", required = true, paramLabel = "EL",
      description = "elements to map, e.g. Fe,Cr,Ni")
  List<String> elements;

  @Option(names = "--fwhm", paramLabel = "EV", description = "detector FWHM at Mn Ka (default: estimated)")
  Double fwhm;

  @Option(names = "--out", required = true, paramLabel = "DIR")
  Path out;

  @Override
  public Integer call() {
    ElementMaps.Result r;
    try {
      SpectrumImage si = Denoising.readCube(cube);
      List<String> els = ElementMaps.elements(elements, si, "--elements");
      r = ElementMaps.compute(si, els, fwhm == null ? Double.NaN : fwhm);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("eds maps: " + EdsCommand.oneLine(e));
      return EdsCommand.BAD_INPUT;
    }
    try {
      ElementMaps.write(r, out);
      ObjectMapper om = new ObjectMapper();
      ObjectNode root = om.createObjectNode();
      root.put("width", r.width());
      root.put("height", r.height());
      root.put("detectorFwhmMnKaEv", r.fwhmMnKaEv());
      ObjectNode els = root.putObject("elements");
      for (String el : r.elements()) {
        ObjectNode o = els.putObject(el);
        o.put("family", r.families().get(el));
        o.put("totalNetCounts", r.totals().get(el));
        o.put("snr", r.snr().get(el));
      }
      om.writerWithDefaultPrettyPrinter().writeValue(out.resolve("maps.json").toFile(), root);
      for (String el : r.elements()) {
        System.out.printf("  %-2s %s  net %.0f  SNR %.2f%n", el, r.families().get(el),
            r.totals().get(el), r.snr().get(el));
      }
      System.out.println("maps in " + out);
      return 0;
    } catch (IOException e) {
      System.err.println("eds maps: cannot write output: " + EdsCommand.oneLine(e));
      return 1;
    }
  }
}
