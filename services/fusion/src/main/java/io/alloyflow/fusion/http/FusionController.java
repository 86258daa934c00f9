package io.alloyflow.fusion.http;

import io.alloyflow.core.io.SpectrumImageFiles;
import io.alloyflow.core.http.ProblemDetails;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.ReadLimits;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.inclusions.InclusionAnalysis;
import io.alloyflow.fusion.inclusions.Particle;
import io.alloyflow.fusion.inclusions.ParticleDetector;
import io.alloyflow.fusion.inclusions.ParticleSpectra;
import io.alloyflow.fusion.inclusions.RuleSet;
import io.alloyflow.fusion.inclusions.SpotQuantifier;
import io.alloyflow.fusion.inclusions.Ternary;
import io.alloyflow.fusion.registration.RegistrationOverlay;
import io.alloyflow.fusion.registration.RegistrationResult;
import io.alloyflow.fusion.registration.SemEdsRegistration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stateless fusion endpoints: SEM-EDS registration and steel inclusion analysis. Uploads are
 * multipart/form-data; the spectrum image comes as one Arrow IPC cube, Bruker .bcf or HyperSpy
 * .hspy file (part {@code si}, told apart by its bytes) or as a Lispix RPL header with its RAW
 * data (parts {@code rpl} and {@code raw}). Sizes are checked from
 * the headers before anything is allocated; bad input is answered 400 as application/problem+json
 * (RFC 9457) with one line that names the part and what was expected. Same code paths as {@code
 * alloyflow fuse register} and {@code alloyflow inclusions}.
 */
@OpenAPIDefinition(info = @Info(title = "alloyflow-fusion", version = "0.1",
    description = "SEM-EDS registration and steel inclusion analysis (BSE detection, EDS"
        + " quantification, versioned rule sets, cleanliness report, ternary diagrams)"))
@Controller("/v1/fusion")
public class FusionController {
  /** Largest SEM/BSE image accepted, in pixels (an 8192 x 8192 micrograph). */
  static final long MAX_PIXELS = 8192L * 8192L;
  /** Largest spectrum image accepted, in voxels (256 x 256 x 1024 = 2^26). */
  static final long MAX_VOXELS = 1L << 26;
  /** Largest rule file accepted (bytes). */
  static final int MAX_RULES_BYTES = 256 * 1024;

  static final String REGISTER_DESCRIPTION = "multipart/form-data: part 'sem' (TIFF or PNG"
      + " BSE/SE image) and the spectrum image as part 'si' (Arrow IPC cube, .bcf or .hspy) or"
      + " parts 'rpl' + 'raw' (Lispix header and data); cubes up to 2^26 voxels. Initial transform from the pixel"
      + " sizes (query values override the files' metadata), exhaustive translation search,"
      + " multi-start Nelder-Mead affine refinement of the correlation between the BSE image and"
      + " EDS Z-contrast proxies. Returns the matrix mapping SEM pixel (x, y) to EDS pixel (x, y),"
      + " the estimated RMS error, quality metrics, 'reliable' with its reason, and an overlay PNG"
      + " (base64). An unreliable result is a 200 with reliable=false, never a silent answer.";
  static final String INCLUSIONS_DESCRIPTION = "multipart/form-data: part 'bse' (TIFF or PNG),"
      + " optionally the spectrum image ('si' Arrow IPC cube, .bcf or .hspy, or 'rpl' + 'raw')"
      + " registered to the BSE image to take each particle's spectrum, optionally 'rules' (a rule-set text file;"
      + " default the built-in steel-inclusions rules). Detects particles, quantifies and"
      + " classifies them, and returns the rule set's name, version and SHA-256, the cleanliness"
      + " report, the particles and the ternary diagrams Al2O3-CaO-MgO and MnS-Al2O3-CaO as base64"
      + " PNGs. Without a spectrum image the particles are detected and measured, not classified;"
      + " an image without particles gives an explicit empty report.";

  /**
   * Registers a SEM image to a spectrum image.
   *
   * @param sem SEM image bytes
   * @param si spectrum image as Arrow IPC, .bcf or .hspy bytes
   * @param rpl Lispix RPL header
   * @param raw RAW data of the RPL header
   * @param semPixelSizeUm SEM pixel size, overriding the file's
   * @param edsPixelSizeUm EDS pixel size, overriding the file's
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/register", produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(summary = "Register a SEM image to an EDS spectrum image",
      description = REGISTER_DESCRIPTION)
  @ApiResponse(responseCode = "200", description = "transform, quality metrics, reliability")
  @ApiResponse(responseCode = "400", description = "bad input (application/problem+json)")
  public Map<String, Object> register(
      @Nullable @Part("sem") byte[] sem,
      @Nullable @Part("si") byte[] si,
      @Nullable @Part("rpl") byte[] rpl,
      @Nullable @Part("raw") byte[] raw,
      @Parameter(description = "SEM pixel size in um (overrides the file's metadata)")
      @Nullable @QueryValue Double semPixelSizeUm,
      @Parameter(description = "EDS pixel size in um (overrides the file's metadata)")
      @Nullable @QueryValue Double edsPixelSizeUm) throws IOException {
    Micrograph m = image(sem, "sem", semPixelSizeUm);
    SpectrumImage cube = spectrumImage(si, rpl, raw, edsPixelSizeUm);
    if (cube == null) {
      throw new IllegalArgumentException("the spectrum image is missing: expected part 'si' (Arrow"
          + " IPC cube) or parts 'rpl' and 'raw'");
    }
    RegistrationResult r =
        SemEdsRegistration.register(m, cube, SemEdsRegistration.Options.defaults());
    Map<String, Object> out = new LinkedHashMap<>(r.toJson());
    out.put("algorithm", Map.of("name", SemEdsRegistration.NAME, "version",
        SemEdsRegistration.VERSION, "reference", SemEdsRegistration.REFERENCE));
    out.put("overlayPngBase64", Base64.getEncoder().encodeToString(RegistrationOverlay.png(m, r)));
    return out;
  }

  /**
   * Inclusion analysis of one BSE field.
   *
   * @param bse BSE image bytes
   * @param si spectrum image as Arrow IPC, .bcf or .hspy bytes
   * @param rpl Lispix RPL header
   * @param raw RAW data of the RPL header
   * @param rules rule-set text
   * @param pixelSizeUm BSE pixel size, overriding the file's
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/inclusions", produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(summary = "Steel inclusion analysis", description = INCLUSIONS_DESCRIPTION)
  @ApiResponse(responseCode = "200", description = "cleanliness report, particles, ternaries")
  @ApiResponse(responseCode = "400", description = "bad input (application/problem+json)")
  public Map<String, Object> inclusions(
      @Nullable @Part("bse") byte[] bse,
      @Nullable @Part("si") byte[] si,
      @Nullable @Part("rpl") byte[] rpl,
      @Nullable @Part("raw") byte[] raw,
      @Nullable @Part("rules") byte[] rules,
      @Parameter(description = "BSE pixel size in um (overrides the file's metadata)")
      @Nullable @QueryValue Double pixelSizeUm) throws IOException {
    Micrograph img = image(bse, "bse", pixelSizeUm);
    RuleSet rs;
    if (rules == null || rules.length == 0) {
      rs = RuleSet.builtIn();
    } else if (rules.length > MAX_RULES_BYTES) {
      throw new IllegalArgumentException("part 'rules' has " + rules.length
          + " bytes: a rule set is expected to be a small text file (at most "
          + MAX_RULES_BYTES + " bytes)");
    } else {
      rs = RuleSet.parse(new String(rules, StandardCharsets.UTF_8), "part 'rules'");
    }
    SpectrumImage cube = spectrumImage(si, rpl, raw, null);
    List<Particle> ps = ParticleDetector.detect(img, ParticleDetector.Options.defaults());
    double[][] spectra = null;
    Map<String, Object> registration = null;
    if (cube != null) {
      RegistrationResult r =
          SemEdsRegistration.register(img, cube, SemEdsRegistration.Options.defaults());
      registration = r.toJson();
      spectra = ParticleSpectra.of(ps, cube, r.semToEds(), img.width());
    }
    double live = cube != null && Double.isFinite(cube.liveTimePerPixelS())
        ? cube.liveTimePerPixelS() : 1;
    InclusionAnalysis.Result res = InclusionAnalysis.classify(img, ps, spectra,
        cube == null ? null : cube.axis(), live, rs,
        new SpotQuantifier(InclusionAnalysis.ELEMENTS, InclusionAnalysis.defaultFactors()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ruleSet", InclusionAnalysis.ruleSetJson(rs,
        rules == null || rules.length == 0 ? "builtin" : "part 'rules'"));
    out.put("edsSource", cube == null ? "none" : "spectrum image");
    if (registration != null) {
      out.put("registration", registration);
    }
    if (ps.isEmpty()) {
      out.put("note", "no particles detected in the BSE image");
    }
    out.put("cleanliness", res.cleanliness());
    List<Map<String, Object>> parts = new ArrayList<>();
    for (InclusionAnalysis.Classified c : res.particles()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", c.particle().id());
      p.put("xPx", c.particle().cx());
      p.put("yPx", c.particle().cy());
      p.put("areaPx", c.particle().areaPx());
      p.put("ecdUm", c.particle().ecdM() * 1e6);
      p.put("aspect", c.particle().aspect());
      p.put("class", c.className());
      p.put("source", c.source());
      p.put("composition", c.composition());
      parts.add(p);
    }
    out.put("particles", parts);
    if (cube != null) {
      Map<String, Object> ternaries = new LinkedHashMap<>();
      for (List<String> corners : List.of(List.of("Al2O3", "CaO", "MgO"),
          List.of("MnS", "Al2O3", "CaO"))) {
        Path tmp = Files.createTempFile("ternary-", ".png");
        try {
          Ternary.write(res.ternaryPoints(), corners, tmp);
          ternaries.put(String.join("-", corners),
              Base64.getEncoder().encodeToString(Files.readAllBytes(tmp)));
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      out.put("ternaryPngBase64", ternaries);
    }
    return out;
  }

  /** Bad input: 400 with a one-line message. */
  @Error(exception = IllegalArgumentException.class)
  public HttpResponse<Map<String, Object>> badInput(HttpRequest<?> request,
      IllegalArgumentException e) {
    return problem(e.getMessage());
  }

  /** Undecodable files: 400 naming the offset and what was expected. */
  @Error(exception = FormatException.class)
  public HttpResponse<Map<String, Object>> badFile(HttpRequest<?> request, FormatException e) {
    return problem(e.getMessage());
  }

  /** A 400 as application/problem+json ({@link ProblemDetails}, shared by every service). */
  static HttpResponse<Map<String, Object>> problem(String detail) {
    return HttpResponse.<Map<String, Object>>badRequest().body(ProblemDetails.badRequest(detail))
        .contentType(MediaType.of(ProblemDetails.MEDIA_TYPE));
  }

  static Micrograph image(byte[] body, String part, Double pixelSizeUm) throws IOException {
    if (body == null || body.length == 0) {
      throw new IllegalArgumentException("part '" + part
          + "' is missing or empty: expected TIFF or PNG image bytes");
    }
    if (pixelSizeUm != null && !(pixelSizeUm > 0 && Double.isFinite(pixelSizeUm))) {
      throw new IllegalArgumentException("pixel size must be a positive number of um, found "
          + pixelSizeUm);
    }
    Path tmp = Files.createTempFile("fusion-upload-", ".img");
    try {
      Files.write(tmp, body);
      Micrograph m;
      try {
        // the pixel limit is checked from the header, before the pixel buffer is allocated
        m = MicrographIO.read(tmp, Double.NaN, ReadLimits.DEFAULT.withMaxPixels(MAX_PIXELS));
      } catch (IOException e) {
        throw new IllegalArgumentException("part '" + part + "': "
            + String.valueOf(e.getMessage()).replace(tmp.toString(), "upload"), e);
      }
      return pixelSizeUm == null ? m : m.withPixelSizeM(pixelSizeUm * 1e-6);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static SpectrumImage spectrumImage(byte[] si, byte[] rpl, byte[] raw, Double pixelSizeUm)
      throws IOException {
    boolean hasSi = si != null && si.length > 0;
    boolean hasRpl = (rpl != null && rpl.length > 0) || (raw != null && raw.length > 0);
    if (hasSi && hasRpl) {
      throw new IllegalArgumentException("send the spectrum image once: part 'si' (Arrow IPC,"
          + " .bcf or .hspy) or parts 'rpl' and 'raw', not both");
    }
    // Arrow IPC, Bruker .bcf or HyperSpy .hspy, told apart by their bytes (one dispatch in core)
    SpectrumImage cube;
    if (hasSi) {
      cube = SpectrumImageFiles.decode(si, "part 'si'", MAX_VOXELS);
    } else if (hasRpl) {
      cube = SpectrumImageFiles.decodeRpl(rpl, raw, MAX_VOXELS);
    } else {
      return null;
    }
    if (pixelSizeUm != null) {
      if (!(pixelSizeUm > 0 && Double.isFinite(pixelSizeUm))) {
        throw new IllegalArgumentException("edsPixelSizeUm must be a positive number, found "
            + pixelSizeUm);
      }
      cube = new SpectrumImage(cube.width(), cube.height(), cube.channels(), cube.data(),
          cube.axis(), pixelSizeUm * 1e-6, cube.beamEnergyKeV(), cube.liveTimePerPixelS());
    }
    return cube;
  }
}
