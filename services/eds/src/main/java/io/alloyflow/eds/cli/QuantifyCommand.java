package io.alloyflow.eds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.EdsAnalyzer;
import io.alloyflow.eds.io.EmsaReader;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.quant.ElementQuant;
import io.alloyflow.eds.quant.OxideQuant;
import io.alloyflow.eds.quant.OxygenMode;
import io.alloyflow.eds.quant.QuantOptions;
import io.alloyflow.eds.quant.Quantification;
import io.alloyflow.eds.quant.StandardlessQuantifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eds quantify --unknown FILE --standard EL=FILE ... [--elements ...] [--oxygen
 * stoichiometry|measured] [--standardless] [--json]}. With {@code --standardless}, elements
 * without a standard are quantified by {@link StandardlessQuantifier} and flagged.
 */
@Command(name = "quantify", mixinStandardHelpOptions = true,
    description = "Quantify an EMSA spectrum against standards (top-hat filter fit, then the"
        + " PAP or XPP phi(rho z) matrix correction; PAP by default). Standards measured at"
        + " another energy calibration are resampled onto the unknown's axis.")
public final class QuantifyCommand implements Callable<Integer> {
  @Option(names = "--unknown", required = true, paramLabel = "FILE", description = "unknown EMSA")
  Path unknown;

  @Option(names = "--standard", paramLabel = "EL=FILE",
      description = "standard spectrum for an element (repeatable)")
  Map<String, Path> standards = new LinkedHashMap<>();

  @Option(names = "--composition", paramLabel = "EL=El:wt%,El:wt%",
      description = "composition of an element's standard, when its file has no ##D2STDCMP")
  Map<String, String> compositions = new LinkedHashMap<>();

  @Option(names = "--elements", split = ",", paramLabel = "EL",
      description = "elements to quantify (default: all with standards)")
  List<String> elements;

  @Option(names = "--oxygen", defaultValue = "measured", paramLabel = "stoichiometry|measured",
      description = "oxygen measured against a standard (default, as in the API's"
          + " QuantOptions.defaults()) or computed by stoichiometry from the cations' valences"
          + " (use it for oxides and glasses)")
  String oxygen;

  @Option(names = "--fwhm", paramLabel = "EV", description = "detector FWHM at Mn Ka (default: fitted)")
  Double fwhm;

  @Option(names = "--fluorescence",
      description = "apply the characteristic fluorescence correction (Reed 1965)")
  boolean fluorescence;

  @Option(names = "--continuum-fluorescence", defaultValue = "on", paramLabel = "on|off",
      description = "correct for fluorescence by the continuum (Henoc 1968; default on)")
  String continuumFluorescence;

  @Option(names = "--matrix-correction", defaultValue = "pap", paramLabel = "pap|xpp",
      description = "phi(rho z) matrix correction: PAP (default) or XPP (Pouchou & Pichoir 1991)")
  String matrixCorrection;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--standardless",
      description = "quantify elements that have no --standard from first principles (Casnati"
          + " cross-sections, xraylib, XPP, fitted detector window), normalised to 100 %%; such"
          + " elements are flagged \"standardless\": true and a warning is printed")
  boolean standardless;

  @Option(names = "--live-time", paramLabel = "S",
      description = "live time in seconds for spectra whose file has none (#LIVETIME)")
  Double liveTime;

  @Option(names = "--normalise",
      description = "for spectra without a live time: report results normalised to 100 %%, the"
          + " analytical total flagged unavailable")
  boolean normalise;

  @Override
  public Integer call() {
    Quantification q;
    Set<String> flagged = Set.of();
    StandardlessQuantifier.Result sr = null;
    try {
      OxygenMode mode = switch (oxygen.toLowerCase(Locale.ROOT)) {
        case "stoichiometry" -> OxygenMode.STOICHIOMETRY;
        case "measured" -> OxygenMode.MEASURED;
        default -> throw new IllegalArgumentException(
            "--oxygen must be 'stoichiometry' or 'measured', found '" + oxygen + "'");
      };
      if (elements == null && standards.isEmpty()) {
        throw new IllegalArgumentException(
            "nothing to quantify: give --standard EL=FILE.msa, or --elements with --standardless");
      }
      Spectrum unk = EmsaReader.read(unknown);
      Map<String, Spectrum> std = new LinkedHashMap<>();
      Map<String, Spectrum> cache = new LinkedHashMap<>();
      List<String> wanted = elements == null ? new ArrayList<>(standards.keySet()) : elements;
      List<String> missing = new ArrayList<>();
      for (String el : wanted) {
        XrayData.z(el);
        if (el.equals("O") && mode == OxygenMode.STOICHIOMETRY && !standards.containsKey("O")) {
          continue;
        }
        Path p = standards.get(el);
        if (p == null) {
          if (!standardless) {
            throw new IllegalArgumentException("element " + el + " has no standard: add --standard "
                + el + "=FILE.msa" + (el.equals("O") ? " or use --oxygen stoichiometry" : "")
                + ", or --standardless to compute it from first principles");
          }
          missing.add(el);
          continue;
        }
        Spectrum s = cache.get(p.toString());
        if (s == null) {
          s = EmsaReader.read(p);
          cache.put(p.toString(), s);
        }
        std.put(el, s);
      }
      Map<String, Map<String, Double>> comps = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : compositions.entrySet()) {
        comps.put(e.getKey(), parseComposition(e.getKey(), e.getValue()));
      }
      if (!continuumFluorescence.equals("on") && !continuumFluorescence.equals("off")) {
        throw new IllegalArgumentException(
            "--continuum-fluorescence must be 'on' or 'off', found '" + continuumFluorescence + "'");
      }
      QuantOptions opt = QuantOptions.defaults().withOxygen(mode).withFluorescence(fluorescence)
          .withContinuumFluorescence(continuumFluorescence.equals("on"))
          .withMatrixCorrection(MatrixCorrections.parse("--matrix-correction", matrixCorrection));
      if (fwhm != null) {
        opt = opt.withResolution(fwhm);
      }
      Map<String, Spectrum> all = new LinkedHashMap<>();
      all.put("unknown", unk);
      std.forEach((el, sp) -> all.put("standard for " + el, sp));
      List<String> placeholder = io.alloyflow.eds.quant.LiveTime.apply(all,
          liveTime == null ? Double.NaN : liveTime, normalise);
      unk = all.get("unknown");
      for (String el : new ArrayList<>(std.keySet())) {
        std.put(el, all.get("standard for " + el));
      }
      if (missing.isEmpty()) {
        q = EdsAnalyzer.quantify(unk, std, comps, opt);
        if (!placeholder.isEmpty()) {
          q = io.alloyflow.eds.quant.LiveTime.normalised(q, placeholder);
        }
      } else {
        sr = StandardlessQuantifier.quantify(unk, wanted, std, comps, opt);
        q = sr.quantification();
        flagged = sr.standardless();
        System.err.println("eds quantify: WARNING: " + String.join(", ", flagged)
            + " quantified STANDARDLESS (first principles, result normalised to 100 %):"
            + " expect 10-25 % relative error");
      }
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("eds quantify: " + EdsCommand.oneLine(e));
      return EdsCommand.BAD_INPUT;
    }
    if (json) {
      System.out.println(toJson(sr != null ? sr : null, q, flagged).toPrettyString());
    } else {
      System.out.printf("%-3s %-3s %9s %9s %9s %9s %9s%n", "El", "Fam", "k", "k sigma", "wt%",
          "sigma", "at%");
      for (ElementQuant e : q.elements().values()) {
        System.out.printf("%-3s %-3s %9.4f %9.4f %9.3f %9.3f %9.3f%s%n", e.symbol(), e.family(),
            e.kRatio(), e.kRatioSigma(), 100 * e.massFraction(), 100 * e.massFractionSigma(),
            100 * e.atomFraction(), e.byStoichiometry() ? "  (stoichiometry)"
                : flagged.contains(e.symbol()) ? "  (STANDARDLESS)" : "");
      }
      for (OxideQuant o : q.oxides()) {
        System.out.printf("    %-8s %9.3f +- %.3f wt%%%n", o.formula(), 100 * o.massFraction(),
            100 * o.massFractionSigma());
      }
      if (Double.isNaN(q.analyticalTotal())) {
        System.out.println("analytical total unavailable (results normalised to 100 %)");
      } else {
        System.out.printf("analytical total %.3f +- %.3f wt%%%n", 100 * q.analyticalTotal(),
          100 * q.analyticalTotalSigma());
      }
      q.warnings().forEach(w -> System.out.println("warning: " + w));
    }
    return 0;
  }

  static Map<String, Double> parseComposition(String el, String spec) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.split(":");
      if (kv.length != 2) {
        throw new IllegalArgumentException("--composition " + el + "=" + spec
            + ": expected El:wt% pairs separated by commas, found '" + part + "'");
      }
      XrayData.z(kv[0].strip());
      double v;
      try {
        v = Double.parseDouble(kv[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--composition " + el + ": '" + kv[1]
            + "' is not a number");
      }
      if (!(v > 0 && v <= 100)) {
        throw new IllegalArgumentException("--composition " + el + ": wt% must be in (0,100], found "
            + v);
      }
      m.put(kv[0].strip(), v / 100.0);
    }
    return m;
  }

  /** The JSON document of a standardless result (with the window and pre-normalisation total). */
  public static ObjectNode toJson(StandardlessQuantifier.Result r) {
    return toJson(r, r.quantification(), r.standardless());
  }

  private static ObjectNode toJson(
      StandardlessQuantifier.Result r, Quantification q, Set<String> flagged) {
    ObjectNode root = toJson(q, flagged);
    if (r != null) {
      ObjectNode s = root.putObject("standardlessModel");
      putNum(s, "totalBeforeNormalisation", r.totalBeforeNormalisation());
      s.put("windowCarbonGcm2", r.windowCarbonGcm2());
      s.put("modelSigmaRelative", StandardlessQuantifier.MODEL_SIGMA);
      ObjectNode f = s.putObject("instrumentFactors");
      r.instrumentFactors().forEach(f::put);
    }
    return root;
  }

  /** The JSON document of a quantification with standards ({@code "standardless": false}). */
  public static ObjectNode toJson(Quantification q) {
    return toJson(q, Set.of());
  }

  /**
   * The JSON document of a quantification; elements in {@code standardless} are flagged {@code
   * "standardless": true}, and the root says whether the result was normalised to 100 %.
   */
  public static ObjectNode toJson(Quantification q, Set<String> standardless) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    ObjectNode els = root.putObject("elements");
    for (ElementQuant e : q.elements().values()) {
      ObjectNode o = els.putObject(e.symbol());
      putNum(o, "kRatio", e.kRatio());
      putNum(o, "kRatioSigma", e.kRatioSigma());
      o.put("massFraction", e.massFraction());
      o.put("massFractionSigma", e.massFractionSigma());
      o.put("atomFraction", e.atomFraction());
      o.put("atomFractionSigma", e.atomFractionSigma());
      o.put("family", e.family());
      o.put("byStoichiometry", e.byStoichiometry());
      o.put("standardless", standardless.contains(e.symbol()));
    }
    root.put("normalised", !standardless.isEmpty());
    if (Double.isNaN(q.analyticalTotal())) {
      root.putNull("analyticalTotal"); // unavailable: results normalised without a live time
      root.putNull("analyticalTotalSigma");
    } else {
      root.put("analyticalTotal", q.analyticalTotal());
      root.put("analyticalTotalSigma", q.analyticalTotalSigma());
    }
    ArrayNode ox = root.putArray("oxides");
    for (OxideQuant o : q.oxides()) {
      ObjectNode n = ox.addObject();
      n.put("formula", o.formula());
      n.put("massFraction", o.massFraction());
      n.put("massFractionSigma", o.massFractionSigma());
    }
    ArrayNode w = root.putArray("warnings");
    q.warnings().forEach(w::add);
    ObjectNode alg = root.putObject("algorithm");
    alg.put("name", q.algorithm().name());
    alg.put("version", q.algorithm().version());
    alg.put("reference", q.algorithm().reference());
    return root;
  }

  private static void putNum(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }
}
