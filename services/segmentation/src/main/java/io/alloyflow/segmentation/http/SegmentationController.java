package io.alloyflow.segmentation.http;

import io.alloyflow.core.http.ProblemDetails;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.SegmentationOptions;
import io.alloyflow.segmentation.Segmenter;
import io.alloyflow.segmentation.measure.MeasureOptions;
import io.alloyflow.segmentation.measure.Measurements;
import io.alloyflow.segmentation.measure.MicrostructureMeasurements;
import io.alloyflow.segmentation.measure.PhaseFraction;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stateless segmentation and measurement endpoints. */
@OpenAPIDefinition(info = @Info(title = "alloyflow-segmentation", version = "0.1", description = "Phase segmentation and ASTM measurements of SEM micrographs"))
@Controller("/v1")
public class SegmentationController {
  /** Largest image accepted, in pixels (an 8192 x 8192 micrograph). */
  static final long MAX_PIXELS = 8192L * 8192L;

  /**
   * Segments a grayscale micrograph.
   *
   * @param body TIFF or PNG bytes
   * @param method otsu, multiotsu, kmeans or adaptive
   * @param classes phase classes
   * @param smoothingSigma Gaussian pre-filter sigma in pixels
   * @param pixelSizeUm pixel size when the file carries none
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/segment", produces = MediaType.APPLICATION_JSON)
  @Consumes({"image/tiff", "image/png", MediaType.APPLICATION_OCTET_STREAM})
  public Map<String, Object> segment(
      @Body byte[] body,
      @QueryValue(defaultValue = "otsu") String method,
      @QueryValue(defaultValue = "2") int classes,
      @QueryValue(defaultValue = "0") double smoothingSigma,
      @Nullable @QueryValue Double pixelSizeUm) throws IOException {
    Micrograph m = decode(body, pixelSizeUm);
    if (method.equals("pixel-classifier") || method.equals("unet")) {
      throw new IllegalArgumentException(
          "method " + method + " needs a trained model and is served by the workflow, not this endpoint");
    }
    SegmentationOptions o = SegmentationOptions.of(method, classes);
    o = new SegmentationOptions(o.method(), o.classes(), null, smoothingSigma, o.localFeatures(),
        o.adaptiveBlockSize(), o.fractionTiles(), o.seed());
    PhaseSegmentation seg = Segmenter.segment(m, o);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("width", m.width());
    out.put("height", m.height());
    out.put("pixelSizeUm", m.pixelSizeUm());
    out.put("classNames", seg.classNames());
    out.put("phaseFractions", fractions(seg.fractions()));
    out.put("algorithm", Map.of("name", seg.algorithm().name(), "version", seg.algorithm().version(),
        "reference", seg.algorithm().reference(), "parameters", seg.algorithm().parameters()));
    out.put("labelsPngBase64", Base64.getEncoder().encodeToString(labelPng(seg.labels())));
    return out;
  }

  /**
   * Measures a label map (PNG, pixel value = class index).
   *
   * @param body label PNG
   * @param pixelSizeUm pixel size in micrometres
   * @param classNames comma-separated class names, index = label
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/measure", produces = MediaType.APPLICATION_JSON)
  @Consumes({"image/png", MediaType.APPLICATION_OCTET_STREAM})
  public Map<String, Object> measure(
      @Body byte[] body,
      @QueryValue double pixelSizeUm,
      @Nullable @QueryValue String classNames) throws IOException {
    if (!(pixelSizeUm > 0)) {
      throw new IllegalArgumentException("pixelSizeUm must be > 0, found " + pixelSizeUm);
    }
    Path tmp = Files.createTempFile("labels-", ".png");
    try {
      Files.write(tmp, body);
      List<String> names = classNames == null ? List.of() : Arrays.asList(classNames.split(","));
      LabelMap read = LabelMapIO.readPng(tmp, names);
      LabelMap labels = new LabelMap(read.width(), read.height(), read.labels(), read.classNames(),
          pixelSizeUm * 1e-6);
      MicrostructureMeasurements mm =
          Measurements.measure(labels, null, MeasureOptions.defaults().withPixelSizeM(pixelSizeUm * 1e-6));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("measurements", mm);
      return out;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Bad input: 400 with a one-line message. */
  @Error(exception = IllegalArgumentException.class)
  public HttpResponse<Map<String, Object>> badInput(HttpRequest<?> request, IllegalArgumentException e) {
    return problem(e.getMessage());
  }

  /** A 400 as application/problem+json ({@link ProblemDetails}, shared by every service). */
  static HttpResponse<Map<String, Object>> problem(String detail) {
    return HttpResponse.<Map<String, Object>>badRequest().body(ProblemDetails.badRequest(detail))
        .contentType(io.micronaut.http.MediaType.of(ProblemDetails.MEDIA_TYPE));
  }

  /** Undecodable files: 400 naming the offset and what was expected. */
  @Error(exception = FormatException.class)
  public HttpResponse<Map<String, Object>> badFile(HttpRequest<?> request, FormatException e) {
    return problem(e.getMessage());
  }

  static Micrograph decode(byte[] body, Double pixelSizeUm) throws IOException {
    if (body == null || body.length == 0) {
      throw new IllegalArgumentException("empty request body: expected TIFF or PNG image bytes");
    }
    Path tmp = Files.createTempFile("upload-", ".img");
    try {
      Files.write(tmp, body);
      // the pixel limit is checked from the header, before the pixel buffer is allocated
      Micrograph m = MicrographIO.read(tmp, pixelSizeUm == null ? Double.NaN : pixelSizeUm * 1e-6,
          io.alloyflow.core.io.ReadLimits.DEFAULT.withMaxPixels(MAX_PIXELS));
      if ((long) m.width() * m.height() > MAX_PIXELS) {
        throw new IllegalArgumentException("image of " + m.width() + "x" + m.height()
            + " pixels is over the limit of " + MAX_PIXELS + " pixels");
      }
      return m;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static List<Map<String, Object>> fractions(List<PhaseFraction> fractions) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PhaseFraction f : fractions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("className", f.className());
      m.put("fraction", f.fraction());
      m.put("standardError", f.standardError());
      m.put("ci95", f.ci95());
      m.put("fields", f.fields());
      out.add(m);
    }
    return out;
  }

  static byte[] labelPng(LabelMap labels) throws IOException {
    Path tmp = Files.createTempFile("labels-", ".png");
    try {
      LabelMapIO.writePng(labels, tmp);
      return Files.readAllBytes(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
