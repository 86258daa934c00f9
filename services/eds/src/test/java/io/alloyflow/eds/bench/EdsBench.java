package io.alloyflow.eds.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.SyntheticSpectra;
import io.alloyflow.eds.denoise.PoissonPca;
import io.alloyflow.eds.io.EmsaReader;
import io.alloyflow.eds.quant.OxygenMode;
import io.alloyflow.eds.quant.QuantOptions;
import io.alloyflow.eds.quant.Quantifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark driver used by {@code bench/eds/run_bench.sh}: Poisson PCA of a spectrum image (cold
 * and warm), single-spectrum quantification latency after warm-up, and batch quantification
 * throughput of particle-like spectra (Poisson resamples of a K412 spectrum at 2e5 counts). Prints
 * one JSON document.
 *
 * <p>Usage: {@code EdsBench SI.rpl K412_DIR COMPONENTS}
 */
public final class EdsBench {
  private EdsBench() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path rpl = Path.of(args[0]);
    Path k412 = Path.of(args[1]);
    int comps = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    ObjectMapper om = new ObjectMapper();
    ObjectNode out = om.createObjectNode();

    SpectrumImage si = RplIO.read(rpl);
    out.put("cube", si.width() + "x" + si.height() + "x" + si.channels());
    long t0 = System.nanoTime();
    PoissonPca.Decomposition d = PoissonPca.decompose(si, comps, 2, 1);
    double cold = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    d = PoissonPca.decompose(si, comps, 2, 1);
    double warm = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    PoissonPca.Decomposition full = PoissonPca.decompose(si, comps, 2, 1, true);
    double fullSecs = (System.nanoTime() - t0) / 1e9;
    out.put("pcaAllSingularValuesSeconds", fullSecs);
    ArrayNode all = out.putArray("allSingularValues");
    for (int i = 0; i < Math.min(64, full.allSingularValues().length); i++) {
      all.add(full.allSingularValues()[i]);
    }
    out.put("pcaColdSeconds", cold);
    out.put("pcaWarmSeconds", warm);
    out.put("pcaComponents", comps);
    out.put("pcaSuggested", d.suggestedComponents());
    ArrayNode sv = out.putArray("singularValues");
    Arrays.stream(d.singularValues()).forEach(sv::add);

    if (Files.isDirectory(k412)) {
      Map<String, Spectrum> std = new LinkedHashMap<>();
      Spectrum sio2 = EmsaReader.read(k412.resolve("SiO2 std.msa"));
      std.put("Mg", EmsaReader.read(k412.resolve("MgO std.msa")));
      std.put("Al", EmsaReader.read(k412.resolve("Al2O3 std.msa")));
      std.put("Si", sio2);
      std.put("Ca", EmsaReader.read(k412.resolve("CaF2 std.msa")));
      std.put("Fe", EmsaReader.read(k412.resolve("Fe std.msa")));
      Spectrum unk = EmsaReader.read(k412.resolve("III-E K412[0][4].msa"));
      QuantOptions opt = QuantOptions.defaults().withOxygen(OxygenMode.STOICHIOMETRY)
          .withResolution(131.7);
      for (int i = 0; i < 30; i++) {
        Quantifier.quantify(unk, std, Map.of(), opt);
      }
      int reps = 100;
      double[] ms = new double[reps];
      for (int i = 0; i < reps; i++) {
        long a = System.nanoTime();
        Quantifier.quantify(unk, std, Map.of(), opt);
        ms[i] = (System.nanoTime() - a) / 1e6;
      }
      Arrays.sort(ms);
      out.put("quantMedianMs", ms[reps / 2]);
      out.put("quantP90Ms", ms[(int) (reps * 0.9)]);
      // batch: particle-like spectra (Poisson resamples at 2e5 counts)
      double total = unk.totalCounts();
      SplittableRandom r = new SplittableRandom(5);
      int batch = 500;
      Spectrum[] particles = new Spectrum[batch];
      for (int b = 0; b < batch; b++) {
        double[] c = new double[unk.channels()];
        for (int i = 0; i < c.length; i++) {
          double mu = unk.counts()[i] * 2e5 / total;
          c[i] = SyntheticSpectra.poisson(mu, r);
        }
        particles[b] = new Spectrum(c, unk.axis(), unk.liveTimeS() * 2e5 / total,
            unk.realTimeS(), unk.beamEnergyKeV(), unk.takeoffAngleDeg(), unk.probeCurrentNa(),
            "particle " + b, Map.of());
      }
      long a = System.nanoTime();
      double mgSum = 0;
      for (Spectrum p : particles) {
        mgSum += Quantifier.quantify(p, std, Map.of(), opt).elements().get("Mg").massFraction();
      }
      double secs = (System.nanoTime() - a) / 1e9;
      out.put("batchSpectra", batch);
      out.put("batchSpectraPerSecond", batch / secs);
      out.put("batchMeanMg", mgSum / batch);
    }
    System.out.println(out.toPrettyString());
  }
}
