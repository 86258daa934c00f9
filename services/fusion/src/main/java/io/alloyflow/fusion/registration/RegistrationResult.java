package io.alloyflow.fusion.registration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Outcome of a SEM-EDS registration.
 *
 * @param semToEds transform from SEM pixel coordinates (x, y) to EDS pixel coordinates (u, v)
 * @param rmsResidualPx estimated RMS registration error over the EDS grid, in EDS pixels: the
 *     split-half noise term and the spread of equally good restarts added in quadrature (see
 *     {@link SemEdsRegistration})
 * @param quality named quality metrics (see {@link SemEdsRegistration})
 * @param reliable false when any quality check failed: do not use the transform without review
 * @param reason why the result is unreliable ("ok" when reliable); several reasons joined by "; "
 * @param bseOnEds the BSE image box-averaged over each EDS pixel under the transform (NaN outside)
 * @param proxyOnEds the EDS Z-contrast proxy fitted to the BSE signal, on the EDS grid
 * @param edsWidth EDS grid width
 * @param edsHeight EDS grid height
 */
public record RegistrationResult(
    AffineTransform2D semToEds,
    double rmsResidualPx,
    Map<String, Double> quality,
    boolean reliable,
    String reason,
    float[] bseOnEds,
    float[] proxyOnEds,
    int edsWidth,
    int edsHeight) {

  public RegistrationResult {
    Objects.requireNonNull(semToEds, "semToEds");
    quality = Collections.unmodifiableMap(new LinkedHashMap<>(quality));
    Objects.requireNonNull(reason, "reason");
  }

  /** JSON-friendly view in the format of {@code transform.json}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("matrix", semToEds.matrixList());
    m.put("rmsResidualPx", Double.isFinite(rmsResidualPx) ? rmsResidualPx : null);
    Map<String, Object> q = new LinkedHashMap<>();
    quality.forEach((k, v) -> q.put(k, Double.isFinite(v) ? v : null));
    m.put("quality", q);
    m.put("reliable", reliable);
    m.put("reason", reason);
    return m;
  }
}
