package io.alloyflow.fusion.classify;

import io.alloyflow.fusion.registration.AffineTransform2D;
import io.alloyflow.fusion.registration.RegistrationResult;
import io.alloyflow.fusion.registration.SemEdsRegistration;
import io.alloyflow.synthetic.fusion.SemEdsPair;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic aluminium-alloy SEM/EDS pair prepared for fused classification: registration,
 * element maps, feature stacks for each modality, and per-SEM-pixel phase truth (0 alpha-Al,
 * 1 Si, 2 Mg2Si, 3 Al-Fe-Si); eutectic pixels count as Si where the Si flakes cover at least half
 * of the pixel, else as (eutectic) alpha-Al.
 */
final class AlloyCase {
  static final List<String> CLASSES = List.of("alpha-Al", "Si", "Mg2Si", "Al-Fe-Si");
  static final List<String> ELEMENTS = List.of("Mg", "Al", "Si", "Fe");

  final SemEdsPair pair;
  final RegistrationResult registration;
  final double registrationErrorPx;
  final int[] truth;
  final double eutecticFraction;
  final FeatureStack bse;
  final FeatureStack eds;
  final FeatureStack fused;
  final ElementMaps maps;
  final AffineTransform2D transform;

  AlloyCase(SemEdsPair.Params p, long seed, boolean useTrueTransform) {
    pair = SemEdsPair.aluminium(p, seed);
    registration = SemEdsRegistration.register(pair.sem(), pair.spectrumImage(),
        SemEdsRegistration.Options.defaults());
    AffineTransform2D truthT = AffineTransform2D.of(pair.semToEds());
    registrationErrorPx = io.alloyflow.fusion.registration.RegistrationAccuracy.rmsErrorEdsPx(
        truthT, registration.semToEds(), pair.sem().width(), pair.sem().height(),
        pair.spectrumImage().width(), pair.spectrumImage().height());
    AffineTransform2D t = useTrueTransform ? truthT : registration.semToEds();
    int n = pair.sem().width() * pair.sem().height();
    truth = new int[n];
    int[] lab = pair.semLabels().labels();
    int eut = 0;
    for (int i = 0; i < n; i++) {
      switch (lab[i]) {
        case 0 -> truth[i] = 0;
        case 1 -> {
          eut++;
          truth[i] = pair.siFraction() != null && pair.siFraction()[i] >= 0.5f ? 1 : 0;
        }
        case 2 -> truth[i] = 2;
        default -> truth[i] = 3;
      }
    }
    eutecticFraction = eut / (double) n;
    maps = ElementMaps.of(pair.spectrumImage(), ELEMENTS);
    transform = t;
    // -Dalloyflow.fusion.context=true adds the BSE spatial-context features (Hessian, gradient)
    boolean ctx = Boolean.getBoolean("alloyflow.fusion.context");
    // -Dalloyflow.fusion.regions=true adds the superpixel region features
    boolean reg = Boolean.getBoolean("alloyflow.fusion.regions");
    bse = FeatureStack.build(pair.sem(), null, null, FeatureStack.Modality.BSE, ctx, reg);
    eds = FeatureStack.build(pair.sem(), maps, t, FeatureStack.Modality.EDS, ctx, reg);
    fused = FeatureStack.build(pair.sem(), maps, t, FeatureStack.Modality.FUSED, ctx, reg);
  }

  /** Up to perClass random pixels of each class. */
  int[] balancedSample(int perClass, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int k = CLASSES.size();
    int[][] byClass = new int[k][];
    int[] cnt = new int[k];
    for (int t : truth) {
      cnt[t]++;
    }
    for (int c = 0; c < k; c++) {
      byClass[c] = new int[cnt[c]];
    }
    int[] fill = new int[k];
    for (int i = 0; i < truth.length; i++) {
      byClass[truth[i]][fill[truth[i]]++] = i;
    }
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int c = 0; c < k; c++) {
      int[] a = byClass[c];
      for (int i = a.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
      }
      for (int i = 0; i < Math.min(perClass, a.length); i++) {
        out.add(a[i]);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** count random pixels (uniform over the image). */
  int[] uniformSample(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = rng.nextInt(truth.length);
    }
    return out;
  }

  int[] labelsOf(int[] pixels) {
    int[] y = new int[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      y[i] = truth[pixels[i]];
    }
    return y;
  }
}
