package io.alloyflow.prediction.http;

import io.alloyflow.core.http.ProblemDetails;
import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.prediction.imagemodels.PhaseMapImages;
import io.alloyflow.prediction.imagemodels.PhaseMapPredictionService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/predict/fracture-strain?pixelSizeUm=X}: a dual-phase steel phase map (PNG, two
 * gray levels: dark ferrite, bright martensite) in; the fracture strain of the shipped direct CNN
 * out, after resampling to the model's 1 um cells and tiling, with its uncertainty, the per-cell
 * predictions, the SHAP values over image features and (with {@code overlay=true}) the
 * critical-region PNG as base64. The same code path as the analysis' prediction activity.
 */
@Controller("/v1/predict")
public class FractureStrainController {
  /** Largest side of an accepted phase map, pixels. */
  public static final int MAX_SIDE = 8192;

  private final PhaseMapPredictionService service =
      new PhaseMapPredictionService(null, ShippedModels.installed());

  @Operation(summary = "Fracture strain of a dual-phase steel from its phase map (image model)")
  @Post(uri = "/fracture-strain", consumes = {MediaType.IMAGE_PNG, "image/tiff", "image/bmp",
      MediaType.APPLICATION_OCTET_STREAM}, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<Map<String, Object>> predict(@Body byte[] image,
      @QueryValue @Nullable Double pixelSizeUm, @QueryValue @Nullable String model,
      @QueryValue @Nullable Boolean overlay) throws IOException {
    if (pixelSizeUm == null || !(pixelSizeUm > 0) || pixelSizeUm.isInfinite()) {
      return bad("pixelSizeUm", "the query parameter pixelSizeUm (um per pixel of the phase map, > 0)"
          + " is required: the map is resampled to the model's 1 um cells");
    }
    PhaseMapImages.Decoded d;
    PhaseMapPredictionService.Computed c;
    try {
      d = PhaseMapImages.read(image, MAX_SIDE);
      c = service.predictMap(d.map(), d.width(), d.height(), pixelSizeUm, model);
    } catch (IllegalArgumentException e) {
      return bad("body", e.getMessage());
    }
    var r = c.result();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("property", PhaseMapPredictionService.FRACTURE_STRAIN);
    out.put("unit", "1");
    out.put("mean", r.mean());
    out.put("std", r.std());
    out.put("modelStd", r.modelStd());
    out.put("samplingStd", r.samplingStd());
    out.put("lo95", r.lo95());
    out.put("hi95", r.hi95());
    out.put("weakestCell", r.weakest());
    out.put("cellPredictions", r.cellPredictions());
    out.put("cellsX", r.tiles().tilesX());
    out.put("cellsY", r.tiles().tilesY());
    out.put("modelPixelUm", c.modelPixelUm());
    out.put("martensiteFraction", r.resampled().sourceFraction());
    out.put("modelVersion", c.modelVersion());
    if (c.explanation() != null) {
      Map<String, Double> shap = new LinkedHashMap<>();
      for (int j = 0; j < c.explanation().players().size(); j++) {
        shap.put(c.explanation().players().get(j), c.explanation().values()[j]);
      }
      out.put("shapBase", c.explanation().base());
      out.put("shap", shap);
      out.put("surrogateFidelityR2", c.explainer().fidelityR2());
    }
    if (Boolean.TRUE.equals(overlay)) {
      out.put("criticalRegionsPng", Base64.getEncoder().encodeToString(c.overlayPng()));
    }
    return HttpResponse.ok(out);
  }

  private static HttpResponse<Map<String, Object>> bad(String field, String detail) {
    Map<String, Object> p = new LinkedHashMap<>(ProblemDetails.badRequest(detail));
    p.put("field", field);
    return HttpResponse.<Map<String, Object>>badRequest(p)
        .contentType(MediaType.of(ProblemDetails.MEDIA_TYPE));
  }
}
