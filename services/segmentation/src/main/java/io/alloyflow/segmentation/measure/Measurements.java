package io.alloyflow.segmentation.measure;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.provenance.AlgorithmInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measurement facade: phase fractions with standard errors (ASTM E562), grain size (ASTM E112
 * Heyn and Jeffries, ASTM E1382 grain areas) when the phase map has a grain-boundary class, and
 * particle size/shape statistics of the minority classes.
 */
public final class Measurements {
  private Measurements() {}

  /** Measures a phase map; the micrograph (may be null) supplies intensities and pixel size. */
  public static MicrostructureMeasurements measure(
      LabelMap phases, Micrograph micrograph, MeasureOptions o) {
    int w = phases.width();
    int h = phases.height();
    if (micrograph != null && (micrograph.width() != w || micrograph.height() != h)) {
      throw new IllegalArgumentException(
          "phase map is "
              + w
              + "x"
              + h
              + " but the micrograph is "
              + micrograph.width()
              + "x"
              + micrograph.height());
    }
    double px = phases.pixelSizeM();
    if (Double.isNaN(px) && micrograph != null) {
      px = micrograph.pixelSizeM();
    }
    if (Double.isNaN(px)) {
      px = o.fallbackPixelSizeM();
    }
    List<String> names = new ArrayList<>(phases.classNames());
    int max = phases.maxLabel();
    while (names.size() <= max) {
      names.add("class" + names.size());
    }
    int[] lab = phases.labels();
    List<PhaseFraction> fr = PhaseFractions.measure(lab, w, h, names, o.fractionTiles(), 1);
    int boundary = o.boundaryClass();
    if (boundary < 0) {
      for (int c = 0; c < names.size(); c++) {
        if (names.get(c).toLowerCase(Locale.ROOT).contains("boundar")) {
          boundary = c;
          break;
        }
      }
    }
    List<GrainSizeResult> gs = new ArrayList<>();
    if (boundary >= 0 && boundary < names.size()) {
      byte[] b = new byte[lab.length];
      for (int i = 0; i < lab.length; i++) {
        b[i] = lab[i] == boundary ? (byte) 1 : 0;
      }
      int[] grains = GrainSize.grainsFromBoundaries(b, w, h, o.minGrainAreaPx());
      gs.addAll(grainSize(grains, w, h, px, o));
    }
    List<Integer> pcs = new ArrayList<>(o.particleClasses());
    if (pcs.isEmpty()) {
      int majority = 0;
      for (int c = 1; c < fr.size(); c++) {
        if (fr.get(c).fraction() > fr.get(majority).fraction()) {
          majority = c;
        }
      }
      for (int c = 0; c < names.size(); c++) {
        if (c != majority && c != boundary && fr.get(c).fraction() > 0) {
          pcs.add(c);
        }
      }
    }
    float[] intensity = micrograph == null ? null : micrograph.pixels();
    List<ParticleStats> ps = new ArrayList<>();
    for (int c : pcs) {
      int[] inst = Particles.instancesOfClass(lab, w, h, c);
      ParticleStats s =
          Particles.measure(names.get(c), inst, w, h, intensity, px, o.minParticleAreaPx(),
              o.excludeBorderParticles());
      if (!o.keepParticleList()) {
        s = new ParticleStats(s.className(), s.unit(), s.count(), s.numberPerMm2(), s.ecd(),
            s.feretMax(), s.feretMin(), s.aspectRatio(), s.circularity(), s.solidity(), List.of());
      }
      ps.add(s);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("pixelSizeM", Double.toString(px));
    params.put("fractionTiles", Integer.toString(o.fractionTiles()));
    params.put("boundaryClass", Integer.toString(boundary));
    params.put("particleClasses", pcs.toString());
    params.put("minParticleAreaPx", Integer.toString(o.minParticleAreaPx()));
    params.put("excludeBorderParticles", Boolean.toString(o.excludeBorderParticles()));
    params.put("interceptLines", Integer.toString(o.interceptLines()));
    params.put("planimetricTiles", Integer.toString(o.planimetricTiles()));
    AlgorithmInfo info =
        new AlgorithmInfo(
            "microstructure-measurements",
            "1.0",
            "ASTM E562-19; ASTM E112-13; ASTM E1382-97(2015); ISO 9276-6:2008",
            params);
    return new MicrostructureMeasurements(px, fr, gs, ps, info);
  }

  /** Heyn, Jeffries and E1382 grain size of a grain label map (0 = boundary). */
  public static List<GrainSizeResult> grainSize(
      int[] grains, int w, int h, double pixelSizeM, MeasureOptions o) {
    List<GrainSizeResult> gs = new ArrayList<>();
    gs.add(GrainSize.heynIntercept(grains, w, h, pixelSizeM, o.interceptLines()));
    gs.add(GrainSize.jeffriesPlanimetric(grains, w, h, pixelSizeM, o.planimetricTiles()));
    gs.add(GrainSize.e1382GrainArea(grains, w, h, pixelSizeM));
    return gs;
  }

  /**
   * Inclusions of a BSE micrograph: features darker or brighter than the matrix by more than
   * {@code k} robust standard deviations (see {@link Inclusions}), with their size distributions
   * (index 0 = dark, 1 = bright). Frame-touching features are kept (inclusion ratings count them).
   */
  public static List<ParticleStats> inclusions(Micrograph m, double k, int minAreaPx) {
    int w = m.width();
    int h = m.height();
    int[] cls = Inclusions.detect(m.pixels(), w, h, k, minAreaPx);
    List<ParticleStats> out = new ArrayList<>();
    out.add(Particles.measure("dark-inclusion", Particles.instancesOfClass(cls, w, h, 1), w, h,
        m.pixels(), m.pixelSizeM(), minAreaPx, false));
    out.add(Particles.measure("bright-inclusion", Particles.instancesOfClass(cls, w, h, 2), w, h,
        m.pixels(), m.pixelSizeM(), minAreaPx, false));
    return out;
  }
}
