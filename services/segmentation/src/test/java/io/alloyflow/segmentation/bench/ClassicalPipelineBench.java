package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.classical.InstancePipeline;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.LabelImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark driver (run by bench/segmentation/run_classical_bench.sh): for every PNG in a folder
 * runs the classical instance pipeline {@code repeats} times, prints per-stage times of the
 * fastest run as one JSON line per image, and writes the labels as 16-bit PNG for the agreement
 * check against scikit-image.
 */
public final class ClassicalPipelineBench {
  private ClassicalPipelineBench() {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    double hValue = Double.parseDouble(args[2]);
    int repeats = Integer.parseInt(args[3]);
    Files.createDirectories(out);
    List<Path> files = ImageInputs.listImages(in);
    for (Path f : files) {
      Micrograph m = ImageInputs.readGray(f, Long.MAX_VALUE, Double.NaN);
      long best = Long.MAX_VALUE;
      long[] bestStages = null;
      InstancePipeline.Result r = null;
      for (int k = 0; k < repeats; k++) {
        long t0 = System.nanoTime();
        r = InstancePipeline.run(m.pixels(), m.width(), m.height(), hValue);
        long t = System.nanoTime() - t0;
        if (t < best) {
          best = t;
          bestStages = r.stageNanos();
        }
      }
      LabelImages.writePng(r.labels(), m.width(), m.height(),
          out.resolve(ImageInputs.baseName(f) + ".png"));
      double[] s = Arrays.stream(bestStages).mapToDouble(v -> v / 1e9).toArray();
      System.out.printf(Locale.ROOT,
          "{\"image\":\"%s\",\"impl\":\"alloyflow-java\",\"total_s\":%.4f,\"otsu_s\":%.4f,"
              + "\"edt_s\":%.4f,\"markers_s\":%.4f,\"watershed_s\":%.4f,\"regionprops_s\":%.4f,"
              + "\"instances\":%d,\"threshold\":%.3f}%n",
          f.getFileName(), best / 1e9, s[0], s[1], s[2], s[3], s[4], r.count(), r.threshold());
    }
  }
}
