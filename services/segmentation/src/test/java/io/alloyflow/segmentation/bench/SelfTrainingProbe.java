package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.MaskFormat;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.pixelclassifier.PixelAugmentation;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifierTrainer;
import io.alloyflow.segmentation.pixelclassifier.SelfTraining;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Does class-balanced pseudo-label self-training ({@link SelfTraining}) adapt a NASA superalloy
 * pixel classifier to Super2 {@code different_test} (other alloys, microscopes, voltages and
 * magnifications) without its labels? The teacher pseudo-labels the target images; the student is
 * trained with the default settings on the labelled training splits plus these images; both are
 * scored on the target split and on Super1 test (which must not fall). The target's labels are
 * read only to report the pseudo-labels' accuracy and the scores.
 *
 * <p>Usage: {@code SelfTrainingProbe TEACHER.zip NASA_SUPER_DIR OUT.zip FRACTION [AUGMENT=2]
 * [TRAIN=Super1/train] [TARGET=Super2/different_test] [SCORE_TEACHER=true]} (TRAIN:
 * comma-separated splits).
 */
public final class SelfTrainingProbe {
  private SelfTrainingProbe() {}

  public static void main(String[] args) throws Exception {
    PixelClassifier teacher = PixelClassifier.load(Path.of(args[0]));
    Path nasa = Path.of(args[1]);
    Path out = Path.of(args[2]);
    double fraction = Double.parseDouble(args[3]);
    int augment = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    String trainSplits = args.length > 5 ? args[5] : "Super1/train";
    String target = args.length > 6 ? args[6] : "Super2/different_test";
    boolean withTeacher = args.length <= 7 || Boolean.parseBoolean(args[7]);
    List<TrainingImage> labelled = new ArrayList<>();
    for (String split : trainSplits.split(",")) {
      for (Datasets.Labelled d : load(nasa, split)) {
        Micrograph g = d.micrograph();
        labelled.add(new TrainingImage(g.pixels(), g.width(), g.height(), d.labels(), false,
            split + "/" + name(d)));
      }
    }
    List<Datasets.Labelled> tgt = load(nasa, target);
    List<float[]> px = new ArrayList<>();
    List<int[]> sizes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Datasets.Labelled d : tgt) {
      Micrograph g = d.micrograph();
      SelfTraining.PseudoLabels pl =
          SelfTraining.pseudoLabel(teacher, g.pixels(), g.width(), g.height(), fraction, name(d));
      long right = 0;
      long kept = 0;
      int[] l = pl.image().labels();
      for (int i = 0; i < l.length; i++) {
        if (l[i] >= 0) {
          kept++;
          right += l[i] == d.labels()[i] ? 1 : 0;
        }
      }
      System.out.printf(Locale.ROOT, "pseudo-labels %-36s kept %.3f per class %s accuracy %.4f%n",
          name(d), pl.labelledFraction(), Arrays.toString(pl.perClass()),
          kept == 0 ? Double.NaN : (double) right / kept);
      px.add(g.pixels());
      sizes.add(new int[] {g.width(), g.height()});
      names.add(target + "/" + name(d));
    }
    long t0 = System.nanoTime();
    PixelClassifier student = SelfTraining.adapt(teacher, labelled, px, sizes, names, fraction,
        PixelClassifier.Settings.defaults(), PixelAugmentation.defaults().withCopies(augment),
        PixelClassifierTrainer.Progress.NONE);
    System.out.printf(Locale.ROOT, "student trained in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    student.save(out);
    for (String split : List.of(target, "Super1/test")) {
      for (var e : withTeacher ? List.of(java.util.Map.entry("teacher", teacher),
          java.util.Map.entry("student", student)) : List.of(java.util.Map.entry("student", student))) {
        long[][] conf = new long[3][3];
        StringBuilder perImage = new StringBuilder();
        for (Datasets.Labelled d : load(nasa, split)) {
          Micrograph g = d.micrograph();
          int[] pred = e.getValue().predict(g.pixels(), g.width(), g.height());
          SemanticMetrics.accumulate(conf, pred, d.labels());
          long[][] one = new long[3][3];
          SemanticMetrics.accumulate(one, pred, d.labels());
          perImage.append(String.format(Locale.ROOT, " %.3f",
              SemanticMetrics.fromConfusion(one).meanIoU()));
        }
        SemanticMetrics s = SemanticMetrics.fromConfusion(conf);
        System.out.printf(Locale.ROOT, "%-22s %-8s mIoU %.4f per class %s per image%s%n", split,
            e.getKey(), s.meanIoU(), Arrays.toString(s.perClassIoU()), perImage);
      }
    }
  }

  private static String name(Datasets.Labelled d) {
    String f = d.image().getFileName().toString();
    int dot = f.lastIndexOf('.');
    return dot > 0 ? f.substring(0, dot) : f;
  }

  private static List<Datasets.Labelled> load(Path nasa, String split) throws Exception {
    return Datasets.load(nasa.resolve(split), nasa.resolve(split + "_annot"), MaskFormat.NASA,
        ImageInputs.DEFAULT_MAX_PIXELS);
  }
}
