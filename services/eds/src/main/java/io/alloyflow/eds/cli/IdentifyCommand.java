package io.alloyflow.eds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.EdsAnalyzer;
import io.alloyflow.eds.io.EmsaReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eds identify FILE.msa}: elements with confidence. */
@Command(name = "identify", mixinStandardHelpOptions = true,
    description = "Identify the elements of an EMSA spectrum (with confidence and overlaps).")
public final class IdentifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.msa", description = "EMSA spectrum")
  Path file;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--elements", split = ",", paramLabel = "EL",
      description = "elements to look for (e.g. Ti,V,Co): accepted at 3 sigma, and a minimum"
          + " detectable mass fraction (Currie 1968) is reported for each one not found")
  List<String> asked = List.of();

  /** JSON array of detection limits (shared with {@code POST /v1/eds/identify}). */
  public static ArrayNode limitsJson(List<io.alloyflow.eds.identify.DetectionLimit> limits) {
    ArrayNode arr = new ObjectMapper().createArrayNode();
    for (var d : limits) {
      ObjectNode o = arr.addObject();
      o.put("symbol", d.symbol());
      o.put("family", d.family());
      o.put("energyEv", d.energyEv());
      o.put("sigmaNetCounts", d.sigmaNetCounts());
      o.put("detectableNetCounts", d.detectableNetCounts());
      o.put("minimumDetectableMassFraction", d.massFraction());
      if (!d.note().isEmpty()) {
        o.put("note", d.note());
      }
    }
    return arr;
  }

  /** The JSON array of identified elements (shared with {@code POST /v1/eds/identify}). */
  public static ArrayNode toJson(List<EdsAnalyzer.IdentifiedElement> els) {
    ArrayNode arr = new ObjectMapper().createArrayNode();
    for (var e : els) {
      ObjectNode o = arr.addObject();
      o.put("symbol", e.symbol());
      o.put("family", e.family());
      o.put("energyEv", e.energyEv());
      o.put("netCounts", e.netCounts());
      o.put("netCountsSigma", e.netCountsSigma());
      o.put("confidence", e.confidence());
      ArrayNode w = o.putArray("overlapWarnings");
      e.overlapWarnings().forEach(w::add);
    }
    return arr;
  }

  @Override
  public Integer call() {
    Spectrum s;
    List<EdsAnalyzer.IdentifiedElement> els;
    List<io.alloyflow.eds.identify.DetectionLimit> limits;
    try {
      s = EmsaReader.read(file);
      var id = EdsAnalyzer.identification(s, asked);
      els = id.elements().stream().map(EdsAnalyzer::toElement).toList();
      limits = id.detectionLimits();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("eds identify: " + EdsCommand.oneLine(e));
      return EdsCommand.BAD_INPUT;
    }
    if (json) {
      if (asked.isEmpty()) {
        System.out.println(toJson(els).toPrettyString());
      } else {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.set("elements", toJson(els));
        o.set("detectionLimits", limitsJson(limits));
        System.out.println(o.toPrettyString());
      }
    } else {
      System.out.printf("%-4s %-3s %9s %12s %10s %6s  %s%n", "El", "Fam", "E (eV)", "net",
          "sigma", "conf", "warnings");
      for (var e : els) {
        System.out.printf("%-4s %-3s %9.0f %12.0f %10.0f %6.2f  %s%n", e.symbol(), e.family(),
            e.energyEv(), e.netCounts(), e.netCountsSigma(), e.confidence(),
            String.join("; ", e.overlapWarnings()));
      }
      if (!limits.isEmpty()) {
        System.out.println("not found (minimum detectable mass fraction, Currie 1968):");
        for (var d : limits) {
          if (Double.isNaN(d.massFraction())) {
            System.out.printf("%-4s %-3s  %s%n", d.symbol(), d.family(), d.note());
          } else {
            System.out.printf("%-4s %-3s %9.0f  MDL %.3f wt%%  (L_D %.0f net counts)%n",
                d.symbol(), d.family(), d.energyEv(), 100 * d.massFraction(),
                d.detectableNetCounts());
          }
        }
      }
    }
    return 0;
  }
}
