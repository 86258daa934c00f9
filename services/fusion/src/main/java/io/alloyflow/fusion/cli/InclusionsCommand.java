package io.alloyflow.fusion.cli;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.inclusions.InclusionAnalysis;
import io.alloyflow.fusion.inclusions.Particle;
import io.alloyflow.fusion.inclusions.ParticleDetector;
import io.alloyflow.fusion.inclusions.ParticleSpectra;
import io.alloyflow.fusion.inclusions.RuleSet;
import io.alloyflow.fusion.inclusions.SpotQuantifier;
import io.alloyflow.fusion.inclusions.Ternary;
import io.alloyflow.fusion.registration.RegistrationResult;
import io.alloyflow.fusion.registration.SemEdsRegistration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inclusions --bse IMG [--si SI | --spots DIR] [--rules FILE] [--factors FILE] --out DIR}:
 * detects particles in the BSE image, takes each particle's spectrum from the spectrum image
 * (registered to the BSE image) or from spot spectra ({@code DIR/spots.csv} with columns
 * {@code file,x,y}: an EMSA file and its BSE pixel position), quantifies, classifies with the
 * rule set and writes report.json (rule set name, version and SHA-256, cleanliness table),
 * particles.csv and the ternary diagrams Al2O3-CaO-MgO and MnS-Al2O3-CaO. Without EDS input
 * the particles are detected and measured but not classified. An image without particles gives
 * an explicit empty report.
 */
@Command(name = "inclusions", mixinStandardHelpOptions = true,
    description = "Steel inclusion analysis: BSE particle detection, EDS classification by rule"
        + " set, cleanliness report and ternary diagrams.")
public final class InclusionsCommand implements Callable<Integer> {
  static final List<String> ELEMENTS = InclusionAnalysis.ELEMENTS;

  @Option(names = "--bse", required = true, paramLabel = "IMG") Path bse;

  static final class Eds {
    @Option(names = "--si", paramLabel = "SI", description = "spectrum image (.rpl, .bcf, .hspy or .arrow)")
    Path si;
    @Option(names = "--spots", paramLabel = "DIR",
        description = "folder with spots.csv (file,x,y) and the EMSA spot spectra") Path spots;
  }

  @ArgGroup(exclusive = true) Eds eds;
  @Option(names = "--rules", paramLabel = "FILE",
      description = "rule set file (default: the built-in steel-inclusions rules)") Path rules;
  @Option(names = "--factors", paramLabel = "FILE",
      description = "sensitivity factors JSON ({\"factors\": {\"O\": ..}}); default: built in")
  Path factors;
  @Option(names = "--pixel-size-um", defaultValue = "0") double pixelSizeUm;
  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Override
  public Integer call() throws IOException {
    Micrograph img;
    RuleSet rs;
    SpotQuantifier q;
    List<Particle> ps;
    try {
      img = CliSupport.readImage(bse, pixelSizeUm);
      rs = rules == null ? RuleSet.builtIn()
          : RuleSet.parse(Files.readString(rules, StandardCharsets.UTF_8), rules.toString());
      q = new SpotQuantifier(ELEMENTS, readFactors(factors));
      ps = ParticleDetector.detect(img, ParticleDetector.Options.defaults());
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("inclusions: " + CliSupport.oneLine(e));
      return CliSupport.BAD_INPUT;
    }
    double[][] spectra = null;
    EnergyAxis axis = null;
    double live = 1;
    Map<String, Object> registration = null;
    try {
      if (eds != null && eds.si != null) {
        SpectrumImage si = CliSupport.readSpectrumImage(eds.si, 0);
        RegistrationResult r = SemEdsRegistration.register(img, si,
            SemEdsRegistration.Options.defaults());
        registration = r.toJson();
        spectra = ParticleSpectra.of(ps, si, r.semToEds(), img.width());
        axis = si.axis();
        live = Double.isFinite(si.liveTimePerPixelS()) ? si.liveTimePerPixelS() : 1;
      } else if (eds != null && eds.spots != null) {
        spectra = new double[ps.size()][];
        Path csv = eds.spots.resolve("spots.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
          String[] f = lines.get(i).split(",");
          if (f.length < 3) {
            throw new IllegalArgumentException(csv + ", line " + (i + 1)
                + ": expected 'file,x,y'");
          }
          Spectrum s = EmsaIO.read(eds.spots.resolve(f[0].strip()));
          int x = (int) Math.floor(Double.parseDouble(f[1].strip()));
          int y = (int) Math.floor(Double.parseDouble(f[2].strip()));
          int px = y * img.width() + x;
          for (int k = 0; k < ps.size(); k++) {
            if (java.util.Arrays.binarySearch(ps.get(k).pixels(), px) >= 0) {
              spectra[k] = s.counts();
              axis = s.axis();
              live = s.liveTimeS() > 0 ? s.liveTimeS() : 1;
            }
          }
        }
      }
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("inclusions: " + CliSupport.oneLine(e));
      return CliSupport.BAD_INPUT;
    }
    Files.createDirectories(out);
    InclusionAnalysis.Result result;
    try {
      result = InclusionAnalysis.classify(img, ps, spectra, axis, live, rs, q);
    } catch (IllegalArgumentException e) {
      System.err.println("inclusions: " + CliSupport.oneLine(e));
      return CliSupport.BAD_INPUT;
    }
    Files.writeString(out.resolve("particles.csv"), InclusionAnalysis.particlesCsv(result));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("ruleSet", InclusionAnalysis.ruleSetJson(rs,
        rules == null ? "builtin" : rules.toString()));
    report.put("edsSource", eds == null ? "none" : eds.si != null ? "spectrum image"
        : "spot spectra");
    if (registration != null) {
      report.put("registration", registration);
    }
    if (ps.isEmpty()) {
      report.put("note", "no particles detected in the BSE image");
    }
    report.put("cleanliness", result.cleanliness());
    CliSupport.JSON.writeValue(out.resolve("report.json").toFile(), report);
    Ternary.write(result.ternaryPoints(), List.of("Al2O3", "CaO", "MgO"),
        out.resolve("ternary-Al2O3-CaO-MgO.png"));
    Ternary.write(result.ternaryPoints(), List.of("MnS", "Al2O3", "CaO"),
        out.resolve("ternary-MnS-Al2O3-CaO.png"));
    System.out.printf(Locale.ROOT, "%d particles (%s), rule set %s %s; output in %s%n",
        ps.size(), spectra == null ? "no EDS: not classified" : "classified", rs.name(),
        rs.version(), out);
    return 0;
  }

  static Map<String, Double> readFactors(Path file) throws IOException {
    if (file == null) {
      return InclusionAnalysis.defaultFactors();
    }
    return InclusionAnalysis.factors(CliSupport.JSON.readTree(file.toFile()), file.toString());
  }
}
