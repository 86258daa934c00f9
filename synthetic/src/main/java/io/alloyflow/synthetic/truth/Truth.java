package io.alloyflow.synthetic.truth;

import io.alloyflow.synthetic.micro.Instance;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Phase;
import io.alloyflow.synthetic.micro.Polycrystal;
import io.alloyflow.synthetic.sem.BackscatterYield;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumImageSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the sections of a {@code truth.json} document: the microstructure (phases with
 * composition and BSE coefficient, measured phase fractions, instances with class, composition
 * and attributes, statistics, parameters, seed), the SEM image formation, the EDS acquisition
 * (SEM-EDS transform, drift, detector) and 3D volumes. File names are relative to the truth file.
 */
public final class Truth {

  private Truth() {}

  /** Format version of the truth document. */
  public static final String FORMAT = "alloyflow-synthetic-truth/1";

  /** Document head and microstructure section. */
  public static Map<String, Object> microstructure(Microstructure m, Map<String, String> files) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format", FORMAT);
    d.put("kind", m.kind());
    d.put("seed", m.seed());
    d.put("generator", "io.alloyflow.synthetic " + m.kind());
    d.put("files", new LinkedHashMap<>(files));
    d.put("width", m.width());
    d.put("height", m.height());
    d.put("pixelSizeM", m.pixelSizeM());
    d.put("parameters", m.parameters());
    List<Map<String, Object>> phases = new ArrayList<>();
    for (int k = 0; k < m.phases().size(); k++) {
      Phase p = m.phases().get(k);
      Map<String, Object> ph = new LinkedHashMap<>();
      ph.put("label", k);
      ph.put("name", p.name());
      ph.put("massFractions", p.massFractions());
      ph.put("bseCoefficient", BackscatterYield.of(p.massFractions()));
      ph.put("meanAtomicNumber", BackscatterYield.meanZ(p.massFractions()));
      ph.put("reliefPx", p.relief());
      if (m.mixture() != null && m.mixture().phaseLabel() == k) {
        // the region's mean composition above is the mixture of these constituents
        List<Map<String, Object>> cons = new ArrayList<>();
        for (Phase c : List.of(m.mixture().matrix(), m.mixture().particle())) {
          Map<String, Object> ce = new LinkedHashMap<>();
          ce.put("name", c.name());
          ce.put("massFractions", c.massFractions());
          ce.put("bseCoefficient", BackscatterYield.of(c.massFractions()));
          cons.add(ce);
        }
        ph.put("constituents", cons);
        ph.put("particleAreaFraction", meanOver(m.mixture().particleFraction(),
            m.phaseMap().labels(), k));
      }
      phases.add(ph);
    }
    d.put("phases", phases);
    d.put("phaseFractions", m.phaseFractions());
    d.put("statistics", m.statistics());
    if (m.instanceMap() != null) {
      List<Map<String, Object>> inst = new ArrayList<>();
      for (Instance i : m.instances()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", i.id());
        e.put("class", i.className());
        e.put("composition", i.composition());
        e.put("attributes", i.attributes());
        inst.add(e);
      }
      d.put("instanceCount", inst.size());
      d.put("instances", inst);
    }
    return d;
  }

  private static double meanOver(float[] v, int[] labels, int k) {
    double s = 0;
    long c = 0;
    for (int i = 0; i < v.length; i++) {
      if (labels[i] == k) {
        s += v[i];
        c++;
      }
    }
    return c == 0 ? 0 : s / c;
  }

  /** SEM image formation section. */
  public static Map<String, Object> sem(SemConditions c, SemSimulator.Result r, String file) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("file", file);
    s.put("signal", c.signal().name());
    s.put("bitDepth", r.image().bitDepth());
    s.put("pixelSizeM", r.image().pixelSizeM());
    s.put("topographyWeight", c.topographyWeight());
    s.put("dosePerPixel", c.dosePerPixel());
    // the dwell time that gives this dose at a 1 nA probe (t = N e / I)
    s.put("dwellSAt1nA", c.dosePerPixel() * SemConditions.ELEMENTARY_CHARGE_C / 1e-9);
    s.put("probeSigmaPx", c.probeSigmaPx());
    s.put("gain", r.gain());
    s.put("offset", c.offset());
    s.put("scanJitterPx", c.scanJitterPx());
    s.put("driftXPx", c.driftXPx());
    s.put("driftYPx", c.driftYPx());
    s.put("bseModel", "Reuter (1972) eta(Z), Castaing/Heinrich mass-fraction mixing");
    return s;
  }

  /** EDS spectrum-image section. */
  public static Map<String, Object> eds(
      SpectrumImageSimulator.Params p, SpectrumImageSimulator.Result r, Map<String, String> files) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("files", new LinkedHashMap<>(files));
    s.put("width", p.width());
    s.put("height", p.height());
    s.put("channels", p.detector().channels());
    s.put("pixelSizeM", r.image().pixelSizeM());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("description", "maps EDS pixel coordinates (u, v) to SEM pixel coordinates (x, y); "
        + "pixel centres at integer + 0.5");
    t.put("scale", p.transform().scale());
    t.put("rotationDeg", p.transform().rotationDeg());
    t.put("shiftXPx", p.transform().shiftXPx());
    t.put("shiftYPx", p.transform().shiftYPx());
    t.put("matrixEdsToSem", p.transform().matrix());
    s.put("transform", t);
    s.put("beamKeV", p.beamKeV());
    s.put("liveTimePerPixelS", p.liveTimePerPixelS());
    s.put("probeCurrentNa", p.probeCurrentNa());
    s.put("driftEvTotal", p.driftEv());
    s.put("driftModel", "energy shift linear in scan row: shift(v) = driftEvTotal * v / (height-1)");
    s.put("footprintSubsamples", p.subsamples());
    s.put("outsideFraction", r.outsideFraction());
    s.put("phaseNames", r.phaseNames());
    s.put("elements", r.elements());
    s.put("detector", detector(p.detector()));
    return s;
  }

  /** Detector description. */
  public static Map<String, Object> detector(EdsDetector d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("offsetEv", d.axis().offsetEv());
    m.put("gainEvPerChannel", d.axis().gainEvPerChannel());
    m.put("channels", d.channels());
    m.put("fwhmMnKaEv", d.fwhmMnKaEv());
    m.put("fano", EdsDetector.FANO);
    m.put("evPerPair", EdsDetector.EV_PER_PAIR);
    m.put("takeoffDeg", d.takeoffDeg());
    m.put("solidAngleSr", d.solidAngleSr());
    m.put("polymerWindowUm", d.polymerWindowUm());
    m.put("aluminiumUm", d.aluminiumUm());
    m.put("gridOpenFraction", d.gridOpenFraction());
    m.put("deadLayerUm", d.deadLayerUm());
    m.put("activeMm", d.activeMm());
    m.put("escapePeaks", d.escapePeaks());
    m.put("pulsePairResolutionS", d.pulsePairResolutionS());
    return m;
  }

  /** Document for a 3D grain volume. */
  public static Map<String, Object> volume(Polycrystal.Volume v, Map<String, String> files) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format", FORMAT);
    d.put("kind", "grains3d");
    d.put("seed", v.seed());
    d.put("files", new LinkedHashMap<>(files));
    d.put("nx", v.nx());
    d.put("ny", v.ny());
    d.put("nz", v.nz());
    d.put("voxelSizeM", v.voxelSizeM());
    d.put("voxelLayout", "int32 little-endian grain id, index (z * ny + y) * nx + x, ids 1..n");
    d.put("parameters", v.parameters());
    d.put("statistics", v.statistics());
    List<Map<String, Object>> g = new ArrayList<>();
    for (int i = 0; i < v.grainCount(); i++) {
      double[] e = v.eulerBungeRad()[i];
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", i + 1);
      m.put("eulerBungeDeg", List.of(Math.toDegrees(e[0]), Math.toDegrees(e[1]),
          Math.toDegrees(e[2])));
      g.add(m);
    }
    d.put("grains", g);
    return d;
  }
}
