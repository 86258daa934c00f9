package io.alloyflow.eds.http;

import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.EdsAnalyzer;
import io.alloyflow.eds.cli.QuantifyCommand;
import io.alloyflow.eds.quant.OxygenMode;
import io.alloyflow.eds.quant.QuantOptions;
import io.alloyflow.eds.quant.Quantification;
import io.micronaut.http.HttpRequest;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Post;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Stateless EDS endpoints. */
@OpenAPIDefinition(info = @Info(title = "alloyflow-eds", version = "0.1", description = "EDS identification and standards-based quantification"))
@Controller("/v1/eds")
public class EdsController {

  /** Calibrates and identifies the elements of an EMSA spectrum (request body: the file's text). */
  @Post(uri = "/identify", produces = MediaType.APPLICATION_JSON)
  @Consumes({MediaType.TEXT_PLAIN, "application/x-emsa", MediaType.APPLICATION_OCTET_STREAM})
  public Map<String, Object> identify(@Body String emsa) throws IOException {
    Spectrum s = parse(emsa, "request body");
    EdsAnalyzer.CalibratedSpectrum cal = EdsAnalyzer.calibrate(s);
    List<Map<String, Object>> elements = new ArrayList<>();
    for (EdsAnalyzer.IdentifiedElement e : EdsAnalyzer.identify(cal.spectrum())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symbol", e.symbol());
      m.put("family", e.family());
      m.put("energyEv", e.energyEv());
      m.put("netCounts", e.netCounts());
      m.put("netCountsSigma", e.netCountsSigma());
      m.put("confidence", e.confidence());
      m.put("warnings", e.overlapWarnings());
      elements.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("calibration", Map.of("offsetEv", cal.offsetEv(), "gainEvPerChannel", cal.gainEv(),
        "residualEv", cal.residualEv()));
    out.put("elements", elements);
    return out;
  }

  /**
   * Quantifies against standards. Body: {@code {"unknown": "<EMSA text>", "standards": {"Mg":
   * "<EMSA text>", ...}, "compositions": {"Mg": {"Mg": 0.603, "O": 0.397}}, "oxygen":
   * "stoichiometry"|"measured"}}; compositions default to each standard's {@code ##D2STDCMP}.
   */
  @Post(uri = "/quantify", produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  @SuppressWarnings("unchecked")
  public String quantify(@Body Map<String, Object> body) throws IOException {
    if (!(body.get("unknown") instanceof String unknownText)) {
      throw new IllegalArgumentException("field 'unknown' (EMSA text of the unknown) is required");
    }
    if (!(body.get("standards") instanceof Map<?, ?> stds) || stds.isEmpty()) {
      throw new IllegalArgumentException(
          "field 'standards' (element -> EMSA text of its standard) is required");
    }
    Spectrum unknown = parse(unknownText, "unknown");
    Map<String, Spectrum> standards = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : stds.entrySet()) {
      if (!(e.getValue() instanceof String text)) {
        throw new IllegalArgumentException("standard for " + e.getKey() + " must be EMSA text");
      }
      standards.put(String.valueOf(e.getKey()), parse(text, "standard " + e.getKey()));
    }
    Map<String, Map<String, Double>> compositions = new LinkedHashMap<>();
    if (body.get("compositions") instanceof Map<?, ?> comps) {
      for (Map.Entry<?, ?> e : comps.entrySet()) {
        Map<String, Double> c = new LinkedHashMap<>();
        ((Map<String, Object>) e.getValue()).forEach((el, f) -> c.put(el, ((Number) f).doubleValue()));
        compositions.put(String.valueOf(e.getKey()), c);
      }
    }
    String oxygen = String.valueOf(body.getOrDefault("oxygen", "measured")).toLowerCase(Locale.ROOT);
    OxygenMode mode = switch (oxygen) {
      case "stoichiometry" -> OxygenMode.STOICHIOMETRY;
      case "measured" -> OxygenMode.MEASURED;
      default -> throw new IllegalArgumentException(
          "oxygen must be 'stoichiometry' or 'measured', found '" + oxygen + "'");
    };
    Quantification q = EdsAnalyzer.quantify(unknown, standards, compositions,
        QuantOptions.defaults().withOxygen(mode));
    return QuantifyCommand.toJson(q).toString();
  }

  @Error(exception = IllegalArgumentException.class)
  public HttpResponse<Map<String, String>> badInput(HttpRequest<?> request, IllegalArgumentException e) {
    return HttpResponse.<Map<String, String>>badRequest().body(Map.of("error", e.getMessage()));
  }

  @Error(exception = FormatException.class)
  public HttpResponse<Map<String, String>> badFile(HttpRequest<?> request, FormatException e) {
    return HttpResponse.<Map<String, String>>badRequest().body(Map.of("error", e.getMessage()));
  }

  private static Spectrum parse(String text, String what) throws IOException {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " is empty: expected an EMSA/MAS spectrum");
    }
    return EmsaIO.read(text, what);
  }
}
