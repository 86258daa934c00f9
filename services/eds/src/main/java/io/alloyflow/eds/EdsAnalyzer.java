package io.alloyflow.eds;

import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.calibration.EnergyCalibrator;
import io.alloyflow.eds.identify.Identification;
import io.alloyflow.eds.identify.IdentifiedLine;
import io.alloyflow.eds.identify.Identifier;
import io.alloyflow.eds.quant.QuantOptions;
import io.alloyflow.eds.quant.Quantification;
import io.alloyflow.eds.quant.Quantifier;
import java.util.List;
import java.util.Map;

/**
 * Facade of the EDS algorithms for the service layer (Temporal activity, HTTP, CLI). Pure Java:
 * no framework types. Every result carries an {@link AlgorithmInfo}.
 */
public final class EdsAnalyzer {
  private EdsAnalyzer() {}

  /**
   * A calibrated spectrum.
   *
   * @param spectrum the spectrum on the fitted axis (unchanged axis when not enough peaks)
   * @param offsetEv energy of channel 0 (eV)
   * @param gainEv channel width (eV)
   * @param residualEv rms residual of the line energies used (NaN when not fitted)
   * @param peaksUsed peaks used, with their shift from the nominal axis
   * @param algorithm provenance
   */
  public record CalibratedSpectrum(
      Spectrum spectrum,
      double offsetEv,
      double gainEv,
      double residualEv,
      List<String> peaksUsed,
      AlgorithmInfo algorithm) {
    public CalibratedSpectrum {
      peaksUsed = List.copyOf(peaksUsed);
    }
  }

  /**
   * An identified element.
   *
   * @param symbol element symbol
   * @param z atomic number
   * @param family K, L or M
   * @param energyEv energy of the family's strongest line (eV)
   * @param netCounts net counts of the family
   * @param netCountsSigma counting sigma of the net counts
   * @param confidence 0..1
   * @param overlapWarnings overlap warnings
   */
  public record IdentifiedElement(
      String symbol,
      int z,
      String family,
      double energyEv,
      double netCounts,
      double netCountsSigma,
      double confidence,
      List<String> overlapWarnings) {
    public IdentifiedElement {
      overlapWarnings = List.copyOf(overlapWarnings);
    }
  }

  /** Calibrates the energy axis (offset, gain) from the spectrum's identified peaks. */
  public static CalibratedSpectrum calibrate(Spectrum spectrum) {
    EnergyCalibrator.Calibration c = EnergyCalibrator.calibrate(spectrum);
    return new CalibratedSpectrum(
        c.spectrum(), c.offsetEv(), c.gainEv(), c.residualEv(), c.peaksUsed(), c.algorithm());
  }

  /** Identifies the elements of a spectrum, strongest first. */
  public static List<IdentifiedElement> identify(Spectrum spectrum) {
    return identification(spectrum).elements().stream()
        .map(EdsAnalyzer::toElement)
        .toList();
  }

  /** Identification with its provenance and fitted resolution. */
  public static Identification identification(Spectrum spectrum) {
    return Identifier.identify(spectrum);
  }

  /**
   * Identification that also looks for the elements asked about (accepted at 3 sigma) and gives
   * a minimum detectable mass fraction for each one not found.
   */
  public static Identification identification(Spectrum spectrum, List<String> asked) {
    return Identifier.identify(spectrum, 5.0, asked);
  }

  /**
   * Quantifies an unknown against standards.
   *
   * @param unknown unknown spectrum
   * @param standards element symbol -> standard spectrum
   * @param standardCompositions element symbol -> composition of that element's standard (mass
   *     fractions); empty to use each standard's {@code ##D2STDCMP} header
   * @param options options (e.g. {@code QuantOptions.defaults().withOxygen(STOICHIOMETRY)})
   * @throws IllegalArgumentException one-line message on inconsistent input
   */
  public static Quantification quantify(
      Spectrum unknown,
      Map<String, Spectrum> standards,
      Map<String, Map<String, Double>> standardCompositions,
      QuantOptions options) {
    return Quantifier.quantify(unknown, standards, standardCompositions, options);
  }

  /** The API view of an identified family. */
  public static IdentifiedElement toElement(IdentifiedLine l) {
    return new IdentifiedElement(l.symbol(), l.z(), l.family(), l.energyEv(), l.netCounts(),
        l.netCountsSigma(), l.confidence(), l.overlapWarnings());
  }
}
