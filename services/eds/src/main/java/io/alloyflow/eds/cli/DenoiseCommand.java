package io.alloyflow.eds.cli;

import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.denoise.DenoisePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eds denoise SI.rpl --method pca|ica|nmf [--components K] --out DIR}; the same path as
 * {@code POST /v1/eds/denoise} ({@link Denoising}).
 */
@Command(name = "denoise", mixinStandardHelpOptions = true,
    description = "Denoise a spectrum image (Poisson PCA, ICA after PCA, or NMF); writes the"
        + " denoised cube, maps, snr.json and a scree plot.")
public final class DenoiseCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SI.rpl",
      description = "Lispix RPL spectrum image (with its RAW), or an Arrow IPC cube (.arrow)")
  Path rpl;

  @Option(names = "--method", defaultValue = "pca", paramLabel = "pca|ica|nmf")
  String method;

  @Option(names = "--components", defaultValue = "0", paramLabel = "K",
      description = "components to keep (default: automatic)")
  int components;

  @Option(names = "--out", required = true, paramLabel = "DIR")
  Path out;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Override
  public Integer call() {
    DenoisePipeline.Method m;
    SpectrumImage si;
    try {
      m = Denoising.method(method, "--method");
      si = Denoising.readCube(rpl);
      Denoising.checkCube(si, rpl.toString());
      Denoising.components(components, si, "--components");
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("eds denoise: " + EdsCommand.oneLine(e));
      return EdsCommand.BAD_INPUT;
    }
    try {
      DenoisePipeline.Report r = Denoising.run(si, m, components, out, seed);
      System.out.printf("%s: %d components (suggested %d) in %.2f s; output in %s%n", r.method(),
          r.components(), r.suggestedComponents(), r.seconds(), out);
      for (Map.Entry<String, Double> e : r.snrBefore().entrySet()) {
        System.out.printf("  %-2s SNR %.2f -> %.2f%n", e.getKey(), e.getValue(),
            r.snrAfter().get(e.getKey()));
      }
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("eds denoise: " + EdsCommand.oneLine(e));
      return EdsCommand.BAD_INPUT;
    } catch (IOException e) {
      System.err.println("eds denoise: cannot write output: " + EdsCommand.oneLine(e));
      return 1;
    }
  }
}
