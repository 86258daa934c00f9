package io.alloyflow.eds.denoise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.identify.Identification;
import io.alloyflow.eds.identify.IdentifiedLine;
import io.alloyflow.eds.identify.Identifier;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.spectrumimage.MapImages;
import io.alloyflow.eds.spectrumimage.NetCountMaps;
import io.alloyflow.eds.spectrumimage.SpectrumImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Denoising run: decomposition (Poisson PCA, ICA after PCA, or KL-NMF), denoised cube, elements
 * identified on the sum spectrum, net-count maps and their SNR before and after ({@link MapSnr}),
 * written to a folder: {@code denoised.rpl/.raw}, {@code scree.png}, {@code maps/EL-before.png},
 * {@code maps/EL-after.png}, {@code components/*.png} and {@code snr.json}.
 */
public final class DenoisePipeline {
  private DenoisePipeline() {}

  /** Decomposition method. */
  public enum Method {
    PCA,
    ICA,
    NMF
  }

  /**
   * Report of a run.
   *
   * @param method method
   * @param components components kept
   * @param suggestedComponents automatic count from the noise edge
   * @param singularValues leading singular values of the Poisson-scaled cube
   * @param elements elements mapped
   * @param snrBefore element -> map SNR before
   * @param snrAfter element -> map SNR after
   * @param seconds wall time of the decomposition and reconstruction
   */
  public record Report(
      String method,
      int components,
      int suggestedComponents,
      double[] singularValues,
      List<String> elements,
      Map<String, Double> snrBefore,
      Map<String, Double> snrAfter,
      double seconds) {}

  /**
   * Runs the pipeline.
   *
   * @param si spectrum image
   * @param method method
   * @param components components (<= 0: automatic)
   * @param out output folder (created)
   * @param seed random seed
   */
  public static Report run(SpectrumImage si, Method method, int components, Path out, long seed)
      throws IOException {
    Files.createDirectories(out.resolve("maps"));
    Files.createDirectories(out.resolve("components"));
    long t0 = System.nanoTime();
    PoissonPca.Decomposition d =
        PoissonPca.decompose(si, Math.min(32, Math.min(si.channels(), si.width() * si.height())),
            2, seed, si.channels() <= 4096);
    int k = components > 0 ? Math.min(components, d.computed()) : d.suggestedComponents();
    SpectrumImage den;
    int w = si.width();
    int h = si.height();
    int n = w * h;
    switch (method) {
      case PCA -> {
        den = PoissonPca.reconstruct(si, d, k);
        for (int j = 0; j < k; j++) {
          float[] map = new float[n];
          for (int i = 0; i < n; i++) {
            map[i] = d.scores()[i * d.computed() + j];
          }
          MapImages.writePng(map, w, h, out.resolve("components/pca-" + j + ".png"));
        }
      }
      case ICA -> {
        den = PoissonPca.reconstruct(si, d, k);
        FastIca.Result ica = FastIca.run(d, k, 500, seed);
        for (int j = 0; j < k; j++) {
          float[] map = new float[n];
          for (int i = 0; i < n; i++) {
            map[i] = ica.maps()[i * k + j];
          }
          MapImages.writePng(map, w, h, out.resolve("components/ica-" + j + ".png"));
        }
      }
      case NMF -> {
        Nmf.Result nmf = Nmf.factorize(si, k, 200, seed);
        den = Nmf.reconstruct(si, nmf);
        for (int j = 0; j < k; j++) {
          float[] map = new float[n];
          for (int i = 0; i < n; i++) {
            map[i] = nmf.w()[i * k + j];
          }
          MapImages.writePng(map, w, h, out.resolve("components/nmf-" + j + ".png"));
        }
      }
      default -> throw new IllegalArgumentException("unknown method " + method);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    RplIO.write(den, out.resolve("denoised.rpl"));
    ScreePlot.write(d.allSingularValues().length > 0 ? d.allSingularValues() : d.singularValues(),
        d.noiseEdge(), k, out.resolve("scree.png"));

    Identification id = Identifier.identify(SpectrumImages.sumSpectrum(si, "sum"));
    List<String> elements = new ArrayList<>();
    for (IdentifiedLine l : id.elements()) {
      if (l.confidence() >= 0.5 && l.energyEv() > 250 && !elements.contains(l.symbol())) {
        elements.add(l.symbol());
      }
    }
    Map<String, Double> before = new LinkedHashMap<>();
    Map<String, Double> after = new LinkedHashMap<>();
    if (!elements.isEmpty()) {
      DetectorResolution res = DetectorResolution.of(id.detectorFwhmMnKaEv());
      Map<String, float[]> m0 = NetCountMaps.compute(si, elements, res);
      Map<String, float[]> m1 = NetCountMaps.compute(den, elements, res);
      for (String el : elements) {
        before.put(el, MapSnr.snr(m0.get(el), w, h));
        after.put(el, MapSnr.snr(m1.get(el), w, h));
        MapImages.writePng(m0.get(el), w, h, out.resolve("maps/" + el + "-before.png"));
        MapImages.writePng(m1.get(el), w, h, out.resolve("maps/" + el + "-after.png"));
      }
    }
    Report r = new Report(method.name().toLowerCase(Locale.ROOT), k, d.suggestedComponents(),
        d.singularValues(), elements, before, after, seconds);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("snr.json").toFile(), r);
    return r;
  }
}
