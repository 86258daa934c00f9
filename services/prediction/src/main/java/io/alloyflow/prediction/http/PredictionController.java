package io.alloyflow.prediction.http;

import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.Composition;
import io.alloyflow.prediction.features.ElementData;
import io.alloyflow.prediction.features.HardnessFeatures;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.Predictor;
import io.alloyflow.prediction.trained.Training;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/predict/{property}}: a batch of candidate alloys in, per candidate the mean,
 * standard deviations (model, input, combined), the 95 % interval and Shapley values out, with the
 * model version that made them. Candidates that cannot be used get an {@code error} and the rest
 * are still predicted. Same code path as {@code alloyflow predict}.
 */
@io.swagger.v3.oas.annotations.OpenAPIDefinition(info = @io.swagger.v3.oas.annotations.info.Info(
    title = "alloyflow-prediction", version = "0.1",
    description = "Property prediction of candidate alloys: mean, calibrated uncertainty, 95 % interval and exact Shapley values"))
@Controller("/v1/predict")
public class PredictionController {
  /** Largest batch accepted. */
  public static final int MAX_CANDIDATES = 10_000;

  private final ModelRegistry registry;

  @Inject
  public PredictionController(@Nullable ModelRegistry registry) {
    this.registry = registry != null ? registry : ModelRegistry.openDefault();
  }

  /**
   * One candidate.
   *
   * @param formula element-amount pairs (e.g. {@code Al0.5 Co1 Cr1 Fe1 Ni1}), or null when
   *     {@code composition} is given
   * @param composition element to atomic amount (normalised), or null
   * @param sigma element to standard uncertainty of its atomic fraction, or null
   * @param processing processing route, or null
   * @param phases observed phases (e.g. {@code FCC+BCC}), or null
   * @param testTemperatureC test temperature, or null for room temperature
   */
  @Introspected
  public record Candidate(
      @Nullable String formula, @Nullable Map<String, Double> composition,
      @Nullable Map<String, Double> sigma, @Nullable String processing, @Nullable String phases,
      @Nullable Double testTemperatureC) {}

  /**
   * A batch request.
   *
   * @param candidates the candidates (1 to 10,000)
   * @param model model reference (shipped name or registered version); null for the current one
   * @param explain compute Shapley values (default true)
   * @param shapPlayers {@code features} (one player per feature group, default) or {@code inputs}
   *     (composition, route, phases, temperature; exact and fast for large batches)
   */
  @Introspected
  public record PredictRequest(
      List<Candidate> candidates, @Nullable String model, @Nullable Boolean explain,
      @Nullable String shapPlayers) {}

  @Operation(summary = "Predict a property for a batch of candidate alloys",
      description = "Body: {candidates: [{formula | composition, sigma?, processing?, phases?,"
          + " testTemperatureC?}], model?, explain?, shapPlayers? (features | inputs)}. Returns, per candidate, mean, std (combined),"
          + " modelStd (conformally calibrated ensemble spread), inputStd (Monte Carlo over the"
          + " composition sigma), lo95/hi95 and exact interventional Shapley values per feature"
          + " group (or per input with shapPlayers=inputs; base + sum = mean), or an error for a candidate that cannot be used.")
  @ApiResponse(responseCode = "200", description = "predictions")
  @ApiResponse(responseCode = "400", description = "bad request (unknown property, empty or oversized batch, bad model)")
  @Post(uri = "/{property}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  public Map<String, Object> predict(@PathVariable String property, @Body PredictRequest body) throws IOException {
    Training.property(property);
    if (body == null || body.candidates() == null || body.candidates().isEmpty()) {
      throw new IllegalArgumentException("the request has no candidates (expected 1 to " + MAX_CANDIDATES + ")");
    }
    if (body.candidates().size() > MAX_CANDIDATES) {
      throw new IllegalArgumentException(
          body.candidates().size() + " candidates; at most " + MAX_CANDIDATES + " per request");
    }
    ModelIO.Loaded m = body.model() != null
        ? registry.resolve(body.model(), property).loaded()
        : registry.current(property).orElseThrow(
            () -> new IllegalArgumentException("no trained " + property + " model in the registry")).loaded();
    Predictor.Explain level = body.explain() != null && !body.explain() ? Predictor.Explain.NONE
        : Predictor.Explain.parse(body.shapPlayers() == null ? "features" : body.shapPlayers());
    boolean explain = level != Predictor.Explain.NONE;
    List<AlloySample> ok = new ArrayList<>();
    List<Map<String, Double>> sig = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    String[] errors = new String[body.candidates().size()];
    for (int i = 0; i < errors.length; i++) {
      Candidate c = body.candidates().get(i);
      try {
        if (c == null) {
          throw new IllegalArgumentException("empty candidate");
        }
        Composition comp;
        if (c.formula() != null && !c.formula().isBlank()) {
          comp = Composition.parse(c.formula());
        } else if (c.composition() != null && !c.composition().isEmpty()) {
          comp = new Composition(c.composition());
        } else {
          throw new IllegalArgumentException("needs a formula or a composition");
        }
        Map<String, Double> s = c.sigma() == null ? Map.of() : c.sigma();
        for (Map.Entry<String, Double> e : s.entrySet()) {
          ElementData.of(e.getKey());
          if (e.getValue() == null || !(e.getValue() >= 0) || !Double.isFinite(e.getValue())) {
            throw new IllegalArgumentException("sigma of " + e.getKey() + " must be a finite number >= 0");
          }
        }
        AlloySample a = new AlloySample(comp, c.processing(), c.phases(),
            c.testTemperatureC() == null ? Double.NaN : c.testTemperatureC());
        HardnessFeatures.vector(a);
        ok.add(a);
        sig.add(s);
        idx.add(i);
      } catch (IllegalArgumentException e) {
        errors[i] = "candidate " + i + ": " + e.getMessage();
      }
    }
    Predictor.Batch b = Predictor.predict(m.model(), ok, sig, level, 200, 1);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < errors.length; i++) {
      out.add(null);
    }
    for (int k = 0; k < idx.size(); k++) {
      Predictor.Candidate c = b.candidates().get(k);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("mean", c.mean());
      r.put("std", c.std());
      r.put("modelStd", c.modelStd());
      r.put("inputStd", c.inputStd());
      r.put("lo95", c.lo95());
      r.put("hi95", c.hi95());
      if (!c.domainWarning().isEmpty()) {
        r.put("domainWarning", c.domainWarning());
      }
      if (explain) {
        Map<String, Double> shap = new LinkedHashMap<>();
        for (int j = 0; j < b.players().size(); j++) {
          shap.put(b.players().get(j), c.shap()[j]);
        }
        r.put("shap", shap);
      }
      out.set(idx.get(k), r);
    }
    for (int i = 0; i < errors.length; i++) {
      if (errors[i] != null) {
        out.set(i, Map.of("error", errors[i]));
      }
    }
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("property", m.model().property());
    res.put("unit", m.model().unit());
    res.put("modelVersion", m.version());
    if (explain) {
      res.put("shapMethod", b.shapMethod());
      res.put("shapBase", b.base());
      res.put("players", b.players());
    }
    res.put("predictions", out);
    return res;
  }

  @Error(exception = IllegalArgumentException.class)
  public HttpResponse<Map<String, String>> badInput(HttpRequest<?> request, IllegalArgumentException e) {
    return HttpResponse.<Map<String, String>>badRequest().body(Map.of("error", e.getMessage()));
  }
}
