package io.alloyflow.eds.identify;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.quant.StandardlessPhysics;
import io.alloyflow.eds.quant.StandardlessQuantifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per unit mass fraction of any element family in the matrix of the identified elements,
 * for detection limits: the identified elements' mass fractions are estimated first-principles
 * (C_i proportional to N_i / I_i(C), normalised, iterated; I from {@link
 * StandardlessPhysics#intensityPerMassFraction}) and the instrument constant K = sum N_i / I_i
 * scales the computed intensity of any other family: counts per mass fraction = K I_X(C).
 */
final class Sensitivity {
  private final int[] z;
  private final double[] c;
  private final double k;
  private final double beamEv;
  private final double takeoffRad;
  private final StandardlessPhysics.Detector det;

  private Sensitivity(int[] z, double[] c, double k, double beamEv, double takeoffRad,
      StandardlessPhysics.Detector det) {
    this.z = z;
    this.c = c;
    this.k = k;
    this.beamEv = beamEv;
    this.takeoffRad = takeoffRad;
    this.det = det;
  }

  /** From the identified families and their fitted net counts (same order as {@code found}). */
  static Sensitivity of(Spectrum s, List<IdentifiedLine> found, double[] net, double beamEv) {
    double takeoff = Math.toRadians(
        s.takeoffAngleDeg() > 0 && s.takeoffAngleDeg() < 90 ? s.takeoffAngleDeg() : 35);
    StandardlessPhysics.Detector det =
        new StandardlessPhysics.Detector(0, 0, StandardlessQuantifier.DEFAULT_ACTIVE_CM);
    // one family per element: the analytical family when identified, else the strongest
    Map<Integer, Integer> pick = new LinkedHashMap<>();
    for (int j = 0; j < found.size(); j++) {
      IdentifiedLine l = found.get(j);
      if (!(net[j] > 0)) {
        continue;
      }
      Integer prev = pick.get(l.z());
      boolean analytical =
          Family.valueOf(l.family()) == XrayData.analyticalFamily(l.z(), beamEv);
      if (prev == null || analytical || net[j] > net[prev]
          && Family.valueOf(found.get(prev).family())
              != XrayData.analyticalFamily(l.z(), beamEv)) {
        pick.put(l.z(), j);
      }
    }
    List<Integer> idx = new ArrayList<>(pick.values());
    int m = idx.size();
    int[] zs = new int[m];
    double[] cs = new double[m];
    for (int i = 0; i < m; i++) {
      zs[i] = found.get(idx.get(i)).z();
      cs[i] = 1.0 / Math.max(m, 1);
    }
    double k = Double.NaN;
    for (int it = 0; it < 4 && m > 0; it++) {
      double[] r = new double[m];
      double sum = 0;
      for (int i = 0; i < m; i++) {
        Family f = Family.valueOf(found.get(idx.get(i)).family());
        double in = StandardlessPhysics.intensityPerMassFraction(
            zs, cs, zs[i], f, beamEv, takeoff, det);
        r[i] = net[idx.get(i)] / in;
        sum += r[i];
      }
      for (int i = 0; i < m; i++) {
        cs[i] = r[i] / sum;
      }
      k = sum;
    }
    return new Sensitivity(zs, cs, k, beamEv, takeoff, det);
  }

  /** Net counts of family f of element zA per unit mass fraction (NaN without a matrix). */
  double countsPerMassFraction(int zA, Family f) {
    if (z.length == 0 || !(k > 0)) {
      return Double.NaN;
    }
    return k * StandardlessPhysics.intensityPerMassFraction(z, c, zA, f, beamEv, takeoffRad, det);
  }

  /** Estimated mass fractions of the matrix elements (symbol to fraction). */
  Map<String, Double> matrix() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < z.length; i++) {
      out.put(XrayData.symbol(z[i]), c[i]);
    }
    return out;
  }
}
