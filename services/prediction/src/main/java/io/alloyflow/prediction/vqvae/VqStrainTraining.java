package io.alloyflow.prediction.vqvae;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.imagemodels.ConvRegressor;
import io.alloyflow.prediction.imagemodels.HeldOut;
import io.alloyflow.prediction.imagemodels.ImageFeatures;
import io.alloyflow.prediction.imagemodels.ImageModelTraining;
import io.alloyflow.prediction.imagemodels.Ridge;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the VQ-VAE + conditional PixelCNN fracture-strain model on a DP phase-map dataset and
 * compares it with the direct CNN regression and ridge regression on image features, all on the
 * same seeded held-out split as {@link io.alloyflow.prediction.imagemodels.ImageModelTraining}
 * ({@link HeldOut#split}). The VQ-VAE sees only the training maps; the prior is trained on
 * {@code trainVersions} shifted/mirrored versions of each training map (fit part), the likelihood
 * temperature is chosen on the validation part of the training split; the test maps are used only
 * for the scores. Writes the model, {@code REPORT.md}, {@code report.json},
 * {@code predictions.csv}, critical-region overlays ({@code critical/*.png}), a model card and
 * {@code SHA256SUMS}.
 */
public final class VqStrainTraining {

  private static final System.Logger LOG = System.getLogger(VqStrainTraining.class.getName());

  /**
   * Sizes.
   *
   * @param vq VQ-VAE settings (side is taken from the dataset)
   * @param priorEpochs PixelCNN epochs
   * @param priorChannels PixelCNN channels per stack
   * @param priorLayers gated layers
   * @param bins property bins
   * @param trainVersions shifted/mirrored versions of each training map for the prior
   * @param tta test-time versions averaged in the likelihood
   * @param validationFraction part of the training split held back to choose the temperature (0:
   *     temperature 1, all training maps fit the prior)
   * @param testFraction held-out fraction
   * @param seed split seed (also seeds the networks)
   * @param cnnEpochs epochs of the direct CNN baseline (0: no CNN)
   * @param cnnWidth first-block filters of the CNN
   * @param baselineModel a direct CNN already trained on the same dataset and split (its
   *     {@code report.json} must name the same dataset provenance hash and split), evaluated on
   *     the test maps instead of training one; null to train (cnnEpochs &gt; 0) or skip
   * @param conditioningWidth width of the prior's soft bin conditioning in bins ({@link
   *     LikelihoodRegressor.Bins#condition}); 0: one-hot bins
   * @param cosineDecay prior learning rate decayed along a half cosine (else fixed)
   * @param extraTrain further labelled datasets from the same generator and solver with other
   *     seeds, added to the training side only (the held-out maps stay those of the split of the
   *     main dataset); empty for none
   */
  public record Sizes(
      VqVae.Config vq, int priorEpochs, int priorChannels, int priorLayers, int bins,
      int trainVersions, int tta, double validationFraction, double testFraction, long seed,
      int cnnEpochs, int cnnWidth, Path baselineModel, double conditioningWidth,
      boolean cosineDecay, List<Path> extraTrain) {

    /** Sizes with one-hot bins, a fixed prior learning rate and no extra training maps. */
    public Sizes(VqVae.Config vq, int priorEpochs, int priorChannels, int priorLayers, int bins,
        int trainVersions, int tta, double validationFraction, double testFraction, long seed,
        int cnnEpochs, int cnnWidth, Path baselineModel) {
      this(vq, priorEpochs, priorChannels, priorLayers, bins, trainVersions, tta,
          validationFraction, testFraction, seed, cnnEpochs, cnnWidth, baselineModel, 0, false,
          List.of());
    }

    public Sizes {
      extraTrain = List.copyOf(extraTrain);
      if (!(conditioningWidth >= 0 && conditioningWidth <= bins)) {
        throw new IllegalArgumentException("conditioning width must be in [0, bins = " + bins
            + "], found " + conditioningWidth);
      }
      if (baselineModel != null && !extraTrain.isEmpty()) {
        throw new IllegalArgumentException("a baseline model trained without the extra training"
            + " maps is not a fair comparison: give --epochs to retrain the direct CNN on the same"
            + " enlarged training set instead of --baseline-model");
      }
      if (priorEpochs < 1 || priorChannels < 1 || priorLayers < 1 || bins < 2
          || trainVersions < 1 || tta < 1 || !(validationFraction >= 0 && validationFraction < 0.5)
          || cnnEpochs < 0 || cnnWidth < 1) {
        throw new IllegalArgumentException("bad VQ training sizes: priorEpochs=" + priorEpochs
            + " priorChannels=" + priorChannels + " priorLayers=" + priorLayers + " bins=" + bins
            + " (>= 2) trainVersions=" + trainVersions + " tta=" + tta + " validationFraction="
            + validationFraction + " (in [0, 0.5)) cnnEpochs=" + cnnEpochs);
      }
    }
  }

  /** Temperatures tried on the validation maps. */
  static final double[] TEMPERATURES = {1, 2, 4, 8, 16, 32, 64};

  private VqStrainTraining() {}

  /** Trains, scores and writes everything to {@code out}; returns the held-out scores. */
  public static List<HeldOut.Score> fractureStrain(Path data, Path out, Sizes s)
      throws IOException {
    MicromechDatasets.DpDataset ds = MicromechDatasets.readFracture(data);
    int n = ds.maps().size();
    int side = ds.size();
    List<MicromechDatasets.DpDataset> extras = readExtras(data, s.extraTrain(), side);
    VqVae.Config vc = new VqVae.Config(side, s.vq().width(), s.vq().codeDim(), s.vq().codes(),
        s.vq().epochs(), s.vq().batch(), s.vq().learningRate(), s.vq().beta(), s.vq().decay(),
        s.vq().restartAfter(), s.seed(), s.vq().augment());
    float[][] x = new float[n][];
    double[][] feats = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = ImageFeatures.cnnInput(ds.maps().get(i));
      feats[i] = ImageFeatures.of(ds.maps().get(i), side);
    }
    double[] y = ds.fractureStrain();
    int[][] sp = HeldOut.split(n, s.testFraction(), s.seed());
    int[] te = sp[1];
    double[] yte = pick(y, te);
    float[][] xte = pick(x, te);
    // training side: the split's training maps, then the extra datasets' maps
    int nExtra = extras.stream().mapToInt(e -> e.maps().size()).sum();
    int[] tr = sp[0];
    float[][] xtr = Arrays.copyOf(pick(x, tr), tr.length + nExtra);
    double[] ytr = Arrays.copyOf(pick(y, tr), tr.length + nExtra);
    double[][] ftr = Arrays.copyOf(pick(feats, tr), tr.length + nExtra);
    List<int[]> mtr = new ArrayList<>();
    for (int i : tr) {
      mtr.add(ds.maps().get(i));
    }
    int k0 = tr.length;
    for (MicromechDatasets.DpDataset e : extras) {
      mtr.addAll(e.maps());
      for (int i = 0; i < e.maps().size(); i++) {
        xtr[k0] = ImageFeatures.cnnInput(e.maps().get(i));
        ftr[k0] = ImageFeatures.of(e.maps().get(i), side);
        ytr[k0++] = e.fractureStrain()[i];
      }
    }
    int nTrain = xtr.length;
    List<HeldOut.Score> scores = new ArrayList<>();
    Map<String, Object> rep = new LinkedHashMap<>();
    Files.createDirectories(out);

    // 1. VQ-VAE on all training maps (no labels)
    long t0 = System.nanoTime();
    VqVae vq = VqVae.train(xtr, vc);
    double vqSeconds = (System.nanoTime() - t0) / 1e9;
    int[][] teCodes = vq.encode(xte);
    double[] usage = VqVae.usage(teCodes, vc.codes());
    Map<String, Object> vqr = new LinkedHashMap<>();
    vqr.put("trainSeconds", vqSeconds);
    vqr.put("testPixelAccuracy", vq.pixelAccuracy(xte));
    vqr.put("testCodesUsed", (int) usage[0]);
    vqr.put("testPerplexity", usage[1]);
    vqr.put("restartsTotal", vq.history().stream().mapToInt(VqVae.EpochStats::restarts).sum());
    vqr.put("lastEpoch", vq.history().isEmpty() ? null : vq.history().get(vq.history().size() - 1));
    rep.put("vqvae", vqr);
    LOG.log(System.Logger.Level.INFO, "VQ-VAE trained in {0} s: {1}", vqSeconds, vqr);

    // 2. prior on the fit part, temperature on the validation part
    int nVal = (int) Math.round(nTrain * s.validationFraction());
    int nFit = nTrain - nVal;
    LikelihoodRegressor.Bins bins = LikelihoodRegressor.Bins.quantiles(
        Arrays.copyOf(ytr, nFit), s.bins());
    int[][] fitCodes = new int[nFit * s.trainVersions()][];
    float[][] fitCond = new float[nFit * s.trainVersions()][];
    float[][] versions = new float[nFit * s.trainVersions()][];
    SplittableRandom rnd = new SplittableRandom(s.seed() + 1);
    int len = side * side;
    for (int i = 0; i < nFit; i++) {
      for (int a = 0; a < s.trainVersions(); a++) {
        int k = i * s.trainVersions() + a;
        if (a == 0) {
          versions[k] = xtr[i];
        } else {
          versions[k] = new float[len];
          Nn.shiftMirror(xtr[i], side, versions[k], 0, rnd);
        }
        fitCond[k] = bins.condition(ytr[i], s.conditioningWidth());
      }
    }
    fitCodes = vq.encode(versions);
    t0 = System.nanoTime();
    PixelCnnPrior.Config pc = new PixelCnnPrior.Config(vc.codes(), vc.codeSide(), 32,
        s.priorChannels(), s.priorLayers(), 3, s.bins(), s.priorEpochs(), 32, 0.002, s.seed(),
        s.cosineDecay());
    PixelCnnPrior prior = PixelCnnPrior.train(fitCodes, fitCond, pc);
    double priorSeconds = (System.nanoTime() - t0) / 1e9;
    LikelihoodRegressor model = new LikelihoodRegressor(vq, prior, bins, s.tta(), 1.0, s.seed(),
        s.conditioningWidth());
    Map<String, Object> pr = new LinkedHashMap<>();
    pr.put("trainSeconds", priorSeconds);
    pr.put("fitMaps", nFit);
    pr.put("fitCodeMaps", fitCodes.length);
    pr.put("nllPerPositionFirstEpoch", prior.history().get(0));
    pr.put("nllPerPositionLastEpoch", prior.history().get(prior.history().size() - 1));
    double[] pv = null;
    if (nVal > 0) {
      float[][] xval = Arrays.copyOfRange(xtr, nFit, nTrain);
      double[] yval = Arrays.copyOfRange(ytr, nFit, nTrain);
      double[][] llv = model.logLikelihoods(xval);
      double best = Double.MAX_VALUE;
      double bestT = 1;
      Map<String, Double> tried = new LinkedHashMap<>();
      for (double t : TEMPERATURES) {
        var p = model.withTemperature(t).fromLogLikelihoods(llv);
        double mse = 0;
        for (int i = 0; i < p.length; i++) {
          mse += Math.pow(p[i].mean() - yval[i], 2) / p.length;
        }
        tried.put(String.valueOf(t), mse);
        if (mse < best) {
          best = mse;
          bestT = t;
        }
      }
      model = model.withTemperature(bestT);
      pv = Arrays.stream(model.fromLogLikelihoods(llv)).mapToDouble(
          LikelihoodRegressor.Prediction::mean).toArray();
      pr.put("validationR2", HeldOut.score("validation", yval, pv, Double.NaN).r2());
      pr.put("validationMaps", nVal);
      pr.put("validationMseByTemperature", tried);
    }
    pr.put("temperature", model.temperature());
    LOG.log(System.Logger.Level.INFO, "PixelCNN prior trained in {0} s: {1}", priorSeconds, pr);
    rep.put("prior", pr);

    t0 = System.nanoTime();
    double[][] llTest = model.logLikelihoods(xte);
    LikelihoodRegressor.Prediction[] pt = model.fromLogLikelihoods(llTest);
    double predictSeconds = (System.nanoTime() - t0) / 1e9;
    double[] pm = new double[te.length];
    double[] pmap = new double[te.length];
    double[] psd = new double[te.length];
    for (int i = 0; i < te.length; i++) {
      pm[i] = pt[i].mean();
      pmap[i] = bins.centres()[pt[i].mapBin()];
      psd[i] = pt[i].sd();
    }
    scores.add(HeldOut.score("VQ-VAE + PixelCNN (posterior mean)", yte, pm,
        vqSeconds + priorSeconds));
    scores.add(HeldOut.score("VQ-VAE + PixelCNN (most probable bin)", yte, pmap,
        vqSeconds + priorSeconds));
    rep.put("predictSecondsTest", predictSeconds);
    rep.put("posteriorSdMean", Arrays.stream(psd).average().orElse(Double.NaN));
    rep.put("coverage1Sd", coverage(yte, pm, psd));

    // 3. baselines on the same split
    t0 = System.nanoTime();
    Ridge ridge = Ridge.fit(ftr, ytr);
    double[] prr = new double[te.length];
    for (int i = 0; i < te.length; i++) {
      prr[i] = ridge.predict(feats[te[i]]);
    }
    scores.add(HeldOut.score("ridge (20 image features)", yte, prr,
        (System.nanoTime() - t0) / 1e9));
    double[] pc2 = null;
    if (s.baselineModel() != null) {
      var br = new ObjectMapper().readTree(s.baselineModel().resolve("report.json").toFile());
      String dsSha = sha(data.resolve("provenance.json"));
      if (!dsSha.equals(br.path("datasetProvenanceSha256").asText())
          || br.path("split").path("seed").asLong() != s.seed()
          || br.path("split").path("test").asInt() != te.length) {
        throw new IllegalArgumentException("baseline model " + s.baselineModel()
            + " was not trained on this dataset and split (its report names dataset "
            + br.path("datasetProvenanceSha256").asText() + " split " + br.path("split")
            + "; here dataset " + dsSha + ", seed " + s.seed() + ", " + te.length + " test maps)");
      }
      try (ConvRegressor cnn = ConvRegressor.load(s.baselineModel())) {
        pc2 = cnn.predict(xte);
      }
      scores.add(HeldOut.score("2D CNN (direct regression, " + s.baselineModel().getFileName()
          + ")", yte, pc2, Double.NaN));
    } else if (s.cnnEpochs() > 0) {
      t0 = System.nanoTime();
      ConvRegressor.Config cc = new ConvRegressor.Config(2, 1, side, s.cnnWidth(), s.cnnEpochs(),
          32, 0.002, s.seed(), true);
      try (ConvRegressor cnn = ConvRegressor.train(xtr, ytr, cc)) {
        pc2 = cnn.predict(xte);
        scores.add(HeldOut.score("2D CNN (direct regression)", yte, pc2,
            (System.nanoTime() - t0) / 1e9));
        cnn.save(out.resolve("baseline-cnn"));
      }
    }

    // 4a. SHAP over interpretable features: surrogate fitted to the model's predictions on the
    // validation maps, its fidelity measured on the held-out maps' predictions
    if (pv != null && nVal >= 20 && te.length >= 10) {
      t0 = System.nanoTime();
      List<int[]> em = new ArrayList<>(mtr.subList(nFit, nTrain));
      for (int i : te) {
        em.add(ds.maps().get(i));
      }
      double[] ey = new double[em.size()];
      System.arraycopy(pv, 0, ey, 0, nVal);
      System.arraycopy(pm, 0, ey, nVal, te.length);
      var res = VqExplanations.fit(vq, Arrays.copyOf(xtr, nFit), em, ey, nVal, s.seed(),
          "validation maps (fit) and held-out maps (fidelity) of the VQ training split");
      Map<String, Object> er = VqExplanations.write(res, out, "held-out maps");
      er.put("seconds", (System.nanoTime() - t0) / 1e9);
      rep.put("explanation", er);
      LOG.log(System.Logger.Level.INFO, "SHAP surrogate: {0}", er);
    }

    // 4. critical regions
    Path crit = out.resolve("critical");
    Files.createDirectories(crit);
    Integer[] order = new Integer[te.length];
    for (int i = 0; i < te.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(yte[a], yte[b]));
    int cs = vc.codeSide();
    List<Map<String, Object>> shown = new ArrayList<>();
    int[] pickIdx = java.util.stream.IntStream.of(order[0], order[te.length / 3],
        order[2 * te.length / 3], order[te.length - 1]).distinct().toArray();
    double[] corr = criticalCorrelations(model, xte, side, cs);
    for (int k : pickIdx) {
      float[] d = model.criticalMap(xte[k]);
      String name = String.format(Locale.ROOT, "test-%04d-strain-%.3f.png", te[k], yte[k]);
      Files.write(crit.resolve(name), CriticalRegions.png(CriticalRegions.overlay(xte[k], side, d,
          cs, 8, 0, String.format(Locale.ROOT, "map %d: true %.3f, pred. %.3f +- %.3f",
              te[k], yte[k], pm[k], psd[k]))));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", "critical/" + name);
      m.put("trueStrain", yte[k]);
      m.put("predicted", pm[k]);
      shown.add(m);
    }
    Map<String, Object> cr = new LinkedHashMap<>();
    cr.put("overlays", shown);
    cr.put("pearsonWithCellMartensiteFraction", corr[0]);
    cr.put("pearsonWithCellInterfaceLength", corr[1]);
    cr.put("meanDifferenceNats", corr[2]);
    rep.put("criticalRegions", cr);

    // 5. files
    model.save(out);
    StringBuilder csv = new StringBuilder(
        "index,fracture_strain,vq_posterior_mean,vq_posterior_sd,vq_map_bin_centre,ridge"
            + (pc2 != null ? ",cnn" : "") + "\n");
    for (int i = 0; i < te.length; i++) {
      csv.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f,%.5f,%.5f", te[i], yte[i], pm[i],
          psd[i], pmap[i], prr[i]));
      csv.append(pc2 != null ? String.format(Locale.ROOT, ",%.5f%n", pc2[i]) : "\n");
    }
    Files.writeString(out.resolve("predictions.csv"), csv.toString());
    String table = HeldOut.table("fracture-strain", "strain", scores, nTrain, te.length);
    String vqLine = String.format(Locale.ROOT,
        "%nVQ-VAE: %d codes x %d dims, code map %dx%d; test pixel accuracy %.4f, test codes used"
            + " %d, perplexity %.1f, dead-code restarts %d. Prior: %d gated layers, %d channels,"
            + " %d bins, %d code maps (%d maps x %d versions), NLL/position %.3f -> %.3f nats;"
            + " temperature %.0f (validation %d maps); test-time versions %d.%n",
        vc.codes(), vc.codeDim(), cs, cs, vqr.get("testPixelAccuracy"), (int) usage[0], usage[1],
        vqr.get("restartsTotal"), s.priorLayers(), s.priorChannels(), s.bins(), fitCodes.length,
        nFit, s.trainVersions(), prior.history().get(0),
        prior.history().get(prior.history().size() - 1), model.temperature(), nVal, s.tta());
    String critLine = String.format(Locale.ROOT,
        "Critical regions (log p(code | top bin) - log p(code | bottom bin) per code position,"
            + " %d test maps): Pearson r with the cell's martensite fraction %.3f, with its"
            + " interface length %.3f.%n", te.length, corr[0], corr[1]);
    Files.writeString(out.resolve("REPORT.md"), table + vqLine + "\n" + critLine);
    rep.put("property", "fracture-strain");
    rep.put("unit", "strain");
    rep.put("dataset", data.toAbsolutePath().toString());
    rep.put("datasetProvenanceSha256", sha(data.resolve("provenance.json")));
    rep.put("split", Map.of("train", tr.length, "test", te.length, "seed", s.seed()));
    List<Map<String, Object>> ex = new ArrayList<>();
    for (int i = 0; i < extras.size(); i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", s.extraTrain().get(i).toAbsolutePath().toString());
      m.put("provenanceSha256", sha(s.extraTrain().get(i).resolve("provenance.json")));
      m.put("maps", extras.get(i).maps().size());
      ex.add(m);
    }
    rep.put("extraTraining", ex);
    rep.put("trainingMaps", nTrain);
    rep.put("sizes", s);
    rep.put("bins", bins);
    rep.put("scores", scores);
    ObjectMapper om = new ObjectMapper();
    om.writerWithDefaultPrettyPrinter().writeValue(out.resolve("report.json").toFile(), rep);
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put("property", "fracture-strain");
    kind.put("unit", "strain");
    kind.put("method", "vqvae-pixelcnn");
    kind.put("input", "phase map " + side + "x" + side + " (0 ferrite, 1 martensite)");
    kind.put("dims", 2);
    kind.put("side", side);
    om.writerWithDefaultPrettyPrinter().writeValue(out.resolve("image-model.json").toFile(), kind);
    Files.writeString(out.resolve("MODEL_CARD.md"), "# fracture-strain model (VQ-VAE + PixelCNN)\n\n"
        + "Input: " + kind.get("input") + ". Output: fracture strain (posterior mean and standard"
        + " deviation over " + s.bins() + " strain bins) and a critical-region overlay.\n\n"
        + "Method: VQ-VAE (van den Oord et al. 2017; " + vc.codes() + "-vector codebook) encodes"
        + " the map into " + cs + "x" + cs + " codes; a conditional gated PixelCNN (van den Oord"
        + " et al. 2016) gives log p(codes | strain bin); the strain is the posterior mean over the"
        + " bins (Noguchi et al. 2022)"
        + (s.conditioningWidth() > 0 ? String.format(Locale.ROOT, "; the prior is conditioned on"
            + " Gaussian-smoothed bin weights of the exact label (width %.2f bins)",
            s.conditioningWidth()) : "") + ".\n\n"
        + (extras.isEmpty() ? "" : "Training side: the split's " + tr.length + " training maps"
            + " plus " + nExtra + " maps of " + s.extraTrain().stream().map(p -> p.getFileName()
                .toString()).toList() + " (same generator and solver, other seeds); the "
            + te.length + " held-out maps are those of the split of " + data.getFileName()
            + ".\n\n")
        + "Trained on the synthetic dataset " + data.getFileName() + " (provenance.json SHA-256 "
        + rep.get("datasetProvenanceSha256") + "): labels from alloyflow's FFT micromechanics"
        + " solver (J2 plasticity + Rice-Tracey void growth), not from experiments; valid only for"
        + " microstructures like the generator's.\n\nSettings: " + s + ".\n\n" + table + vqLine
        + "\n" + critLine);
    writeSums(out);
    vq.close();
    prior.close();
    return scores;
  }

  /**
   * Pearson correlations over all test code positions between the critical difference and (0)
   * the cell's martensite fraction, (1) the cell's interface length (unlike 4-neighbour pairs);
   * (2) the mean difference.
   */
  /**
   * Reads the extra training datasets after checking that they come from the same generator and
   * solver (versions, settings, phases) as the main dataset, with seeds the main dataset (and each
   * other) did not use, and maps of the same side.
   */
  static List<MicromechDatasets.DpDataset> readExtras(Path data, List<Path> extra, int side)
      throws IOException {
    List<MicromechDatasets.DpDataset> out = new ArrayList<>();
    if (extra.isEmpty()) {
      return out;
    }
    List<Map<?, ?>> main = MicromechDatasets.fractureParts(data);
    java.util.Set<Object> seeds = new java.util.HashSet<>();
    for (Map<?, ?> p : main) {
      seeds.add(String.valueOf(p.get("seed")));
    }
    Map<?, ?> ref = main.get(0);
    for (Path e : extra) {
      for (Map<?, ?> p : MicromechDatasets.fractureParts(e)) {
        for (String key : List.of("generator", "solver", "settings", "phases", "size")) {
          if (!java.util.Objects.equals(ref.get(key), p.get(key))) {
            throw new IllegalArgumentException("extra training dataset " + e + " (seed "
                + p.get("seed") + ") has " + key + " " + p.get(key) + ", the dataset " + data
                + " has " + ref.get(key) + ": extra maps must come from the same generator and"
                + " solver");
          }
        }
        if (!seeds.add(String.valueOf(p.get("seed")))) {
          throw new IllegalArgumentException("extra training dataset " + e + " reuses generator"
              + " seed " + p.get("seed") + " (already in " + data + " or another extra dataset):"
              + " its maps could repeat held-out maps");
        }
      }
      MicromechDatasets.DpDataset d = MicromechDatasets.readFracture(e);
      if (d.size() != side) {
        throw new IllegalArgumentException("extra training dataset " + e + " has maps of side "
            + d.size() + ", expected " + side);
      }
      out.add(d);
    }
    return out;
  }

  static double[] criticalCorrelations(LikelihoodRegressor model, float[][] maps, int side,
      int cs) {
    int cell = side / cs;
    List<double[]> rows = new ArrayList<>();
    for (float[] m : maps) {
      float[] d = model.criticalMap(m);
      for (int cy = 0; cy < cs; cy++) {
        for (int cx = 0; cx < cs; cx++) {
          double f = 0;
          double il = 0;
          for (int y = cy * cell; y < (cy + 1) * cell; y++) {
            for (int x = cx * cell; x < (cx + 1) * cell; x++) {
              float v = m[y * side + x];
              f += v / (cell * cell);
              il += v != m[y * side + (x + 1) % side] ? 1 : 0;
              il += v != m[((y + 1) % side) * side + x] ? 1 : 0;
            }
          }
          rows.add(new double[] {d[cy * cs + cx], f, il});
        }
      }
    }
    double mean = rows.stream().mapToDouble(r -> r[0]).average().orElse(0);
    return new double[] {pearson(rows, 0, 1), pearson(rows, 0, 2), mean};
  }

  static double pearson(List<double[]> rows, int a, int b) {
    double ma = 0;
    double mb = 0;
    for (double[] r : rows) {
      ma += r[a] / rows.size();
      mb += r[b] / rows.size();
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (double[] r : rows) {
      sab += (r[a] - ma) * (r[b] - mb);
      saa += (r[a] - ma) * (r[a] - ma);
      sbb += (r[b] - mb) * (r[b] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
  }

  private static double coverage(double[] y, double[] m, double[] sd) {
    int in = 0;
    for (int i = 0; i < y.length; i++) {
      in += Math.abs(y[i] - m[i]) <= sd[i] ? 1 : 0;
    }
    return (double) in / y.length;
  }

  public static void writeSums(Path out) throws IOException {
    StringBuilder sums = new StringBuilder();
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = out.relativize(f).toString();
        if (!rel.equals("SHA256SUMS")) {
          sums.append(sha(f)).append("  ").append(rel).append('\n');
        }
      }
    }
    Files.writeString(out.resolve("SHA256SUMS"), sums.toString());
  }

  static String sha(Path p) throws IOException {
    return ImageModelTraining.sha(p);
  }

  private static double[] pick(double[] a, int[] idx) {
    double[] o = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      o[k] = a[idx[k]];
    }
    return o;
  }

  private static float[][] pick(float[][] a, int[] idx) {
    float[][] o = new float[idx.length][];
    for (int k = 0; k < idx.length; k++) {
      o[k] = a[idx[k]];
    }
    return o;
  }

  private static double[][] pick(double[][] a, int[] idx) {
    double[][] o = new double[idx.length][];
    for (int k = 0; k < idx.length; k++) {
      o[k] = a[idx[k]];
    }
    return o;
  }
}
