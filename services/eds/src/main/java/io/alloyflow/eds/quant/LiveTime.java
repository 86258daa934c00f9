package io.alloyflow.eds.quant;

import io.alloyflow.core.spectrum.Spectrum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spectra without a live time (simulated spectra, some exports): the analyst either supplies it
 * ({@code --live-time S}, HTTP {@code liveTimeS}), or asks for results normalised to 100 %
 * ({@code --normalise}, HTTP {@code normalise}), in which case a placeholder dose is used for the
 * k-ratios (which are then meaningful only relative to each other) and the analytical total is
 * reported as unavailable (NaN) with a warning.
 */
public final class LiveTime {
  private LiveTime() {}

  /** Whether a spectrum carries a usable live time. */
  public static boolean has(Spectrum s) {
    return s.liveTimeS() > 0 && Double.isFinite(s.liveTimeS());
  }

  /** The spectrum with the given live time if it has none (unchanged otherwise). */
  public static Spectrum orDefault(Spectrum s, double liveTimeS) {
    if (has(s) || !(liveTimeS > 0)) {
      return s;
    }
    return new Spectrum(s.counts(), s.axis(), liveTimeS, s.realTimeS(), s.beamEnergyKeV(),
        s.takeoffAngleDeg(), s.probeCurrentNa(), s.title(), s.metadata());
  }

  /**
   * Checks that every spectrum has a live time, filling it from {@code liveTimeS} (NaN: none
   * given) or, with {@code normalise}, from a placeholder of 1 s; returns the names of the
   * spectra that got the placeholder. Throws a one-line message naming both options otherwise.
   */
  public static List<String> apply(Map<String, Spectrum> spectra, double liveTimeS,
      boolean normalise) {
    if (!Double.isNaN(liveTimeS) && !(liveTimeS > 0 && Double.isFinite(liveTimeS))) {
      throw new IllegalArgumentException("live time must be a positive number of seconds, found "
          + liveTimeS);
    }
    List<String> placeholder = new ArrayList<>();
    for (Map.Entry<String, Spectrum> e : new LinkedHashMap<>(spectra).entrySet()) {
      Spectrum s = e.getValue();
      if (has(s)) {
        continue;
      }
      if (liveTimeS > 0) {
        spectra.put(e.getKey(), orDefault(s, liveTimeS));
      } else if (normalise) {
        spectra.put(e.getKey(), orDefault(s, 1.0));
        placeholder.add(e.getKey());
      } else {
        throw new IllegalArgumentException(e.getKey() + " ('" + s.title() + "') has no live time"
            + " (#LIVETIME): give the live time (--live-time S, HTTP liveTimeS) or ask for results"
            + " normalised to 100 % without an analytical total (--normalise, HTTP normalise)");
      }
    }
    return placeholder;
  }

  /**
   * The quantification normalised to a total of 1, the analytical total unavailable (NaN), and a
   * warning naming the spectra without a live time.
   */
  public static Quantification normalised(Quantification q, List<String> withoutLiveTime) {
    double total = 0;
    for (ElementQuant e : q.elements().values()) {
      total += e.massFraction();
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("cannot normalise: the mass fractions sum to " + total);
    }
    double atTotal = 0;
    for (ElementQuant e : q.elements().values()) {
      atTotal += e.atomFraction();
    }
    Map<String, ElementQuant> els = new LinkedHashMap<>();
    for (ElementQuant e : q.elements().values()) {
      els.put(e.symbol(), new ElementQuant(e.symbol(), e.z(), e.family(), e.kRatio(),
          e.kRatioSigma(), e.massFraction() / total, e.massFractionSigma() / total,
          atTotal > 0 ? e.atomFraction() / atTotal : e.atomFraction(),
          atTotal > 0 ? e.atomFractionSigma() / atTotal : e.atomFractionSigma(), e.netCounts(),
          e.netCountsSigma(), e.standard(), e.byStoichiometry()));
    }
    List<OxideQuant> ox = new ArrayList<>();
    for (OxideQuant o : q.oxides()) {
      ox.add(new OxideQuant(o.element(), o.formula(), o.massFraction() / total,
          o.massFractionSigma() / total));
    }
    List<String> warn = new ArrayList<>(q.warnings());
    warn.add("normalised to 100 %: no live time for " + String.join(", ", withoutLiveTime)
        + " (k-ratios use a placeholder dose; the analytical total is unavailable)");
    return new Quantification(els, ox, Double.NaN, Double.NaN, q.iterations(), q.converged(),
        q.detectorFwhmMnKaEv(), q.fitReducedChiSquare(), warn, q.algorithm());
  }
}
