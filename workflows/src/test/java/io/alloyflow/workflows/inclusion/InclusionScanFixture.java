package io.alloyflow.workflows.inclusion;

import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.fusion.activity.InclusionScreeningModel;
import io.alloyflow.fusion.inclusions.Particle;
import io.alloyflow.synthetic.fusion.InclusionField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic inclusion-scan folders whose truth is known: per field a BSE TIFF ({@code F.tif}, with
 * its pixel size) and a spots folder ({@code F.spots/spots.csv} + one EMSA spectrum per detected
 * particle that covers a true inclusion, at one of its pixels: the raster spectrum of that
 * inclusion from {@link InclusionField}).
 */
public final class InclusionScanFixture {
  private InclusionScanFixture() {}

  /** Truth of one written field: per detected particle id (that covers an inclusion) its class. */
  public record FieldTruth(String name, Map<Integer, String> classOfParticle, int detected) {
    /** True class counts over the labelled particles. */
    public Map<String, Integer> counts() {
      Map<String, Integer> m = new TreeMap<>();
      classOfParticle.values().forEach(c -> m.merge(c, 1, Integer::sum));
      return m;
    }
  }

  /** Writes field {@code name} of seed {@code seed} into {@code dir}. */
  public static FieldTruth write(Path dir, String name, long seed) throws IOException {
    Files.createDirectories(dir);
    InclusionField f = InclusionField.generate(InclusionField.Params.defaults(), seed);
    MicrographIO.writeTiff(f.bse(), dir.resolve(name + ".tif"));
    Path spots = Files.createDirectories(dir.resolve(name + ".spots"));
    StringBuilder csv = new StringBuilder("file,x,y\n");
    Map<Integer, String> truth = new LinkedHashMap<>();
    int w = f.bse().width();
    int[] inst = f.microstructure().instanceMap().labels();
    var labelled = InclusionScreeningModel.labelled(f);
    for (Map.Entry<Particle, String> e : labelled) {
      Particle p = e.getKey();
      truth.put(p.id(), e.getValue());
      // a pixel of the particle on its true inclusion, nearest the particle's middle
      int px = -1;
      for (int k = 0; k < p.pixels().length && px < 0; k++) {
        int q = p.pixels()[(p.pixels().length / 2 + k) % p.pixels().length];
        if (inst[q] > 0 && f.microstructure().instances().get(inst[q] - 1).className()
            .equals(e.getValue())) {
          px = q;
        }
      }
      double[] counts = f.spectra().get(inst[px] - 1);
      Spectrum s = new Spectrum(counts, f.axis(), f.liveTimeS(), f.liveTimeS(), f.beamKeV(), 35, 1,
          name + " particle " + p.id(), Map.of());
      String file = "p" + p.id() + ".msa";
      Files.writeString(spots.resolve(file), EmsaIO.toText(s), StandardCharsets.UTF_8);
      csv.append(file).append(',').append(px % w + 0.5).append(',').append(px / w + 0.5)
          .append('\n');
    }
    Files.writeString(spots.resolve("spots.csv"), csv.toString(), StandardCharsets.UTF_8);
    int detected = io.alloyflow.fusion.inclusions.ParticleDetector.detect(f.bse(),
        io.alloyflow.fusion.inclusions.ParticleDetector.Options.defaults()).size();
    return new FieldTruth(name, truth, detected);
  }
}
