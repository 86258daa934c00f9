package io.alloyflow.synthetic.fusion;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.random.RandomFields;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import io.alloyflow.synthetic.xray.Affine;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumImageSimulator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A BSE micrograph and an EDS spectrum image of the same area with the exact transform between
 * them, the test case of SEM-EDS registration.
 *
 * <p>Geometry: the microstructure is generated {@link Params#margin} times larger than the SEM
 * field; the SEM image is the centre crop of its BSE rendering. The EDS raster nominally covers
 * the same field (EDS pixel = {@code scaleRatio} SEM pixels), rotated by up to {@code
 * maxRotationDeg} and shifted by up to {@code maxShiftFraction} of the field in x and y
 * (stage/beam-shift offsets between the two acquisitions), with a small scale error
 * ({@code maxScaleError}, relative) between the calibrations of the two rasters. The EDS
 * footprints therefore may extend beyond the SEM crop but always stay inside the rendered
 * microstructure, as on a real sample. Each EDS pixel integrates its footprint on a grid of
 * about one sample per SEM pixel (at most 16 x 16), so that the EDS signal is the area mean over
 * the pixel as on a real detector rather than a few point samples. Parameters are drawn from
 * the seed.
 *
 * @param sem BSE micrograph (pixel size = SEM pixel size)
 * @param spectrumImage EDS spectrum image (pixel size = nominal EDS pixel size)
 * @param semToEds the true 2x3 matrix mapping SEM pixel coordinates (x, y) to EDS pixel
 *     coordinates (u, v), pixel centres at integer + 0.5: {@code [[a, b, tx], [c, d, ty]]}
 * @param edsToSem the same transform as an {@link Affine} from EDS to SEM pixels
 * @param semLabels phase labels of the SEM crop
 * @param siFraction per SEM pixel area fraction of eutectic Si (null when not resolved)
 * @param phaseWeights per EDS pixel phase weights ({@link SpectrumImageSimulator.Result})
 * @param phaseNames phase names
 * @param microstructure the full microstructure the pair was rendered from
 */
public record SemEdsPair(
    Micrograph sem,
    SpectrumImage spectrumImage,
    double[][] semToEds,
    Affine edsToSem,
    LabelMap semLabels,
    float[] siFraction,
    float[] phaseWeights,
    List<String> phaseNames,
    Microstructure microstructure) {

  public SemEdsPair {
    Objects.requireNonNull(sem, "sem");
    Objects.requireNonNull(spectrumImage, "spectrumImage");
  }

  /**
   * Generation parameters.
   *
   * @param edsWidth EDS map width (pixels)
   * @param edsHeight EDS map height (pixels)
   * @param edsPixelSizeM EDS pixel size (m)
   * @param minScaleRatio smallest SEM pixels per EDS pixel
   * @param maxScaleRatio largest SEM pixels per EDS pixel
   * @param maxRotationDeg largest |rotation| of the EDS raster (deg)
   * @param maxShiftFraction largest |shift| as a fraction of the field, per axis
   * @param maxScaleError largest relative error between the two rasters' calibrations
   * @param liveTimePerPixelS EDS dwell (live time) per pixel (s)
   * @param probeCurrentNa probe current (nA)
   * @param semDose BSE electrons per SEM pixel
   * @param channels EDS channels (10 eV each from 0 eV)
   * @param margin microstructure size over SEM field size (>= 1.5 keeps the EDS footprints inside)
   */
  public record Params(
      int edsWidth,
      int edsHeight,
      double edsPixelSizeM,
      double minScaleRatio,
      double maxScaleRatio,
      double maxRotationDeg,
      double maxShiftFraction,
      double maxScaleError,
      double liveTimePerPixelS,
      double probeCurrentNa,
      double semDose,
      int channels,
      double margin) {

    public Params {
      if (edsWidth < 8 || edsHeight < 8) {
        throw new IllegalArgumentException(
            "EDS map must be at least 8x8 pixels, found " + edsWidth + "x" + edsHeight);
      }
      if (!(minScaleRatio >= 1 && maxScaleRatio >= minScaleRatio && maxScaleRatio <= 64)) {
        throw new IllegalArgumentException("scale ratios must satisfy 1 <= min <= max <= 64,"
            + " found " + minScaleRatio + ".." + maxScaleRatio);
      }
      if (!(maxRotationDeg >= 0 && maxRotationDeg <= 20) || !(maxShiftFraction >= 0
          && maxShiftFraction <= 0.3) || !(maxScaleError >= 0 && maxScaleError < 0.2)) {
        throw new IllegalArgumentException("need rotation 0..20 deg, shift 0..0.3 of the field,"
            + " scale error 0..0.2; found " + maxRotationDeg + ", " + maxShiftFraction + ", "
            + maxScaleError);
      }
      if (!(margin >= 1.0 + 2 * maxShiftFraction + Math.sin(Math.toRadians(maxRotationDeg))
          + maxScaleError + 0.02)) {
        throw new IllegalArgumentException("margin " + margin + " is too small for shifts of "
            + maxShiftFraction + " and rotations of " + maxRotationDeg + " deg");
      }
      if (!(edsPixelSizeM > 0) || !(liveTimePerPixelS > 0) || !(probeCurrentNa > 0)
          || !(semDose > 0) || channels < 256) {
        throw new IllegalArgumentException("pixel size, dwell, current and dose must be positive"
            + " and channels >= 256");
      }
    }

    /**
     * The registration test case of issue 12: 48 x 48 EDS pixels of 4 um, SEM 4x-20x finer,
     * rotation up to 3 deg, shifts up to 20 % of the field, 2 % scale error, 20 ms at 1 nA per
     * EDS pixel (a few thousand counts, a routine map), 200 BSE electrons per SEM pixel.
     */
    public static Params registration() {
      return new Params(48, 48, 4e-6, 4, 20, 3, 0.2, 0.02, 0.02, 1.0, 200, 1024, 1.55);
    }

    /** A copy with another dwell per EDS pixel. */
    public Params withDwell(double liveTimeS) {
      return new Params(edsWidth, edsHeight, edsPixelSizeM, minScaleRatio, maxScaleRatio,
          maxRotationDeg, maxShiftFraction, maxScaleError, liveTimeS, probeCurrentNa, semDose,
          channels, margin);
    }

    /** A copy with a fixed scale ratio. */
    public Params withScaleRatio(double ratio) {
      return new Params(edsWidth, edsHeight, edsPixelSizeM, ratio, ratio, maxRotationDeg,
          maxShiftFraction, maxScaleError, liveTimePerPixelS, probeCurrentNa, semDose, channels,
          margin);
    }
  }

  /** An A356-type aluminium alloy pair (the alloy whose phases BSE alone hardly separates). */
  public static SemEdsPair aluminium(Params p, long seed) {
    SplittableRandom rng = RandomFields.stream(seed, 9100);
    double ratio = p.minScaleRatio() + (p.maxScaleRatio() - p.minScaleRatio()) * rng.nextDouble();
    double semPx = p.edsPixelSizeM() / ratio;
    int semW = (int) Math.round(p.edsWidth() * ratio);
    int semH = (int) Math.round(p.edsHeight() * ratio);
    int bigW = (int) Math.ceil(semW * p.margin());
    int bigH = (int) Math.ceil(semH * p.margin());
    AluminiumAlloy.Params ap = AluminiumAlloy.Params.defaults(Math.max(bigW, bigH), semPx);
    ap = new AluminiumAlloy.Params(bigW, bigH, semPx, ap.cellInterceptM(), ap.eutecticFraction(),
        ap.mg2siFraction(), ap.feIntermetallicFraction(), ap.eutecticSi());
    Microstructure m = AluminiumAlloy.generate(ap, seed);
    return render(m, p, ratio, semW, semH, rng, seed);
  }

  /** Renders a pair from any microstructure at least {@code margin} times the SEM field. */
  public static SemEdsPair render(Microstructure m, Params p, double ratio, int semW, int semH,
      SplittableRandom rng, long seed) {
    int bigW = m.width();
    int bigH = m.height();
    int ox = (bigW - semW) / 2;
    int oy = (bigH - semH) / 2;
    double rot = p.maxRotationDeg() * (2 * rng.nextDouble() - 1);
    double sx = p.maxShiftFraction() * (2 * rng.nextDouble() - 1) * semW;
    double sy = p.maxShiftFraction() * (2 * rng.nextDouble() - 1) * semH;
    double scale = ratio * (1 + p.maxScaleError() * (2 * rng.nextDouble() - 1));
    // EDS frame centred on the SEM field, then shifted; coordinates in the big microstructure
    double t = Math.toRadians(rot);
    double cu = p.edsWidth() / 2.0;
    double cv = p.edsHeight() / 2.0;
    double cx = scale * (Math.cos(t) * cu - Math.sin(t) * cv);
    double cy = scale * (Math.sin(t) * cu + Math.cos(t) * cv);
    Affine big = new Affine(scale, rot, ox + semW / 2.0 - cx + sx, oy + semH / 2.0 - cy + sy);
    SemConditions c = SemConditions.bse().withDose(p.semDose());
    SemSimulator.Result bse = SemSimulator.render(m, c, seed);
    float[] crop = new float[semW * semH];
    int[] lab = new int[semW * semH];
    float[] si = m.mixture() == null ? null : new float[semW * semH];
    for (int y = 0; y < semH; y++) {
      for (int x = 0; x < semW; x++) {
        int src = (y + oy) * bigW + x + ox;
        crop[y * semW + x] = bse.image().pixels()[src];
        lab[y * semW + x] = m.phaseMap().labels()[src];
        if (si != null) {
          si[y * semW + x] = m.mixture().particleFraction()[src];
        }
      }
    }
    Micrograph sem = new Micrograph(semW, semH, crop, 16, m.pixelSizeM(), bse.image().signal());
    EdsDetector det = EdsDetector.defaultDetector()
        .withAxis(new io.alloyflow.core.spectrum.EnergyAxis(0, 10), p.channels());
    SpectrumImageSimulator.Params sp = new SpectrumImageSimulator.Params(p.edsWidth(),
        p.edsHeight(), big, 20, p.liveTimePerPixelS(), p.probeCurrentNa(), det, 0,
        (int) Math.min(16, Math.ceil(scale)));
    SpectrumImageSimulator.Result r = SpectrumImageSimulator.simulate(m, sp, seed);
    SpectrumImage raw = r.image();
    SpectrumImage si2 = new SpectrumImage(raw.width(), raw.height(), raw.channels(), raw.data(),
        raw.axis(), p.edsPixelSizeM(), raw.beamEnergyKeV(), raw.liveTimePerPixelS());
    Affine crop2eds = new Affine(scale, rot, big.shiftXPx() - ox, big.shiftYPx() - oy);
    return new SemEdsPair(sem, si2, inverse(crop2eds), crop2eds,
        new io.alloyflow.core.image.LabelMap(semW, semH, lab, m.phaseMap().classNames(),
            m.pixelSizeM()), si, r.phaseWeights(), r.phaseNames(), m);
  }

  /** The 2x3 SEM-to-EDS matrix of an EDS-to-SEM similarity. */
  public static double[][] inverse(Affine a) {
    double t = Math.toRadians(a.rotationDeg());
    double c = Math.cos(t) / a.scale();
    double s = Math.sin(t) / a.scale();
    // (u, v) = R(-t) ((x, y) - shift) / scale
    return new double[][] {
        {c, s, -(c * a.shiftXPx() + s * a.shiftYPx())},
        {-s, c, -(-s * a.shiftXPx() + c * a.shiftYPx())}};
  }
}
