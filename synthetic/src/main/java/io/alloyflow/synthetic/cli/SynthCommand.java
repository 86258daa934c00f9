package io.alloyflow.synthetic.cli;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.DualPhaseSteel;
import io.alloyflow.synthetic.micro.EutecticSilicon;
import io.alloyflow.synthetic.micro.GrainBoundaryGrooves;
import io.alloyflow.synthetic.micro.InclusionSteel;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Polycrystal;
import io.alloyflow.synthetic.micro.Powder;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import io.alloyflow.synthetic.truth.Truth;
import io.alloyflow.synthetic.truth.TruthWriter;
import io.alloyflow.synthetic.xray.Affine;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumImageSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code synth KIND --seed N --out DIR [options]}: generates a synthetic sample with its truth.
 *
 * <p>Outputs (2D kinds): {@code bse.tif} (or {@code se.tif}; 16-bit, pixel size in the TIFF),
 * {@code phases.png} (gray labels = phase index; for al-alloy the phases alpha-Al, Si, Mg2Si,
 * Al5FeSi, with the Al-Si eutectic microconstituent in {@code microconstituents.png}),
 * {@code instances.png} (8/16-bit instance ids), and {@code truth.json} (with the dose in
 * {@code sem.dosePerPixel}; default {@link SemConditions#RECORDED_DOSE_PER_PIXEL}). With {@code --eds} (always for {@code eds-si}): {@code eds.rpl} +
 * {@code eds.raw} (Lispix spectrum image), {@code eds-sum.msa} (EMSA sum spectrum),
 * {@code eds-composition.raw} and {@code eds-phase-weights.raw} (float32 little-endian, pixel
 * major, element / phase order listed in truth.json). {@code grains3d} writes
 * {@code grains.raw} (int32 little-endian voxel grain ids), {@code slice-z0.png} and truth.json
 * with every grain's Euler angles. Exit code 0 on success, 2 on bad options, 1 on I/O failure.
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = "Generate a synthetic microstructure, SEM image and EDS data with ground truth.")
public final class SynthCommand implements Callable<Integer> {

  /** The kinds accepted as KIND. */
  public static final List<String> KINDS =
      List.of("dp-steel", "al-alloy", "inclusions", "powder", "grains2d", "grains3d", "eds-si");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND",
      description = "dp-steel, al-alloy, inclusions, powder, grains2d, grains3d or eds-si")
  String kind;

  @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(names = "--size",
      description = "image edge in pixels (default 512; 128 voxels for grains3d)")
  Integer sizeOption;

  int size;

  @Option(names = "--pixel-size-um", description = "pixel size in um (default depends on KIND)")
  Double pixelSizeUm;

  // dp-steel
  @Option(names = "--martensite-fraction", description = "dp-steel: martensite area fraction")
  double martensiteFraction = 0.30;

  @Option(names = "--grain-size-um",
      description = "mean lineal intercept of the grains / ferrite / Al cells in um")
  Double grainSizeUm;

  @Option(names = "--island-size-um", description = "dp-steel: martensite island size in um")
  double islandSizeUm = 3;

  @Option(names = "--banding", description = "dp-steel: banding strength 0..1")
  double banding = 0.2;

  @Option(names = "--band-spacing-um", description = "dp-steel: band spacing in um")
  double bandSpacingUm = 20;

  @Option(names = "--dispersion", description = "grain size dispersion 0..2 (0 = Poisson-Voronoi)")
  double dispersion = 0.3;

  // al-alloy
  @Option(names = "--eutectic-fraction", description = "al-alloy: Al-Si eutectic fraction")
  double eutecticFraction = 0.20;

  @Option(names = "--mg2si-fraction", description = "al-alloy: Mg2Si fraction")
  double mg2siFraction = 0.03;

  @Option(names = "--fe-fraction", description = "al-alloy: beta-Al5FeSi fraction")
  double feFraction = 0.02;

  @Option(names = "--eutectic-si",
      description = "al-alloy: eutectic Si morphology unmodified (flakes), modified (fibrous) or"
          + " uniform (unresolved mean) (default ${DEFAULT-VALUE})")
  String eutecticSi = "unmodified";

  // grains2d
  @Option(names = "--grooves", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "grains2d: etched grain-boundary grooves (default on; --no-grooves for an"
          + " unetched section)")
  boolean grooves = true;

  @Option(names = "--groove-width-um",
      description = "grains2d: ridge-to-ridge groove width in um (default 0.4)")
  double grooveWidthUm = GrainBoundaryGrooves.DEFAULT_WIDTH_M * 1e6;

  @Option(names = "--groove-depth-um",
      description = "grains2d: groove depth below the ridges in um (default 0.1)")
  double grooveDepthUm = GrainBoundaryGrooves.DEFAULT_DEPTH_M * 1e6;

  // inclusions
  @Option(names = "--inclusion-fraction", description = "inclusions: total area fraction")
  double inclusionFraction = 0.005;

  @Option(names = "--inclusion-size-um", description = "inclusions: mean diameter in um")
  double inclusionSizeUm = 3;

  @Option(names = "--size-cv", description = "log-normal coefficient of variation of sizes")
  double sizeCv = 0.6;

  @Option(names = "--cluster-probability", description = "inclusions: alumina cluster chance")
  double clusterProbability = 0.3;

  @Option(names = "--mns-aspect", description = "inclusions: mean MnS aspect ratio")
  double mnsAspect = 4;

  // powder
  @Option(names = "--coverage", description = "powder: projected area fraction")
  double coverage = 0.4;

  @Option(names = "--particle-size-um", description = "powder: mean particle diameter in um")
  double particleSizeUm = 35;

  @Option(names = "--touching", description = "powder: probability of touching placement")
  double touching = 0.3;

  @Option(names = "--satellites", description = "powder: probability of carrying satellites")
  double satellites = 0.2;

  // grains3d
  @Option(names = "--depth", description = "grains3d: voxels along z (default = --size)")
  Integer depth;

  // eds-si base
  @Option(names = "--material",
      description = "eds-si: microstructure to map (dp-steel, al-alloy, inclusions, powder)")
  String material = "al-alloy";

  // SEM
  @Option(names = "--signal", description = "SEM signal BSE or SE (default by KIND)")
  String signal;

  @Option(names = "--dose",
      description = "primary electrons per pixel (default 12483 = 1 nA x 2 us, a recorded"
          + " micrograph; 200 is a TV-rate live view). Recorded in truth.json (sem.dosePerPixel)")
  Double dose;

  @Option(names = "--probe-sigma-px", description = "probe blur sigma in pixels")
  double probeSigmaPx = 0.8;

  // EDS
  @Option(names = "--eds", description = "also simulate an EDS spectrum image (2D kinds)")
  boolean eds;

  @Option(names = "--eds-size", description = "EDS map edge in pixels (default ${DEFAULT-VALUE})")
  int edsSize = 128;

  @Option(names = "--eds-channels", description = "EDS channels (default ${DEFAULT-VALUE})")
  int edsChannels = 2048;

  @Option(names = "--beam-kev", description = "beam energy in keV (default ${DEFAULT-VALUE})")
  double beamKeV = 20;

  @Option(names = "--live-time-ms", description = "EDS live time per pixel in ms")
  double liveTimeMs = 20;

  @Option(names = "--current-na", description = "probe current in nA (default ${DEFAULT-VALUE})")
  double currentNa = 1;

  @Option(names = "--drift-ev", description = "EDS energy drift over the map in eV")
  double driftEv = 8;

  @Option(names = "--rotation-deg", description = "EDS raster rotation relative to SEM in deg")
  double rotationDeg = 1.5;

  /** Runs the command as a standalone program. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SynthCommand()).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!KINDS.contains(kind)) {
      err.println("synth: unknown KIND '" + kind + "': expected one of " + KINDS);
      return 2;
    }
    size = sizeOption != null ? sizeOption : (kind.equals("grains3d") ? 128 : 512);
    try {
      if (size < 8 || size > 8192) {
        throw new IllegalArgumentException("--size must be 8..8192, found " + size);
      }
      if (pixelSizeUm != null && !(pixelSizeUm > 0)) {
        throw new IllegalArgumentException("--pixel-size-um must be positive, found "
            + pixelSizeUm);
      }
      Files.createDirectories(out);
      long t0 = System.nanoTime();
      if (kind.equals("grains3d")) {
        runVolume(o);
      } else {
        run2d(o, kind.equals("eds-si") ? material : kind, eds || kind.equals("eds-si"));
      }
      o.printf(Locale.ROOT, "synth %s: done in %.2f s -> %s%n", kind,
          (System.nanoTime() - t0) / 1e9, out.toAbsolutePath());
      o.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("synth: " + e.getMessage());
      err.flush();
      return 2;
    } catch (IOException e) {
      err.println("synth: I/O failure: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private double pixelSizeM(double defaultUm) {
    return (pixelSizeUm != null ? pixelSizeUm : defaultUm) * 1e-6;
  }

  Microstructure generate(String which) {
    switch (which) {
      case "dp-steel": {
        double px = pixelSizeM(0.25);
        return DualPhaseSteel.generate(new DualPhaseSteel.Params(size, size, px,
            martensiteFraction, um(grainSizeUm, 10), islandSizeUm * 1e-6, banding,
            bandSpacingUm * 1e-6, dispersion), seed);
      }
      case "al-alloy": {
        double px = pixelSizeM(0.5);
        return AluminiumAlloy.generate(new AluminiumAlloy.Params(size, size, px,
            um(grainSizeUm, 40), eutecticFraction, mg2siFraction, feFraction,
            EutecticSilicon.Morphology.parse(eutecticSi)), seed);
      }
      case "inclusions": {
        double px = pixelSizeM(0.2);
        InclusionSteel.Params d = InclusionSteel.Params.defaults(size, px);
        return InclusionSteel.generate(new InclusionSteel.Params(size, size, px,
            inclusionFraction, inclusionSizeUm * 1e-6, sizeCv, clusterProbability, mnsAspect,
            d.typeWeights()), seed);
      }
      case "powder": {
        double px = pixelSizeM(1.0);
        return Powder.generate(new Powder.Params(size, size, px, particleSizeUm * 1e-6,
            Math.min(sizeCv, 2), coverage, touching, satellites), seed);
      }
      case "grains2d": {
        double px = pixelSizeM(0.5);
        return Polycrystal.generate2d(new Polycrystal.Params2d(size, size, px,
            um(grainSizeUm, 10), dispersion, "ferrite", Materials.IRON,
            grooves ? new GrainBoundaryGrooves.Params(grooveWidthUm * 1e-6, grooveDepthUm * 1e-6)
                : null), seed);
      }
      default:
        throw new IllegalArgumentException("--material must be one of dp-steel, al-alloy,"
            + " inclusions, powder, grains2d; found '" + which + "'");
    }
  }

  private static double um(Double v, double def) {
    return (v != null ? v : def) * 1e-6;
  }

  private SemConditions conditions(String which) {
    SignalType sig;
    if (signal != null) {
      sig = SignalType.parse(signal);
    } else {
      sig = which.equals("powder") ? SignalType.SE : SignalType.BSE;
    }
    double topo = sig == SignalType.BSE ? (which.equals("dp-steel") ? 0.6 : 0.0) : 1.0;
    double d = dose != null ? dose : SemConditions.RECORDED_DOSE_PER_PIXEL;
    if (!(d > 0)) {
      throw new IllegalArgumentException("--dose must be positive, found " + d);
    }
    return new SemConditions(sig, topo, d, probeSigmaPx, Double.NaN, 1000, 0.15, 0.5, 0.3);
  }

  private void run2d(PrintWriter o, String which, boolean withEds) throws IOException {
    o.printf("synth %s: generating %dx%d microstructure (seed %d)%n", which, size, size, seed);
    o.flush();
    Microstructure m = generate(which);
    SemConditions c = conditions(which);
    o.printf(Locale.ROOT, "synth %s: forming %s image (dose %.0f e/px)%n", which, c.signal(),
        c.dosePerPixel());
    o.flush();
    SemSimulator.Result r = SemSimulator.render(m, c, seed);
    String imgName = c.signal() == SignalType.BSE ? "bse.tif" : "se.tif";
    MicrographIO.writeTiff(r.image(), out.resolve(imgName));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("image", imgName);
    LabelMap byPhase = null;
    if (which.equals("al-alloy")) {
      // phases.png by phase; the eutectic microconstituent in its own map
      byPhase = AluminiumAlloy.byPhase(m);
      LabelMapIO.writePng(byPhase, out.resolve("phases.png"));
      LabelMapIO.writePng(m.phaseMap(), out.resolve("microconstituents.png"));
      files.put("phaseMap", "phases.png (" + String.join(", ", byPhase.classNames()) + ")");
      files.put("microconstituentMap", "microconstituents.png ("
          + String.join(", ", m.phaseMap().classNames()) + "; labels of \"phases\" below)");
    } else {
      LabelMapIO.writePng(m.phaseMap(), out.resolve("phases.png"));
      files.put("phaseMap", "phases.png");
    }
    if (m.instanceMap() != null) {
      if (m.instanceMap().maxLabel() <= 65535) {
        LabelMapIO.writePng(m.instanceMap(), out.resolve("instances.png"));
        files.put("instanceMap", "instances.png");
      } else {
        writeInts(m.instanceMap().labels(), out.resolve("instances.raw"));
        files.put("instanceMap", "instances.raw (int32 little-endian)");
      }
    }
    Map<String, Object> doc = Truth.microstructure(m, files);
    if (byPhase != null) {
      Map<String, Double> fp = new LinkedHashMap<>();
      double[] f = byPhase.fractions();
      for (int k = 0; k < byPhase.classNames().size(); k++) {
        fp.put(byPhase.classNames().get(k), k < f.length ? f[k] : 0.0);
      }
      // phaseFractions by phase (phases.png); the generator's labels are microconstituents
      doc.put("microconstituentFractions", doc.get("phaseFractions"));
      doc.put("phaseFractions", fp);
    }
    doc.put("sem", Truth.sem(c, r, imgName));
    if (withEds) {
      EdsDetector det = EdsDetector.defaultDetector().withAxis(
          EdsDetector.defaultDetector().axis(), edsChannels);
      SpectrumImageSimulator.Params p = new SpectrumImageSimulator.Params(edsSize, edsSize,
          Affine.centred(m.width(), m.height(), edsSize, edsSize, 0.9, rotationDeg), beamKeV,
          liveTimeMs / 1000, currentNa, det, driftEv, 3);
      o.printf("synth %s: simulating %dx%dx%d EDS spectrum image%n", which, edsSize, edsSize,
          edsChannels);
      o.flush();
      SpectrumImageSimulator.Result e = SpectrumImageSimulator.simulate(m, p, seed);
      RplIO.write(e.image(), out.resolve("eds.rpl"));
      double[] sum = e.image().sumSpectrum();
      Spectrum s = new Spectrum(sum, det.axis(), p.liveTimePerPixelS() * edsSize * edsSize,
          p.liveTimePerPixelS() * edsSize * edsSize, beamKeV, det.takeoffDeg(), currentNa,
          "alloyflow synthetic " + which + " sum spectrum (seed " + seed + ")", Map.of());
      EmsaIO.write(s, out.resolve("eds-sum.msa"));
      writeFloats(e.composition(), out.resolve("eds-composition.raw"));
      writeFloats(e.phaseWeights(), out.resolve("eds-phase-weights.raw"));
      Map<String, String> ef = new LinkedHashMap<>();
      ef.put("spectrumImage", "eds.rpl");
      ef.put("sumSpectrum", "eds-sum.msa");
      ef.put("composition", "eds-composition.raw (float32 LE, [(v*width+u)*nElements+e])");
      ef.put("phaseWeights", "eds-phase-weights.raw (float32 LE, [(v*width+u)*nPhases+k])");
      doc.put("eds", Truth.eds(p, e, ef));
    }
    TruthWriter.write(doc, out.resolve("truth.json"));
    o.printf(Locale.ROOT, "synth %s: phase fractions %s%n", which, fmt(m.phaseFractions()));
    o.flush();
  }

  private void runVolume(PrintWriter o) throws IOException {
    int nz = depth != null ? depth : size;
    if (nz < 4 || (long) size * size * nz > 512L * 512 * 512) {
      throw new IllegalArgumentException("grains3d volume " + size + "x" + size + "x" + nz
          + " must have depth >= 4 and at most 512^3 voxels");
    }
    double px = pixelSizeM(0.5);
    o.printf("synth grains3d: tessellating %dx%dx%d voxels (seed %d)%n", size, size, nz, seed);
    o.flush();
    Polycrystal.Volume v = Polycrystal.generate3d(size, size, nz, px, um(grainSizeUm, 10),
        dispersion, seed);
    writeInts(v.grainIds(), out.resolve("grains.raw"));
    int[] slice = new int[size * size];
    System.arraycopy(v.grainIds(), 0, slice, 0, slice.length);
    LabelMap lm = new LabelMap(size, size, slice, List.of("none", "grain"), px);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("volume", "grains.raw");
    if (lm.maxLabel() <= 65535) {
      LabelMapIO.writePng(lm, out.resolve("slice-z0.png"));
      files.put("sliceZ0", "slice-z0.png");
    }
    TruthWriter.write(Truth.volume(v, files), out.resolve("truth.json"));
    o.printf(Locale.ROOT, "synth grains3d: %d grains, mean intercept %.3f um%n", v.grainCount(),
        (double) v.statistics().get("meanLinealInterceptM") * 1e6);
  }

  private static String fmt(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s=%.4f ", k, v)));
    return sb.toString().trim();
  }

  static void writeFloats(float[] a, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(a);
    Files.write(file, b.array());
  }

  static void writeInts(int[] a, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(a);
    Files.write(file, b.array());
  }
}
