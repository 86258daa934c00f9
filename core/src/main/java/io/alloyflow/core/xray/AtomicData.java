package io.alloyflow.core.xray;

import com.github.tschoonj.xraylib.Xraylib;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Atomic data over xraylib (T. Schoonjans et al., "The xraylib library for X-ray-matter
 * interactions. Recent developments", Spectrochim. Acta B 66 (2011) 776-784): element symbols,
 * standard atomic weights, absorption edges, line energies, radiative rates, fluorescence yields
 * and total mass attenuation coefficients (XCOM / Kissel / EPDL data). Energies in keV. Lookups
 * that xraylib cannot answer (a line an element does not have) give 0 where stated, so that line
 * tables can skip them; unknown symbols and attenuation outside the tables are errors.
 */
public final class AtomicData {
  private AtomicData() {}

  /** Avogadro constant, 1/mol (SI 2019 exact value). */
  public static final double AVOGADRO = 6.02214076e23;

  /** Lowest photon energy of xraylib's attenuation tables, keV. */
  public static final double MIN_ATTENUATION_KEV = 0.1;

  private static final Map<Long, Double> MU_CACHE = new ConcurrentHashMap<>();

  /** Atomic number of an element symbol ("Fe" gives 26), with a clear error for unknown ones. */
  public static int z(String symbol) {
    int z;
    try {
      z = symbol == null ? 0 : Xraylib.SymbolToAtomicNumber(symbol.strip());
    } catch (RuntimeException e) {
      z = 0;
    }
    if (z <= 0) {
      throw new IllegalArgumentException("unknown element symbol '" + symbol
          + "': expected a chemical symbol such as Fe or Si");
    }
    return z;
  }

  /** Element symbol of an atomic number. */
  public static String symbol(int z) {
    checkZ(z);
    return Xraylib.AtomicNumberToSymbol(z);
  }

  /** Standard atomic weight, g/mol. */
  public static double atomicWeight(int z) {
    checkZ(z);
    return Xraylib.AtomicWeight(z);
  }

  /** Absorption edge of a shell (xraylib shell constant), keV; 0 when xraylib has none. */
  public static double edgeKeV(int z, int shell) {
    try {
      return Xraylib.EdgeEnergy(z, shell);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** Energy of a line (xraylib line constant), keV; 0 when the element has no such line. */
  public static double lineKeV(int z, int line) {
    try {
      return Xraylib.LineEnergy(z, line);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** Radiative rate of a line within its shell; 0 when unknown. */
  public static double radiativeRate(int z, int line) {
    try {
      return Xraylib.RadRate(z, line);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** Fluorescence yield of a shell; 0 when unknown. */
  public static double fluorescenceYield(int z, int shell) {
    try {
      return Xraylib.FluorYield(z, shell);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** Coster-Kronig transition probability (xraylib transition constant); 0 when unknown. */
  public static double costerKronig(int z, int transition) {
    try {
      return Xraylib.CosKronTransProb(z, transition);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * Total mass attenuation coefficient of an element, cm^2/g, at a photon energy in keV (xraylib
   * CS_Total). Below the tables' 0.1 keV it is extrapolated as E^-2.5 (the photo-effect's slope
   * between edges); a photon of no energy (channels at or below 0 keV) is absorbed at once
   * (infinite coefficient).
   */
  public static double massAttenuation(int z, double keV) {
    if (Double.isNaN(keV)) {
      throw new IllegalArgumentException("mass attenuation of Z=" + z + ": photon energy is NaN");
    }
    if (keV <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (keV < MIN_ATTENUATION_KEV) {
      return massAttenuation(z, MIN_ATTENUATION_KEV) * Math.pow(MIN_ATTENUATION_KEV / keV, 2.5);
    }
    long key = ((long) z << 40) ^ Double.doubleToLongBits(keV);
    Double v = MU_CACHE.get(key);
    if (v == null) {
      try {
        v = Xraylib.CS_Total(z, keV);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "no mass attenuation coefficient for Z=" + z + " at " + keV + " keV", e);
      }
      if (MU_CACHE.size() < 2_000_000) {
        MU_CACHE.put(key, v);
      }
    }
    return v;
  }

  /** Photo-absorption cross-section of an element, cm^2/g (extrapolated below 0.1 keV). */
  public static double photoAbsorption(int z, double keV) {
    if (keV <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (keV < MIN_ATTENUATION_KEV) {
      return photoAbsorption(z, MIN_ATTENUATION_KEV) * Math.pow(MIN_ATTENUATION_KEV / keV, 2.5);
    }
    return Xraylib.CS_Photo(z, keV);
  }

  private static void checkZ(int z) {
    if (z < 1 || z > 103) {
      throw new IllegalArgumentException("atomic number must be in 1..103, found " + z);
    }
  }
}
