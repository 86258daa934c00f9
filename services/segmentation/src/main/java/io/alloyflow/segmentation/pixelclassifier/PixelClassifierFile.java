package io.alloyflow.segmentation.pixelclassifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.io.AtomicFiles;
import io.alloyflow.core.provenance.AlgorithmInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The pixel-classifier file: a ZIP holding {@code model.json} (format id and version, class
 * names, feature bank, auto-context stages, prior weights, clean-up area, AlgorithmInfo,
 * training-data hashes, Tribuo model provenance) and one Tribuo protobuf per stage ({@code
 * tribuo-model.pb}, {@code tribuo-context-S.pb}). Written to a temporary sibling and renamed
 * over the target, so a killed run leaves the previous file or none, never half a ZIP.
 */
final class PixelClassifierFile {
  private PixelClassifierFile() {}

  /** Writes the model ZIP atomically (temporary sibling, then a move). */
  static void save(PixelClassifier pc, Path file) throws IOException {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    root.put("format", "alloyflow-pixel-classifier");
    root.put("formatVersion", 2);
    ArrayNode cn = root.putArray("classNames");
    pc.classNames().forEach(cn::add);
    ArrayNode sg = root.putArray("sigmas");
    for (double v : pc.featureBank().sigmas()) {
      sg.add(v);
    }
    root.put("localStatistics", pc.featureBank().localStatistics());
    root.put("autoContextStages", pc.autoContextStages());
    ArrayNode pw = root.putArray("priorWeights");
    for (double v : pc.priorWeights()) {
      pw.add(v);
    }
    root.put("minRegionPx", pc.minRegionPx());
    AlgorithmInfo algorithm = pc.algorithm();
    ObjectNode alg = root.putObject("algorithm");
    alg.put("name", algorithm.name());
    alg.put("version", algorithm.version());
    alg.put("reference", algorithm.reference());
    ObjectNode par = alg.putObject("parameters");
    algorithm.parameters().forEach(par::put);
    ArrayNode td = root.putArray("trainingData");
    pc.trainingData().forEach(td::add);
    root.put("tribuoProvenance", pc.tribuoProvenance());
    List<Model<Label>> stages = pc.stages();
    Path tmp = AtomicFiles.temporarySibling(file);
    try {
      try (OutputStream os = AtomicFiles.openTemporary(tmp);
          ZipOutputStream zip = new ZipOutputStream(os)) {
        zip.putNextEntry(new ZipEntry("model.json"));
        zip.write(om.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        zip.closeEntry();
        for (int s = 0; s < stages.size(); s++) {
          ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
          stages.get(s).serializeToStream(modelBytes);
          zip.putNextEntry(new ZipEntry(s == 0 ? "tribuo-model.pb" : "tribuo-context-" + s + ".pb"));
          zip.write(modelBytes.toByteArray());
          zip.closeEntry();
        }
      }
      AtomicFiles.commit(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a model ZIP written by {@link #save} (format versions 1 and 2). */
  @SuppressWarnings("unchecked")
  static PixelClassifier load(Path file) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream is = Files.newInputStream(file);
        ZipInputStream zip = new ZipInputStream(is)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new IOException(
          file + ": not a pixel-classifier model (expected a ZIP with model.json): " + e.getMessage(),
          e);
    }
    if (!entries.containsKey("model.json") || !entries.containsKey("tribuo-model.pb")) {
      throw new IOException(
          file
              + ": not a pixel-classifier model (expected ZIP entries model.json and"
              + " tribuo-model.pb, found "
              + entries.keySet()
              + ")");
    }
    ObjectMapper om = new ObjectMapper();
    var root = om.readTree(entries.get("model.json"));
    if (!"alloyflow-pixel-classifier".equals(root.path("format").asText())) {
      throw new IOException(file + ": model.json format is not alloyflow-pixel-classifier");
    }
    List<String> names = new ArrayList<>();
    root.path("classNames").forEach(n -> names.add(n.asText()));
    List<Double> sig = new ArrayList<>();
    root.path("sigmas").forEach(n -> sig.add(n.asDouble()));
    double[] sigmas = sig.stream().mapToDouble(Double::doubleValue).toArray();
    boolean localStats = root.path("localStatistics").asBoolean(false);
    int nStages = 1 + root.path("autoContextStages").asInt(0);
    double[] prior = new double[names.size()];
    java.util.Arrays.fill(prior, 1.0);
    var pw = root.path("priorWeights");
    if (pw.isArray()) {
      if (pw.size() != names.size()) {
        throw new IOException(file + ": model.json has " + pw.size() + " prior weights for "
            + names.size() + " classes");
      }
      for (int c = 0; c < prior.length; c++) {
        prior[c] = pw.get(c).asDouble();
      }
    }
    int minRegion = root.path("minRegionPx").asInt(0);
    var alg = root.path("algorithm");
    Map<String, String> params = new LinkedHashMap<>();
    alg.path("parameters").fields().forEachRemaining(en -> params.put(en.getKey(), en.getValue().asText()));
    List<String> td = new ArrayList<>();
    root.path("trainingData").forEach(n -> td.add(n.asText()));
    List<Model<Label>> models = new ArrayList<>();
    for (int s = 0; s < nStages; s++) {
      String entry = s == 0 ? "tribuo-model.pb" : "tribuo-context-" + s + ".pb";
      byte[] b = entries.get(entry);
      if (b == null) {
        throw new IOException(file + ": model.json declares " + (nStages - 1)
            + " auto-context stages but the ZIP has no entry " + entry);
      }
      Model<?> m = Model.deserializeFromStream(new ByteArrayInputStream(b));
      if (!m.validate(Label.class)) {
        throw new IOException(file + ": " + entry + " is not a Tribuo classification model");
      }
      models.add((Model<Label>) m);
    }
    return new PixelClassifier(
        new FeatureBank(sigmas, localStats),
        names,
        models,
        prior,
        minRegion,
        new AlgorithmInfo(
            alg.path("name").asText(PixelClassifier.ALGORITHM),
            alg.path("version").asText(PixelClassifier.VERSION),
            alg.path("reference").asText(PixelClassifier.REFERENCE),
            params),
        td);
  }


}
