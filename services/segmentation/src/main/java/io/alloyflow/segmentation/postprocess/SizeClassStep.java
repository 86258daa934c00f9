package io.alloyflow.segmentation.postprocess;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.measure.PhaseFractions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link PrecipitateSizeClasses} applied to a {@link PhaseSegmentation}: which two classes to split
 * (by name), the relabelled map, its fractions, and the step's parameters and outcome recorded in
 * the segmentation's algorithm parameters (prefix {@code sizeClasses.}).
 *
 * @param coarse name of the class of the large particles (must be a class of the segmentation)
 * @param fine name of the class of the small particles (added as a new class when missing)
 * @param settings the rule's settings
 */
public record SizeClassStep(String coarse, String fine, SizeClassSettings settings) {

  /** The option value that turns the step off. */
  public static final String OFF = "off";

  /** The option value that picks the classes named {@code secondary*} and {@code tertiary*}. */
  public static final String AUTO = "auto";

  /**
   * Sidecar of a model folder that records post-processing settings the model was validated with
   * ({@code precipitate-size-classes=auto|off|COARSE,FINE}); {@code segment} uses it when the
   * option is not given.
   */
  public static final String SIDECAR = "postprocess.properties";

  /** The key of the size-class mode in {@link #SIDECAR}. */
  public static final String SIDECAR_KEY = "precipitate-size-classes";

  public SizeClassStep {
    if (coarse == null || coarse.isBlank() || fine == null || fine.isBlank()) {
      throw new IllegalArgumentException("size classes: expected two class names COARSE,FINE,"
          + " found '" + coarse + "," + fine + "'");
    }
    if (coarse.equals(fine)) {
      throw new IllegalArgumentException("size classes: the coarse and fine classes must differ,"
          + " found '" + coarse + "' twice");
    }
    if (settings == null) {
      throw new IllegalArgumentException("size classes: settings missing");
    }
  }

  /**
   * The step for an option value ({@code off}, {@code auto} or {@code COARSE,FINE}) and the class
   * names of the model; null for {@code off}.
   */
  public static SizeClassStep parse(String mode, List<String> classNames,
      SizeClassSettings settings) {
    if (mode == null || mode.isBlank() || mode.trim().equalsIgnoreCase(OFF)) {
      return null;
    }
    String v = mode.trim();
    if (v.equalsIgnoreCase(AUTO)) {
      String c = firstStartingWith(classNames, "secondary");
      String f = firstStartingWith(classNames, "tertiary");
      if (c == null || f == null) {
        throw new IllegalArgumentException("--precipitate-size-classes auto needs classes named"
            + " secondary... and tertiary...; the model's classes are " + classNames
            + " (name the two instead: --precipitate-size-classes COARSE,FINE)");
      }
      return new SizeClassStep(c, f, settings);
    }
    String[] p = v.split(",", -1);
    if (p.length != 2) {
      throw new IllegalArgumentException("--precipitate-size-classes expects off, auto or"
          + " COARSE,FINE (two class names), found '" + mode + "'");
    }
    SizeClassStep s = new SizeClassStep(p[0].trim(), p[1].trim(), settings);
    if (!classNames.contains(s.coarse())) {
      throw new IllegalArgumentException("--precipitate-size-classes: the coarse class '"
          + s.coarse() + "' is not a class of the model; its classes are " + classNames);
    }
    return s;
  }

  /**
   * The size-class mode recorded in a model folder's {@link #SIDECAR}, or null when the model is
   * a file, has no sidecar, or the sidecar does not set it.
   */
  public static String recordedMode(java.nio.file.Path model) throws java.io.IOException {
    if (model == null || !java.nio.file.Files.isDirectory(model)) {
      return null;
    }
    java.nio.file.Path f = model.resolve(SIDECAR);
    if (!java.nio.file.Files.isRegularFile(f)) {
      return null;
    }
    java.util.Properties p = new java.util.Properties();
    try (java.io.Reader r = java.nio.file.Files.newBufferedReader(f)) {
      p.load(r);
    }
    String v = p.getProperty(SIDECAR_KEY);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static String firstStartingWith(List<String> names, String prefix) {
    for (String n : names) {
      if (n.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return n;
      }
    }
    return null;
  }

  /**
   * The segmentation with its two precipitate classes split by size (fractions over {@code
   * fractionTiles} fields per side, ASTM E562).
   */
  public PhaseSegmentation apply(PhaseSegmentation seg, int fractionTiles) {
    List<String> names = new ArrayList<>(seg.classNames());
    int c = names.indexOf(coarse);
    if (c < 0) {
      throw new IllegalArgumentException("size classes: the coarse class '" + coarse
          + "' is not a class of the segmentation; its classes are " + names);
    }
    int f = names.indexOf(fine);
    if (f < 0) {
      names.add(fine);
      f = names.size() - 1;
    }
    LabelMap lm = seg.labels();
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(lm.labels(), lm.width(), lm.height(), c, f, settings);
    Map<String, String> params = new LinkedHashMap<>(seg.algorithm().parameters());
    params.put("sizeClasses", coarse + "," + fine);
    params.put("sizeClasses.version", PrecipitateSizeClasses.VERSION);
    params.put("sizeClasses.minAreaPx", Integer.toString(settings.minAreaPx()));
    params.put("sizeClasses.minComponents", Integer.toString(settings.minComponents()));
    params.put("sizeClasses.minSeparation", Double.toString(settings.minSeparation()));
    params.put("sizeClasses.excludeBorder", Boolean.toString(settings.excludeBorder()));
    params.put("sizeClasses.applied", Boolean.toString(r.applied()));
    params.put("sizeClasses.outcome", r.reason());
    params.put("sizeClasses.measuredParticles", Integer.toString(r.measured()));
    if (!Double.isNaN(r.thresholdDiameterPx())) {
      params.put("sizeClasses.thresholdDiameterPx",
          String.format(Locale.ROOT, "%.3f", r.thresholdDiameterPx()));
    }
    if (r.mixture() != null) {
      params.put("sizeClasses.ashmanD", String.format(Locale.ROOT, "%.3f", r.mixture().ashmanD()));
    }
    params.put("sizeClasses.changedPixels", Long.toString(r.changedPixels()));
    params.put("sizeClasses.reference", PrecipitateSizeClasses.REFERENCE);
    AlgorithmInfo a = seg.algorithm();
    AlgorithmInfo info = new AlgorithmInfo(a.name(), a.version(), a.reference(), params);
    LabelMap out = new LabelMap(lm.width(), lm.height(), r.labels(), names, lm.pixelSizeM());
    return new PhaseSegmentation(out, names,
        PhaseFractions.measure(r.labels(), lm.width(), lm.height(), names, fractionTiles, 1), info);
  }
}
