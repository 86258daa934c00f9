package io.alloyflow.fusion.inclusions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.spectrum.EnergyAxis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inclusion pipeline after detection, shared by the CLI, the HTTP API and the throughput
 * bench: quantifies each particle's spectrum ({@link SpotQuantifier}), classifies it by the rule
 * set ({@link RuleSet}) and builds the cleanliness report ({@link CleanlinessReport}) and the
 * per-particle table. Particles without a spectrum stay {@code unclassified} (source BSE).
 */
public final class InclusionAnalysis {
  /** Elements quantified in every particle (Fe is the matrix: reported as its share only). */
  public static final List<String> ELEMENTS =
      List.of("O", "N", "Mg", "Al", "S", "Ca", "Ti", "Mn", "Fe");

  private InclusionAnalysis() {}

  /** One particle with its class, where the class came from (EDS or BSE) and its composition. */
  public record Classified(Particle particle, String className, String source,
      Map<String, Double> composition) {
    public Classified {
      if (particle == null || className == null || source == null || composition == null) {
        throw new IllegalArgumentException("particle, className, source and composition are"
            + " required");
      }
    }
  }

  /**
   * The analysis of one field.
   *
   * @param particles classified particles, in detection order
   * @param cleanliness the cleanliness report (or a count and a note when the pixel size is
   *     unknown)
   * @param ternaryPoints the EDS-classified particles as ternary-diagram points
   */
  public record Result(List<Classified> particles, Map<String, Object> cleanliness,
      List<Ternary.Point> ternaryPoints) {
    public Result {
      particles = List.copyOf(particles);
      ternaryPoints = List.copyOf(ternaryPoints);
    }
  }

  /**
   * Quantifies and classifies detected particles.
   *
   * @param bse the BSE image the particles were detected in (its pixel size sets the areas)
   * @param particles the detected particles
   * @param spectra per particle its spectrum (counts), a null entry or a null array when none
   * @param axis the energy axis of the spectra (needed when any spectrum is present)
   * @param liveTimeS live time of each spectrum (s)
   * @param rules the rule set
   * @param quantifier the quantifier
   */
  public static Result classify(Micrograph bse, List<Particle> particles, double[][] spectra,
      EnergyAxis axis, double liveTimeS, RuleSet rules, SpotQuantifier quantifier) {
    if (spectra != null && spectra.length != particles.size()) {
      throw new IllegalArgumentException("expected one spectrum slot per particle ("
          + particles.size() + "), found " + spectra.length);
    }
    if (spectra != null && axis == null) {
      throw new IllegalArgumentException("spectra given without their energy axis");
    }
    double px2um = bse.hasPixelSize() ? bse.pixelSizeUm() : Double.NaN;
    List<Classified> out = new ArrayList<>(particles.size());
    List<CleanlinessReport.Entry> entries = new ArrayList<>(particles.size());
    List<Ternary.Point> points = new ArrayList<>();
    for (int k = 0; k < particles.size(); k++) {
      Particle p = particles.get(k);
      String cls = "unclassified";
      String source = "BSE";
      Map<String, Double> comp = Map.of();
      if (spectra != null && spectra[k] != null) {
        comp = quantifier.quantify(spectra[k], axis, liveTimeS);
        cls = rules.classify(comp);
        source = "EDS";
        points.add(new Ternary.Point(cls, comp));
      }
      out.add(new Classified(p, cls, source, comp));
      entries.add(new CleanlinessReport.Entry(cls, p.ecdM() * 1e6, p.areaPx() * px2um * px2um));
    }
    double areaMm2 = bse.width() * bse.height() * px2um * px2um * 1e-6;
    Map<String, Object> clean = Double.isFinite(areaMm2) && areaMm2 > 0
        ? CleanlinessReport.build(entries, areaMm2)
        : Map.of("particles", entries.size(), "note", "pixel size unknown: no per-area values");
    return new Result(out, clean, points);
  }

  /** The per-particle CSV: position, size, shape, class, source and composition (wt %). */
  public static String particlesCsv(Result r) {
    StringBuilder csv = new StringBuilder("id,x_px,y_px,area_px,ecd_um,aspect,class,source");
    for (String e : ELEMENTS) {
      csv.append(',').append(e.equals("Fe") ? "Fe_share" : e + "_wt");
    }
    csv.append('\n');
    for (Classified c : r.particles()) {
      Particle p = c.particle();
      csv.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%d,%.3f,%.3f,%s,%s", p.id(), p.cx(),
          p.cy(), p.areaPx(), p.ecdM() * 1e6, p.aspect(), c.className(), c.source()));
      for (String e : ELEMENTS) {
        Double v = c.composition().get(e.equals("Fe") ? "Fe_share" : e);
        csv.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.3f", v));
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** The rule set's identity for reports: name, version, SHA-256 and where it came from. */
  public static Map<String, Object> ruleSetJson(RuleSet rs, String source) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", rs.name());
    m.put("version", rs.version());
    m.put("sha256", rs.sha256());
    m.put("source", source);
    return m;
  }

  /** The built-in sensitivity factors (simulated standards of the default synthetic detector). */
  public static Map<String, Double> defaultFactors() {
    try (InputStream in = RuleSet.class.getResourceAsStream("default-factors.json")) {
      return factors(new ObjectMapper().readTree(in), "built-in factors");
    } catch (IOException e) {
      throw new UncheckedIOException("built-in sensitivity factors unreadable", e);
    }
  }

  /**
   * Sensitivity factors from a JSON document {@code {"factors": {"O": .., ...}}}.
   *
   * @param n the parsed document
   * @param where where it came from, for error messages
   */
  public static Map<String, Double> factors(JsonNode n, String where) {
    JsonNode f = n == null ? null : n.get("factors");
    if (f == null || !f.isObject()) {
      throw new IllegalArgumentException(where
          + ": expected an object 'factors' of element -> sensitivity factor");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    var it = f.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isNumber() || !(e.getValue().asDouble() > 0)) {
        throw new IllegalArgumentException(where + ": factor of " + e.getKey()
            + " must be a positive number, found " + e.getValue());
      }
      m.put(e.getKey(), e.getValue().asDouble());
    }
    return m;
  }
}
