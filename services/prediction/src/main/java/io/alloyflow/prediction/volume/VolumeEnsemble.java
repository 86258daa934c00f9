package io.alloyflow.prediction.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep ensemble of {@link VolumeCnn} members that differ only in their seed (B.
 * Lakshminarayanan, A. Pritzel and C. Blundell, NeurIPS 2017): the prediction is the members'
 * mean (each averaged over the 16 symmetry versions of the volume), the uncertainty their
 * standard deviation. Stored as {@value #FILE} (settings and target scaling per member) and one
 * {@code memberK-0000.params} per member.
 */
public final class VolumeEnsemble implements AutoCloseable {

  /** The ensemble description file. */
  public static final String FILE = "volume-cnn.json";

  /** Method name written to {@code image-model.json}. */
  public static final String METHOD = "cnn3d-symmetric-ensemble";

  private final List<VolumeCnn> members;

  /** An ensemble of trained members (at least one). */
  public VolumeEnsemble(List<VolumeCnn> members) {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    int ch = members.get(0).config().channels();
    int side = members.get(0).config().side();
    for (VolumeCnn m : members) {
      if (m.config().channels() != ch || m.config().side() != side) {
        throw new IllegalArgumentException("ensemble members must share input channels and side");
      }
    }
    this.members = List.copyOf(members);
  }

  /** The members. */
  public List<VolumeCnn> members() {
    return members;
  }

  /** Input channels. */
  public int channels() {
    return members.get(0).config().channels();
  }

  /** Input side. */
  public int side() {
    return members.get(0).config().side();
  }

  /**
   * Mean and standard deviation over members of each input's prediction ({@code [0]} means,
   * {@code [1]} standard deviations; 0 for one member).
   */
  public double[][] predict(float[][] x, boolean tta) {
    double[][] p = new double[members.size()][];
    for (int k = 0; k < p.length; k++) {
      p[k] = members.get(k).predict(x, tta);
    }
    return meanSd(p);
  }

  /** Mean and sample standard deviation over the rows of p (members x inputs). */
  static double[][] meanSd(double[][] p) {
    int n = p[0].length;
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (double[] row : p) {
      for (int i = 0; i < n; i++) {
        mean[i] += row[i] / p.length;
      }
    }
    if (p.length > 1) {
      for (double[] row : p) {
        for (int i = 0; i < n; i++) {
          sd[i] += Math.pow(row[i] - mean[i], 2) / (p.length - 1);
        }
      }
      for (int i = 0; i < n; i++) {
        sd[i] = Math.sqrt(sd[i]);
      }
    }
    return new double[][] {mean, sd};
  }

  /** Writes {@value #FILE} and the members' parameters to dir. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Map<String, Object>> ms = new ArrayList<>();
    for (int k = 0; k < members.size(); k++) {
      VolumeCnn m = members.get(k);
      m.saveParameters(dir, "member" + k);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", "member" + k);
      e.put("config", m.config());
      e.put("yMean", m.yMean());
      e.put("yScale", m.yScale());
      ms.add(e);
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("method", METHOD);
    meta.put("input", "VolumeFeatures.symmetricInput (" + channels() + " channels)");
    meta.put("testTimeAugmentation", "mean over the 16 maps of VolumeSymmetry.GROUP");
    meta.put("members", ms);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), meta);
  }

  /** Loads an ensemble written by {@link #save}. */
  public static VolumeEnsemble load(Path dir) throws IOException {
    Path meta = dir.resolve(FILE);
    if (!Files.isRegularFile(meta)) {
      throw new IOException("no volume CNN ensemble at " + dir + ": " + FILE + " is missing");
    }
    JsonNode tree = new ObjectMapper().readTree(meta.toFile());
    if (!METHOD.equals(tree.path("method").asText())) {
      throw new IOException(dir.resolve(FILE) + " describes method '" + tree.path("method").asText()
          + "', expected '" + METHOD + "'");
    }
    List<VolumeCnn> ms = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    try {
      for (JsonNode m : tree.path("members")) {
        VolumeCnn.Config c = om.treeToValue(m.get("config"), VolumeCnn.Config.class);
        ms.add(VolumeCnn.load(dir, m.path("name").asText(), c, m.path("yMean").asDouble(),
            m.path("yScale").asDouble()));
      }
    } catch (IOException | RuntimeException e) {
      ms.forEach(VolumeCnn::close);
      throw e;
    }
    if (ms.isEmpty()) {
      throw new IOException(dir.resolve(FILE) + " lists no members");
    }
    return new VolumeEnsemble(ms);
  }

  @Override
  public void close() {
    members.forEach(VolumeCnn::close);
  }
}
