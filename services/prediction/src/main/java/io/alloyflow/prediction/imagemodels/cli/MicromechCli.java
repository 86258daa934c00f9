package io.alloyflow.prediction.imagemodels.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.imagemodels.ConvRegressor;
import io.alloyflow.prediction.imagemodels.HeldOut;
import io.alloyflow.prediction.imagemodels.ImageFeatures;
import io.alloyflow.prediction.imagemodels.ImageModelTraining;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import io.alloyflow.prediction.volume.VolumeCnn;
import io.alloyflow.prediction.volume.VolumeEnsemble;
import io.alloyflow.prediction.volume.VolumeFeatures;
import io.alloyflow.prediction.volume.VolumeStudy;
import io.alloyflow.prediction.vqvae.CriticalRegions;
import io.alloyflow.prediction.vqvae.LikelihoodRegressor;
import io.alloyflow.prediction.vqvae.VqStrainTraining;
import io.alloyflow.prediction.vqvae.VqVae;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Adds {@code fracture-strain} and {@code volume-property} under the {@code train} and
 * {@code predict} commands that {@link io.alloyflow.prediction.cli.PredictionCli} registers
 * (call after it); creates the groups when absent.
 */
public final class MicromechCli {

  static final int BAD_INPUT = 2;

  private MicromechCli() {}

  /** Registers the subcommands. */
  public static void register(CommandLine root) {
    CommandLine train = group(root, "train");
    CommandLine predict = group(root, "predict");
    train.addSubcommand("fracture-strain", new CommandLine(new TrainModel(false)));
    train.addSubcommand("volume-property", new CommandLine(new TrainModel(true)));
    train.addSubcommand("fracture-strain-explainer", new CommandLine(new TrainExplainer()));
    predict.addSubcommand("fracture-strain", new CommandLine(new PredictFracture()));
    predict.addSubcommand("volume-property", new CommandLine(new PredictVolume()));
  }

  private static CommandLine group(CommandLine root, String name) {
    CommandLine g = root.getSubcommands().get(name);
    if (g == null) {
      g = new CommandLine(new Group());
      root.addSubcommand(name, g);
    }
    return g;
  }

  @Command(mixinStandardHelpOptions = true, description = "Command group.")
  static final class Group implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  /** Standalone entry ({@code java ... MicromechCli train fracture-strain ...}). */
  public static void main(String[] args) {
    System.exit(standalone().execute(args));
  }

  /** A command line holding only these commands. */
  public static CommandLine standalone() {
    CommandLine cl = new CommandLine(new Group());
    register(cl);
    return cl;
  }

  @Command(mixinStandardHelpOptions = true,
      description = "Train the direct CNN and the ridge / XGBoost feature baselines on a labelled"
          + " micromechanics dataset (or generate one first) and write the model, REPORT.md"
          + " (held-out R2 / MAE), MODEL_CARD.md and SHA256SUMS to --out.")
  static final class TrainModel implements Callable<Integer> {
    private final boolean volume;

    TrainModel(boolean volume) {
      this.volume = volume;
    }

    @Option(names = "--data", description = "dataset directory (written by --generate or"
        + " MicromechDatasets)")
    Path data;

    @Option(names = "--generate", description = "generate a dataset of this many samples into"
        + " OUT/dataset first")
    Integer generate;

    @Option(names = "--size", defaultValue = "-1",
        description = "map side (default 32) or volume side (default 16) when generating")
    int size;

    @Option(names = "--gen-seed", defaultValue = "13", description = "dataset seed (default 13)")
    long genSeed;

    @Option(names = "--threads", defaultValue = "2", description = "generator threads (default 2)")
    int threads;

    @Option(names = "--volume-channels", defaultValue = "4",
        description = "volume-property: CNN input channels, 4 (x axis in crystal frame, grain"
            + " boundaries) or 6 (+ per-voxel Schmid factor and stiffness invariant)")
    int volumeChannels;

    @Option(names = "--property", defaultValue = "young",
        description = "volume property: young (GPa), yield (MPa) or plastic (plastic volume fraction at 360 MPa) or hotspot (volume fraction with RSS > 0.5 x applied stress)")
    String property;

    @Option(names = "--out", required = true, description = "model directory")
    Path out;

    @Option(names = "--epochs", defaultValue = "40", description = "CNN epochs (default 40)")
    int epochs;

    @Option(names = "--width", defaultValue = "16", description = "CNN first-block filters")
    int width;

    @Option(names = "--batch", defaultValue = "32", description = "batch size")
    int batch;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate")
    double lr;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "held-out fraction")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", description = "split and training seed")
    long seed;

    @Option(names = "--no-augment", description = "train the CNN without random periodic shifts"
        + " and mirror images")
    boolean noAugment;

    @Option(names = "--method", defaultValue = "cnn", description = "cnn (direct CNN, default);"
        + " fracture strain: vqvae (VQ-VAE + conditional PixelCNN; the direct CNN with"
        + " --epochs is trained beside it as the baseline, --epochs 0 skips it); volume property:"
        + " cnn3d-sym (symmetric 3D CNN ensemble with test-time averaging over the load's 16"
        + " symmetry maps against ridge and validation-tuned XGBoost)")
    String method;

    @Option(names = "--baseline-model", description = "vqvae: evaluate this direct CNN (trained"
        + " on the same dataset and split; a directory or a shipped model name) instead of"
        + " training one")
    Path baselineModel;

    @Option(names = "--codes", defaultValue = "512", description = "vqvae: codebook size")
    int codes;

    @Option(names = "--vq-epochs", defaultValue = "60", description = "vqvae: VQ-VAE epochs")
    int vqEpochs;

    @Option(names = "--prior-epochs", defaultValue = "40", description = "vqvae: PixelCNN epochs")
    int priorEpochs;

    @Option(names = "--prior-channels", defaultValue = "64",
        description = "vqvae: PixelCNN channels per stack")
    int priorChannels;

    @Option(names = "--prior-layers", defaultValue = "6", description = "vqvae: gated layers")
    int priorLayers;

    @Option(names = "--bins", defaultValue = "10", description = "vqvae: strain bins")
    int bins;

    @Option(names = "--versions", defaultValue = "8",
        description = "vqvae: shifted/mirrored versions of each training map for the prior")
    int versions;

    @Option(names = "--tta", defaultValue = "8",
        description = "vqvae: test-time versions averaged in the likelihood")
    int tta;

    @Option(names = "--validation", defaultValue = "0.15",
        description = "vqvae: part of the training split that chooses the likelihood temperature;"
            + " volume-property --method cnn3d-sym: part of the training volumes that chooses"
            + " XGBoost's setting and scores the CNN")
    double validation;

    @Option(names = "--members", defaultValue = "4",
        description = "volume-property --method cnn3d-sym: CNN ensemble members (default 4)")
    int members;

    @Option(names = "--refit", description = "volume-property --method cnn3d-sym: train the final"
        + " CNN members on all training volumes (the validation part scores a first member"
        + " trained without it)")
    boolean refit;

    @Option(names = "--cond-width", defaultValue = "0", description = "vqvae: condition the prior"
        + " on Gaussian-smoothed bin weights of the exact label, this wide in bins (0: one-hot"
        + " bins)")
    double condWidth;

    @Option(names = "--prior-lr-schedule", defaultValue = "fixed",
        description = "vqvae: PixelCNN learning rate, fixed or cosine (decay to 5 %%)")
    String priorLrSchedule;

    @Option(names = "--extra-train", description = "vqvae: a further labelled dataset (same"
        + " generator and solver, other seeds) added to the training side only; repeatable")
    List<Path> extraTrain = new java.util.ArrayList<>();

    @Override
    public Integer call() {
      try {
        if ((data == null) == (generate == null)) {
          System.err.println("error: give exactly one of --data DIR or --generate N");
          return BAD_INPUT;
        }
        Path ds = data;
        if (generate != null) {
          ds = out.resolve("dataset");
          int side = size > 0 ? size : volume ? 16 : 32;
          long t0 = System.nanoTime();
          if (volume) {
            MicromechDatasets.buildVolumes(ds, generate, side, genSeed, threads);
          } else {
            MicromechDatasets.buildFracture(ds, generate, side, genSeed, threads);
          }
          System.out.printf(Locale.ROOT, "generated %d samples in %.1f s -> %s%n", generate,
              (System.nanoTime() - t0) / 1e9, ds);
        }
        Files.createDirectories(out);
        var sizes = new ImageModelTraining.Sizes(epochs, width, batch, lr, testFraction, seed,
            !noAugment);
        if (!method.equals("cnn") && !method.equals("vqvae") && !method.equals("cnn3d-sym")) {
          System.err.println("error: --method must be cnn, vqvae or cnn3d-sym, found '" + method
              + "'");
          return BAD_INPUT;
        }
        if (volume && method.equals("vqvae")) {
          System.err.println("error: --method vqvae is for fracture-strain, not volume-property");
          return BAD_INPUT;
        }
        if (!volume && method.equals("cnn3d-sym")) {
          System.err.println("error: --method cnn3d-sym is for volume-property, not fracture-strain");
          return BAD_INPUT;
        }
        List<HeldOut.Score> scores;
        if (method.equals("cnn3d-sym")) {
          var st = new VolumeStudy.Settings(property, testFraction, validation, seed, members,
              refit, new VolumeCnn.Config(VolumeFeatures.SYMMETRIC_CHANNELS, 4, width, epochs,
                  batch, lr, seed), List.of());
          scores = VolumeStudy.run(ds, out, st, line -> System.out.println(line)).test();
        } else if (method.equals("vqvae")) {
          if (!priorLrSchedule.equals("fixed") && !priorLrSchedule.equals("cosine")) {
            System.err.println("error: --prior-lr-schedule must be fixed or cosine, found '"
                + priorLrSchedule + "'");
            return BAD_INPUT;
          }
          var vq = new VqVae.Config(32, 16, 16, codes, vqEpochs, batch, 0.001, 0.25, 0.95, 50,
              seed, !noAugment);
          scores = VqStrainTraining.fractureStrain(ds, out, new VqStrainTraining.Sizes(vq,
              priorEpochs, priorChannels, priorLayers, bins, versions, tta, validation,
              testFraction, seed, epochs, width,
              baselineModel == null ? null : resolve(baselineModel), condWidth,
              priorLrSchedule.equals("cosine"), extraTrain));
        } else {
          scores = volume
              ? ImageModelTraining.volumeProperty(ds, property, out, sizes, volumeChannels)
              : ImageModelTraining.fractureStrain(ds, out, sizes);
        }
        System.out.print(Files.readString(out.resolve("REPORT.md")));
        return scores.isEmpty() ? 1 : 0;
      } catch (IllegalArgumentException | IOException e) {
        System.err.println("error: " + e.getMessage());
        return BAD_INPUT;
      }
    }
  }

  /** A model directory, or the name of a model shipped under the repository's {@code models/}. */
  static Path resolve(Path model) {
    if (Files.isDirectory(model)) {
      return model;
    }
    String root = System.getProperty("alloyflow.repoRoot");
    if (root != null && model.getNameCount() == 1) {
      Path shipped = Path.of(root, "models").resolve(model);
      if (Files.isDirectory(shipped)) {
        return shipped;
      }
    }
    return model;
  }

  static JsonNode modelKind(Path model, String expected) throws IOException {
    Path k = model.resolve("image-model.json");
    if (!Files.isRegularFile(k)) {
      throw new IOException("no image/volume model at " + model + " (image-model.json is missing)");
    }
    JsonNode n = new ObjectMapper().readTree(k.toFile());
    String prop = n.path("property").asText();
    if (!prop.startsWith(expected)) {
      throw new IOException("model at " + model + " predicts '" + prop + "', not " + expected);
    }
    return n;
  }

  @Command(mixinStandardHelpOptions = true,
      description = "Predict the fracture strain of DP phase maps (PNG, two gray levels: dark"
          + " ferrite, bright martensite) with a trained fracture-strain model.")
  static final class PredictFracture implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model directory") Path model;

    @Option(names = "--out", required = true, description = "output directory") Path out;

    @Parameters(arity = "1..*", paramLabel = "IMG", description = "phase-map images") List<Path> images;

    private int predictVq(float[][] x, double[] frac, int side) throws IOException {
      return predictVqImpl(model, out, images, x, frac, side);
    }

    @Override
    public Integer call() {
      try {
        model = resolve(model);
        JsonNode kind = modelKind(model, "fracture-strain");
        int side = kind.path("side").asInt();
        float[][] x = new float[images.size()][];
        double[] frac = new double[images.size()];
        for (int i = 0; i < images.size(); i++) {
          int[] m = readPhaseMap(images.get(i), side);
          x[i] = ImageFeatures.cnnInput(m);
          frac[i] = ImageFeatures.of(m, side)[0];
        }
        Files.createDirectories(out);
        if (kind.path("method").asText().equals("vqvae-pixelcnn")) {
          return predictVq(x, frac, side);
        }
        double[] p;
        try (ConvRegressor cnn = ConvRegressor.load(model)) {
          p = cnn.predict(x);
        }
        StringBuilder sb = new StringBuilder("image,martensite_fraction,fracture_strain\n");
        for (int i = 0; i < p.length; i++) {
          sb.append(String.format(Locale.ROOT, "%s,%.4f,%.5f%n", images.get(i), frac[i], p[i]));
        }
        Files.writeString(out.resolve("predictions.csv"), sb.toString());
        System.out.print(sb);
        return 0;
      } catch (IllegalArgumentException | IOException e) {
        System.err.println("error: " + e.getMessage());
        return BAD_INPUT;
      }
    }
  }

  /**
   * VQ-VAE + PixelCNN prediction: posterior mean and standard deviation of the fracture strain
   * and a critical-region overlay {@code critical-NAME.png} per image; where the model has a SHAP
   * surrogate ({@code explainer.json} + {@code code-clusters.json}), a waterfall
   * {@code shap-NAME.png} over image features and code-cluster areas too.
   */
  private static int predictVqImpl(Path model, Path out, List<Path> images, float[][] x,
      double[] frac, int side) throws IOException {
    boolean explained = Files.isRegularFile(model.resolve(
        io.alloyflow.prediction.imagemodels.StrainExplainer.FILE))
        && Files.isRegularFile(model.resolve(io.alloyflow.prediction.vqvae.CodeClusters.FILE));
    StringBuilder sb = new StringBuilder(
        "image,martensite_fraction,fracture_strain,fracture_strain_sd,critical_overlay"
            + (explained ? ",shap_waterfall,surrogate\n" : "\n"));
    try (LikelihoodRegressor m = LikelihoodRegressor.load(model)) {
      LikelihoodRegressor.Prediction[] p = m.predict(x);
      int cs = m.vqvae().config().codeSide();
      io.alloyflow.prediction.shap.ShapValues sv = null;
      io.alloyflow.prediction.imagemodels.StrainExplainer ex = null;
      if (explained) {
        ex = io.alloyflow.prediction.imagemodels.StrainExplainer.load(model);
        List<int[]> maps = new java.util.ArrayList<>();
        for (float[] xi : x) {
          int[] mi = new int[xi.length];
          for (int q = 0; q < xi.length; q++) {
            mi[q] = xi[q] > 0.5f ? 1 : 0;
          }
          maps.add(mi);
        }
        sv = ex.shapOfRows(io.alloyflow.prediction.vqvae.VqExplanations.features(m.vqvae(),
            io.alloyflow.prediction.vqvae.CodeClusters.load(model), maps, side));
      }
      for (int i = 0; i < p.length; i++) {
        String name = images.get(i).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path png = out.resolve("critical-" + name.replaceAll("\\.[A-Za-z]+$", "") + ".png");
        Files.write(png, CriticalRegions.png(CriticalRegions.overlay(x[i], side,
            m.criticalMap(x[i]), cs, Math.max(1, 256 / side), 0, String.format(Locale.ROOT,
                "%s: fracture strain %.3f +- %.3f", name, p[i].mean(), p[i].sd()))));
        sb.append(String.format(Locale.ROOT, "%s,%.4f,%.5f,%.5f,%s", images.get(i), frac[i],
            p[i].mean(), p[i].sd(), png.getFileName()));
        if (sv != null) {
          Path wf = out.resolve("shap-" + name.replaceAll("\\.[A-Za-z]+$", "") + ".png");
          Files.write(wf, io.alloyflow.prediction.shap.ShapPlots.waterfall(ex.players(),
              sv.base(), sv.values()[i], sv.predictions()[i], "strain", String.format(Locale.ROOT,
                  "%s: SHAP of the surrogate (fidelity R2 %.3f vs the VQ model)", name,
                  ex.fidelityR2())));
          sb.append(String.format(Locale.ROOT, ",%s,%.5f", wf.getFileName(),
              sv.predictions()[i]));
        }
        sb.append('\n');
      }
    }
    Files.writeString(out.resolve("predictions.csv"), sb.toString());
    System.out.print(sb);
    return 0;
  }

  /** Reads a two-level phase map of the model's side; dark = ferrite (0), bright = martensite. */
  static int[] readPhaseMap(Path img, int side) throws IOException {
    if (!Files.isRegularFile(img)) {
      throw new IOException(img + ": no such file");
    }
    BufferedImage bi = ImageIO.read(img.toFile());
    if (bi == null) {
      throw new IOException(img + ": not a readable image (PNG, TIFF, BMP or JPEG expected)");
    }
    if (bi.getWidth() != side || bi.getHeight() != side) {
      throw new IOException(img + ": the model expects " + side + "x" + side + " phase maps, found "
          + bi.getWidth() + "x" + bi.getHeight());
    }
    TreeSet<Integer> levels = new TreeSet<>();
    int[] gray = new int[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int rgb = bi.getRGB(x, y);
        int g = (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / 3;
        gray[y * side + x] = g;
        levels.add(g);
      }
    }
    if (levels.size() > 2) {
      throw new IOException(img + ": a phase map must have 2 classes (ferrite, martensite), found "
          + levels.size() + " gray levels");
    }
    int hi = levels.last();
    int lo = levels.first();
    int[] m = new int[side * side];
    for (int i = 0; i < m.length; i++) {
      m[i] = hi != lo && gray[i] == hi ? 1 : 0;
    }
    return m;
  }

  @Command(mixinStandardHelpOptions = true,
      description = "Predict a volume property for every volume of a grain-volume dataset"
          + " directory with a trained volume-property model.")
  static final class PredictVolume implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model directory") Path model;

    @Option(names = "--out", required = true, description = "output directory") Path out;

    @Parameters(arity = "1..*", paramLabel = "VOL", description = "grain-volume dataset directories")
    List<Path> volumes;

    @Override
    public Integer call() {
      try {
        model = resolve(model);
        JsonNode kind = modelKind(model, "volume-");
        int side = kind.path("side").asInt();
        boolean ensemble = VolumeEnsemble.METHOD.equals(kind.path("method").asText());
        String col = kind.path("property").asText() + "_" + kind.path("unit").asText();
        StringBuilder sb = new StringBuilder("volume,index," + col + (ensemble ? "," + col
            + "_sd" : "") + "\n");
        List<MicromechDatasets.VolumeDataset> sets = new ArrayList<>();
        for (Path v : volumes) {
          MicromechDatasets.VolumeDataset ds;
          try {
            ds = MicromechDatasets.readVolumes(v);
          } catch (IOException e) {
            throw new IOException(v + " is not a grain-volume (label volume) dataset: "
                + e.getMessage());
          }
          if (ds.size() != side) {
            throw new IOException(v + ": the model expects volumes of side " + side + ", found "
                + ds.size());
          }
          sets.add(ds);
        }
        if (ensemble) {
          try (VolumeEnsemble ens = VolumeEnsemble.load(model)) {
            for (int d = 0; d < sets.size(); d++) {
              var ds = sets.get(d);
              float[][] x = new float[ds.volumes().size()][];
              for (int i = 0; i < x.length; i++) {
                var g = ds.volumes().get(i);
                x[i] = VolumeFeatures.symmetricInput(side, g.grainId(), g.orientation());
              }
              double[][] p = ens.predict(x, true);
              for (int i = 0; i < x.length; i++) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f%n", volumes.get(d), i,
                    p[0][i], p[1][i]));
              }
            }
          }
        } else {
          try (ConvRegressor cnn = ConvRegressor.load(model)) {
            for (int d = 0; d < sets.size(); d++) {
              var ds = sets.get(d);
              float[][] x = new float[ds.volumes().size()][];
              for (int i = 0; i < x.length; i++) {
                var g = ds.volumes().get(i);
                x[i] = VolumeFeatures.cnnInput(side, g.grainId(), g.orientation(),
                    cnn.config().channels());
              }
              double[] p = cnn.predict(x);
              for (int i = 0; i < p.length; i++) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%.4f%n", volumes.get(d), i, p[i]));
              }
            }
          }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("predictions.csv"), sb.toString());
        System.out.print(sb);
        return 0;
      } catch (IllegalArgumentException | IOException e) {
        System.err.println("error: " + e.getMessage());
        return BAD_INPUT;
      }
    }
  }

  @Command(mixinStandardHelpOptions = true,
      description = "Fit the SHAP surrogate (explainer.json) of a fracture-strain model (direct CNN,"
          + " or VQ-VAE + PixelCNN: image features + code-cluster areas, code-clusters.json and"
          + " explanation/shap-importance.png) to its predictions on generator maps, and rewrite"
          + " the model's SHA256SUMS.")
  static final class TrainExplainer implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model directory or shipped name")
    Path model;

    @Option(names = "--maps", defaultValue = "2000", description = "maps to draw (default 2000)")
    int maps;

    @Option(names = "--seed", defaultValue = "49", description = "generator seed (default 49)")
    long seed;

    @Override
    public Integer call() {
      try {
        model = resolve(model);
        JsonNode kind = modelKind(model, "fracture-strain");
        if (kind.path("method").asText("cnn").equals("vqvae-pixelcnn")) {
          try (LikelihoodRegressor m = LikelihoodRegressor.load(model)) {
            var r = io.alloyflow.prediction.vqvae.VqExplanations.fitOnGenerator(m, maps, seed);
            io.alloyflow.prediction.vqvae.VqExplanations.write(r, model, "generator maps");
            VqStrainTraining.writeSums(model);
            System.out.printf(Locale.ROOT, "explainer: %d maps, fidelity vs the VQ model R2 %.4f,"
                + " MAE %.5f, additivity %.1e -> %s%n", r.explainer().maps(),
                r.explainer().fidelityR2(), r.explainer().fidelityMae(),
                r.heldOut().maxAdditivityError(),
                model.resolve(io.alloyflow.prediction.imagemodels.StrainExplainer.FILE));
            return 0;
          }
        }
        io.alloyflow.prediction.imagemodels.StrainExplainer e;
        try (ConvRegressor cnn = ConvRegressor.load(model)) {
          e = io.alloyflow.prediction.imagemodels.StrainExplainer.fit(cnn::predict,
              kind.path("side").asInt(), maps, seed);
        }
        e.save(model);
        VqStrainTraining.writeSums(model);
        System.out.printf(Locale.ROOT, "explainer: %d maps, fidelity vs CNN R2 %.4f, MAE %.5f -> %s%n",
            e.maps(), e.fidelityR2(), e.fidelityMae(),
            model.resolve(io.alloyflow.prediction.imagemodels.StrainExplainer.FILE));
        return 0;
      } catch (IllegalArgumentException | IOException ex) {
        System.err.println("error: " + ex.getMessage());
        return BAD_INPUT;
      }
    }
  }
}
