package io.alloyflow.eds.http;

import io.alloyflow.core.http.ProblemDetails;
import io.alloyflow.core.io.SpectrumImageFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.eds.EdsAnalyzer;
import io.alloyflow.eds.cli.Denoising;
import io.alloyflow.eds.cli.ElementMaps;
import io.alloyflow.eds.cli.IdentifyCommand;
import io.alloyflow.eds.cli.QuantifyCommand;
import io.alloyflow.eds.denoise.DenoisePipeline;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import io.alloyflow.eds.quant.OxygenMode;
import io.alloyflow.eds.cli.MatrixCorrections;
import io.alloyflow.eds.quant.QuantOptions;
import io.alloyflow.eds.quant.Quantification;
import io.alloyflow.eds.quant.StandardlessQuantifier;
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

/**
 * Stateless EDS endpoints. Spectrum images come in as one request body (an Arrow IPC cube, a
 * Bruker .bcf hypermap or a HyperSpy .hspy file, told apart by their bytes: {@link
 * SpectrumImageFiles}) or as a multipart upload of the Lispix RPL header and its RAW data; results come back as JSON, with
 * arrays as base64 Arrow IPC or PNG. A denoised cube can instead be put into the artifact store
 * ({@code cube=artifact}) when the server was given one, and only its reference returned.
 */
@OpenAPIDefinition(info = @Info(title = "alloyflow-eds", version = "0.1", description = "EDS identification, standards-based and standardless quantification, spectrum-image denoising and elemental maps"))
@Controller("/v1/eds")
public class EdsController {
  /** Largest cube accepted by {@code /denoise} (voxels; 256 x 256 x 1024 = 2^26, 256 MB float). */
  static final long MAX_DENOISE_VOXELS = 1L << 26;

  /** Largest cube accepted by {@code /maps} (voxels; 256 x 256 x 2048 = 2^27). */
  static final long MAX_MAPS_VOXELS = 1L << 27;

  /** Largest denoised cube returned inline as base64 Arrow (voxels; 128 x 128 x 1024 = 2^24). */
  static final long MAX_INLINE_VOXELS = 1L << 24;

  static final String DENOISE_SUMMARY = "Denoise a spectrum image";
  static final String DENOISE_DESCRIPTION = "Body: an Arrow IPC cube"
      + " (application/vnd.apache.arrow.file), a Bruker .bcf hypermap or a HyperSpy .hspy file"
      + " (application/octet-stream; the type is read from the bytes), or multipart/form-data with parts 'rpl' (Lispix"
      + " header) and 'raw' (its data); cubes up to 2^26 voxels. Poisson-weighted PCA (Keenan &"
      + " Kotula 2004), ICA after PCA, or KL-NMF (method). Returns the chosen and suggested"
      + " component counts, the leading singular values (scree) and a scree PNG, per-element map"
      + " SNR before and after with before/after map PNGs, and the denoised cube as base64 Arrow"
      + " IPC (cube=inline, up to 2^24 voxels), as an artifact-store reference (cube=artifact) or"
      + " not at all (cube=none). Same code path as `alloyflow eds denoise`.";
  static final String MAPS_SUMMARY = "Elemental net-count maps of a spectrum image";
  static final String MAPS_DESCRIPTION = "Body: an Arrow IPC cube"
      + " (application/vnd.apache.arrow.file), a Bruker .bcf hypermap or a HyperSpy .hspy file"
      + " (application/octet-stream; the type is read from the bytes), or multipart/form-data with parts 'rpl' and 'raw';"
      + " cubes up to 2^27 voxels. Per-pixel top-hat filter fit (Schamber 1977) of each element's"
      + " analytical line family. Returns per element the family, total net counts and map SNR,"
      + " and the maps as one base64 Arrow IPC feature table (format=arrow: one row per pixel,"
      + " id y*width+x, one float64 column per element) or base64 8-bit PNGs (format=png). Same"
      + " code path as `alloyflow eds maps`.";

  private final ArtifactStore store;

  /** A controller without an artifact store ({@code cube=artifact} is refused). */
  public EdsController() {
    this(null);
  }

  /**
   * A controller that can put denoised cubes into an artifact store.
   *
   * @param store the store, or null
   */
  @Inject
  public EdsController(@Nullable ArtifactStore store) {
    this.store = store;
  }

  /**
   * Calibrates and identifies the elements of an EMSA spectrum (request body: the file's text);
   * returns the calibration and the elements as {@code eds identify --json} prints them.
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/identify", produces = MediaType.APPLICATION_JSON)
  @Consumes({MediaType.TEXT_PLAIN, "application/x-emsa", MediaType.APPLICATION_OCTET_STREAM})
  public String identify(@Body String emsa,
      @Parameter(description = "elements to look for, comma separated (e.g. Ti,V): accepted at 3"
          + " sigma; each one not found gets a minimum detectable mass fraction")
      @Nullable @QueryValue String elements) throws IOException {
    Spectrum s = parse(emsa, "request body");
    List<String> asked = new ArrayList<>();
    if (elements != null && !elements.isBlank()) {
      for (String e : elements.split(",")) {
        String sym = e.strip();
        try {
          io.alloyflow.eds.lines.XrayData.z(sym);
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException("elements: " + bad.getMessage());
        }
        asked.add(sym);
      }
    }
    EdsAnalyzer.CalibratedSpectrum cal = EdsAnalyzer.calibrate(s);
    ObjectNode out = new ObjectMapper().createObjectNode();
    ObjectNode c = out.putObject("calibration");
    c.put("offsetEv", cal.offsetEv());
    c.put("gainEvPerChannel", cal.gainEv());
    c.put("residualEv", cal.residualEv());
    var id = EdsAnalyzer.identification(cal.spectrum(), asked);
    out.set("elements", IdentifyCommand.toJson(
        id.elements().stream().map(EdsAnalyzer::toElement).toList()));
    if (!asked.isEmpty()) {
      out.set("detectionLimits", IdentifyCommand.limitsJson(id.detectionLimits()));
    }
    return out.toString();
  }

  /**
   * Quantifies against standards. Body: {@code {"unknown": "<EMSA text>", "standards": {"Mg":
   * "<EMSA text>", ...}, "compositions": {"Mg": {"Mg": 0.603, "O": 0.397}}, "oxygen":
   * "stoichiometry"|"measured", "elements": ["Mg", ...], "standardless": false,
   * "continuumFluorescence": true, "matrixCorrection": "pap"|"xpp"}}; compositions
   * default to each standard's {@code ##D2STDCMP}. With {@code "standardless": true}, elements
   * listed without a standard are quantified from first principles, the result is normalised to
   * 100 % and each such element is flagged {@code "standardless": true}.
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/quantify", produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  @SuppressWarnings("unchecked")
  public String quantify(@Body Map<String, Object> body) throws IOException {
    if (!(body.get("unknown") instanceof String unknownText)) {
      throw new IllegalArgumentException("field 'unknown' (EMSA text of the unknown) is required");
    }
    boolean standardless = Boolean.TRUE.equals(body.get("standardless"));
    if (body.containsKey("standardless") && !(body.get("standardless") instanceof Boolean)) {
      throw new IllegalArgumentException(
          "field 'standardless' must be true or false, found " + body.get("standardless"));
    }
    Object stdField = body.get("standards");
    if (stdField != null && !(stdField instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "field 'standards' must be an object: element -> EMSA text of its standard");
    }
    Map<?, ?> stds = stdField == null ? Map.of() : (Map<?, ?>) stdField;
    if (stds.isEmpty() && !standardless) {
      throw new IllegalArgumentException("field 'standards' (element -> EMSA text of its"
          + " standard) is required, unless \"standardless\": true with 'elements'");
    }
    List<String> elements = null;
    if (body.get("elements") != null) {
      if (!(body.get("elements") instanceof List<?> l)) {
        throw new IllegalArgumentException(
            "field 'elements' must be an array of element symbols, found " + body.get("elements"));
      }
      elements = new ArrayList<>();
      for (Object o : l) {
        elements.add(String.valueOf(o));
      }
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
        if (!(e.getValue() instanceof Map<?, ?> cm)) {
          throw new IllegalArgumentException("compositions." + e.getKey()
              + " must be an object: element -> mass fraction");
        }
        Map<String, Double> c = new LinkedHashMap<>();
        for (Map.Entry<?, ?> f : cm.entrySet()) {
          if (!(f.getValue() instanceof Number n)) {
            throw new IllegalArgumentException("compositions." + e.getKey() + "." + f.getKey()
                + " must be a mass fraction, found " + f.getValue());
          }
          c.put(String.valueOf(f.getKey()), n.doubleValue());
        }
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
    Object cf = body.getOrDefault("continuumFluorescence", Boolean.TRUE);
    if (!(cf instanceof Boolean)) {
      throw new IllegalArgumentException(
          "field 'continuumFluorescence' must be true or false, found " + cf);
    }
    Object mc = body.getOrDefault("matrixCorrection", "pap");
    QuantOptions options = QuantOptions.defaults().withOxygen(mode)
        .withContinuumFluorescence((Boolean) cf)
        .withMatrixCorrection(MatrixCorrections.parse("field 'matrixCorrection'", mc));
    List<String> wanted = elements != null ? elements : new ArrayList<>(standards.keySet());
    boolean missing = false;
    for (String el : wanted) {
      boolean oByStoich = el.equals("O") && mode == OxygenMode.STOICHIOMETRY;
      if (!standards.containsKey(el) && !oByStoich) {
        if (!standardless) {
          throw new IllegalArgumentException("element " + el + " has no standard: add it to"
              + " 'standards', or set \"standardless\": true to compute it from first principles");
        }
        missing = true;
      }
    }
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("field 'elements' is required with \"standardless\": true"
          + " when no standard is given");
    }
    if (!missing) {
      Map<String, Spectrum> used = new LinkedHashMap<>();
      for (String el : wanted) {
        if (standards.containsKey(el)) {
          used.put(el, standards.get(el));
        }
      }
      // spectra without a live time: "liveTimeS": seconds, or "normalise": true
      double lt = Double.NaN;
      if (body.get("liveTimeS") != null) {
        if (!(body.get("liveTimeS") instanceof Number n)) {
          throw new IllegalArgumentException("field 'liveTimeS' must be a number of seconds");
        }
        lt = n.doubleValue();
      }
      Object norm = body.get("normalise");
      if (norm != null && !(norm instanceof Boolean)) {
        throw new IllegalArgumentException("field 'normalise' must be true or false");
      }
      Map<String, Spectrum> all = new LinkedHashMap<>();
      all.put("unknown", unknown);
      used.forEach((el, sp) -> all.put("standard for " + el, sp));
      List<String> placeholder = io.alloyflow.eds.quant.LiveTime.apply(all, lt,
          Boolean.TRUE.equals(norm));
      used.replaceAll((el, sp) -> all.get("standard for " + el));
      var q = EdsAnalyzer.quantify(all.get("unknown"), used, compositions, options);
      if (!placeholder.isEmpty()) {
        q = io.alloyflow.eds.quant.LiveTime.normalised(q, placeholder);
      }
      return QuantifyCommand.toJson(q).toString();
    }
    return QuantifyCommand.toJson(
        StandardlessQuantifier.quantify(unknown, wanted, standards, compositions, options))
        .toString();
  }

  /**
   * Denoises a spectrum image sent as an Arrow IPC cube (request body).
   *
   * @param body the cube as Arrow IPC file-format ({@link ArrowIO}), .bcf or .hspy bytes; or, as
   *     multipart/form-data, parts 'rpl' (Lispix header) and 'raw' (its data, may be gzipped)
   * @param method pca, ica or nmf
   * @param components components to keep; 0 or absent = automatic
   * @param seed random seed
   * @param cube inline (base64 Arrow in the JSON), artifact (artifact-store reference) or none
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/denoise", produces = MediaType.APPLICATION_JSON)
  @Consumes({ArrowIO.MEDIA_TYPE, MediaType.APPLICATION_OCTET_STREAM})
  @Operation(summary = DENOISE_SUMMARY, description = DENOISE_DESCRIPTION)
  @ApiResponse(responseCode = "200", description = "denoising report")
  @ApiResponse(responseCode = "400", description = "bad input: {\"error\": one line}")
  public Map<String, Object> denoise(
      @Nullable @Body byte[] body,
      @Parameter(description = "pca, ica or nmf", required = false) @QueryValue(defaultValue = "pca") String method,
      @Parameter(description = "components to keep, 0 = automatic") @Nullable @QueryValue Integer components,
      @Parameter(description = "random seed", required = false) @QueryValue(defaultValue = "1") long seed,
      @Parameter(description = "inline, artifact or none", required = false) @QueryValue(defaultValue = "inline") String cube)
      throws IOException {
    DenoisePipeline.Method m = Denoising.method(method, "query parameter 'method'");
    String cubeMode = cubeMode(cube);
    SpectrumImage si = SpectrumImageFiles.decode(body, "request body", MAX_DENOISE_VOXELS);
    return denoise(si, m, components == null ? 0 : components, seed, cubeMode);
  }

  /**
   * Denoises a spectrum image sent as RPL header + RAW data (multipart/form-data).
   *
   * @param rpl part 'rpl': the Lispix header text
   * @param raw part 'raw': the binary data it describes
   * @param method pca, ica or nmf
   * @param components components to keep; 0 or absent = automatic
   * @param seed random seed
   * @param cube inline, artifact or none
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/denoise", produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(summary = DENOISE_SUMMARY, description = DENOISE_DESCRIPTION)
  @ApiResponse(responseCode = "200", description = "denoising report")
  @ApiResponse(responseCode = "400", description = "bad input: {\"error\": one line}")
  public Map<String, Object> denoiseRpl(
      @Nullable @Part("rpl") byte[] rpl,
      @Nullable @Part("raw") byte[] raw,
      @Parameter(description = "pca, ica or nmf", required = false) @QueryValue(defaultValue = "pca") String method,
      @Parameter(description = "components to keep, 0 = automatic") @Nullable @QueryValue Integer components,
      @Parameter(description = "random seed", required = false) @QueryValue(defaultValue = "1") long seed,
      @Parameter(description = "inline, artifact or none", required = false) @QueryValue(defaultValue = "inline") String cube)
      throws IOException {
    DenoisePipeline.Method m = Denoising.method(method, "query parameter 'method'");
    String cubeMode = cubeMode(cube);
    SpectrumImage si = SpectrumImageFiles.decodeRpl(rpl, raw, MAX_DENOISE_VOXELS);
    return denoise(si, m, components == null ? 0 : components, seed, cubeMode);
  }

  private static String cubeMode(String cube) {
    String c = cube == null ? "inline" : cube.strip().toLowerCase(Locale.ROOT);
    if (!c.equals("inline") && !c.equals("artifact") && !c.equals("none")) {
      throw new IllegalArgumentException(
          "query parameter 'cube' must be inline, artifact or none, found '" + cube + "'");
    }
    return c;
  }

  private Map<String, Object> denoise(
      SpectrumImage si, DenoisePipeline.Method m, int components, long seed, String cubeMode)
      throws IOException {
    Denoising.checkCube(si, "spectrum image");
    Denoising.components(components, si, "query parameter 'components'");
    long voxels = (long) si.width() * si.height() * si.channels();
    if (cubeMode.equals("inline") && voxels > MAX_INLINE_VOXELS) {
      throw new IllegalArgumentException("the denoised cube of " + voxels + " voxels is over the"
          + " inline limit of " + MAX_INLINE_VOXELS + ": ask with cube=artifact or cube=none");
    }
    if (cubeMode.equals("artifact") && store == null) {
      throw new IllegalArgumentException(
          "cube=artifact: this server has no artifact store; ask with cube=inline or cube=none");
    }
    Path dir = Files.createTempDirectory("eds-denoise-");
    try {
      DenoisePipeline.Report r = Denoising.run(si, m, components, dir, seed);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("width", si.width());
      out.put("height", si.height());
      out.put("channels", si.channels());
      out.put("method", r.method());
      out.put("components", r.components());
      out.put("suggestedComponents", r.suggestedComponents());
      out.put("automatic", components == 0);
      out.put("singularValues", r.singularValues());
      out.put("seconds", r.seconds());
      Map<String, Object> els = new LinkedHashMap<>();
      for (String el : r.elements()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("snrBefore", r.snrBefore().get(el));
        e.put("snrAfter", r.snrAfter().get(el));
        e.put("beforePngBase64", base64(dir.resolve("maps/" + el + "-before.png")));
        e.put("afterPngBase64", base64(dir.resolve("maps/" + el + "-after.png")));
        els.put(el, e);
      }
      out.put("elements", els);
      out.put("screePngBase64", base64(dir.resolve("scree.png")));
      if (!cubeMode.equals("none")) {
        SpectrumImage den = RplIO.read(dir.resolve("denoised.rpl"));
        byte[] arrow = ArrowIO.toArrow(den);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mediaType", ArrowIO.MEDIA_TYPE);
        if (cubeMode.equals("inline")) {
          c.put("arrowBase64", Base64.getEncoder().encodeToString(arrow));
        } else {
          ArtifactRef ref = store.put(arrow, ArrowIO.MEDIA_TYPE);
          c.put("ref", Map.of("sha256", ref.sha256(), "mediaType", ref.mediaType(),
              "sizeBytes", ref.sizeBytes(), "uri", ref.uri()));
        }
        out.put("denoised", c);
      }
      return out;
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Elemental net-count maps of a spectrum image sent as an Arrow IPC cube.
   *
   * @param body the cube as Arrow IPC file-format, .bcf or .hspy bytes; or, as multipart, parts
   *     'rpl' and 'raw'
   * @param elements element symbols, comma-separated
   * @param format arrow (one feature table, a float64 column per element) or png
   * @param fwhmEv detector FWHM at Mn Ka in eV (default: estimated from the sum spectrum)
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/maps", produces = MediaType.APPLICATION_JSON)
  @Consumes({ArrowIO.MEDIA_TYPE, MediaType.APPLICATION_OCTET_STREAM})
  @Operation(summary = MAPS_SUMMARY, description = MAPS_DESCRIPTION)
  @ApiResponse(responseCode = "200", description = "maps")
  @ApiResponse(responseCode = "400", description = "bad input: {\"error\": one line}")
  public Map<String, Object> maps(
      @Nullable @Body byte[] body,
      @Parameter(description = "element symbols, comma-separated, e.g. Fe,Cr,Ni") @Nullable @QueryValue String elements,
      @Parameter(description = "arrow or png", required = false) @QueryValue(defaultValue = "arrow") String format,
      @Parameter(description = "detector FWHM at Mn Ka, eV") @Nullable @QueryValue Double fwhmEv)
      throws IOException {
    String f = mapFormat(format);
    SpectrumImage si = SpectrumImageFiles.decode(body, "request body", MAX_MAPS_VOXELS);
    return maps(si, elements, f, fwhmEv);
  }

  /**
   * Elemental net-count maps of a spectrum image sent as RPL + RAW (multipart/form-data).
   *
   * @param rpl part 'rpl'
   * @param raw part 'raw'
   * @param elements element symbols, comma-separated
   * @param format arrow or png
   * @param fwhmEv detector FWHM at Mn Ka in eV
   */
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  @Post(uri = "/maps", produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(summary = MAPS_SUMMARY, description = MAPS_DESCRIPTION)
  @ApiResponse(responseCode = "200", description = "maps")
  @ApiResponse(responseCode = "400", description = "bad input: {\"error\": one line}")
  public Map<String, Object> mapsRpl(
      @Nullable @Part("rpl") byte[] rpl,
      @Nullable @Part("raw") byte[] raw,
      @Parameter(description = "element symbols, comma-separated, e.g. Fe,Cr,Ni") @Nullable @QueryValue String elements,
      @Parameter(description = "arrow or png", required = false) @QueryValue(defaultValue = "arrow") String format,
      @Parameter(description = "detector FWHM at Mn Ka, eV") @Nullable @QueryValue Double fwhmEv)
      throws IOException {
    String f = mapFormat(format);
    SpectrumImage si = SpectrumImageFiles.decodeRpl(rpl, raw, MAX_MAPS_VOXELS);
    return maps(si, elements, f, fwhmEv);
  }

  private static String mapFormat(String format) {
    String f = format == null ? "arrow" : format.strip().toLowerCase(Locale.ROOT);
    if (!f.equals("arrow") && !f.equals("png")) {
      throw new IllegalArgumentException(
          "query parameter 'format' must be arrow or png, found '" + format + "'");
    }
    return f;
  }

  private static Map<String, Object> maps(
      SpectrumImage si, String elements, String format, Double fwhmEv) throws IOException {
    List<String> els = ElementMaps.elements(
        elements == null ? List.of() : Arrays.asList(elements.split(",")), si,
        "query parameter 'elements'");
    ElementMaps.Result r = ElementMaps.compute(si, els, fwhmEv == null ? Double.NaN : fwhmEv);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("width", r.width());
    out.put("height", r.height());
    out.put("detectorFwhmMnKaEv", r.fwhmMnKaEv());
    out.put("format", format);
    Map<String, Object> per = new LinkedHashMap<>();
    for (String el : r.elements()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("family", r.families().get(el));
      e.put("totalNetCounts", r.totals().get(el));
      e.put("snr", r.snr().get(el));
      if (format.equals("png")) {
        e.put("pngBase64", Base64.getEncoder().encodeToString(ElementMaps.png(r, el)));
      }
      per.put(el, e);
    }
    out.put("elements", per);
    if (format.equals("arrow")) {
      out.put("mediaType", ArrowIO.MEDIA_TYPE);
      out.put("arrowBase64", Base64.getEncoder().encodeToString(ElementMaps.toArrow(r)));
    }
    return out;
  }

  private static String base64(Path file) throws IOException {
    return Files.exists(file) ? Base64.getEncoder().encodeToString(Files.readAllBytes(file)) : null;
  }

  @Error(exception = IllegalArgumentException.class)
  public HttpResponse<Map<String, Object>> badInput(HttpRequest<?> request, IllegalArgumentException e) {
    return problem(e.getMessage());
  }

  /** A 400 as application/problem+json ({@link ProblemDetails}, shared by every service). */
  static HttpResponse<Map<String, Object>> problem(String detail) {
    return HttpResponse.<Map<String, Object>>badRequest().body(ProblemDetails.badRequest(detail))
        .contentType(io.micronaut.http.MediaType.of(ProblemDetails.MEDIA_TYPE));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Error(exception = FormatException.class)
  public HttpResponse<Map<String, Object>> badFile(HttpRequest<?> request, FormatException e) {
    return problem(e.getMessage());
  }

  private static Spectrum parse(String text, String what) throws IOException {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " is empty: expected an EMSA/MAS spectrum");
    }
    return EmsaIO.read(text, what);
  }
}
