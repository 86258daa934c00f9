package io.alloyflow.workflows.inclusion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An inclusion scan.
 *
 * @param scanId id, {@code scan-} followed by 1..64 letters, digits or '-'
 * @param sampleId the specimen (graph sample; empty = the scan id)
 * @param fields the fields, 1..{@value #MAX_FIELDS}, with unique names
 * @param confidenceThreshold BSE screening confidence below which a particle gets EDS, [0, 1.01]
 *     (NaN = 0.9, the point of the fusion bench's trade-off curve where macro-F1 reaches 0.99)
 * @param pixelSizeUm pixel size used when an image carries none (NaN = none)
 * @param maxParallel fields processed at once, 1..16 (0 = 2)
 * @param fieldOverheadS instrument time per field for stage move, settling and the BSE frame (s;
 *     NaN = 3)
 * @param edsDwellS instrument time per EDS acquisition (s; NaN = 2)
 */
public record InclusionScanRequest(String scanId, String sampleId, List<ScanField> fields,
    double confidenceThreshold, double pixelSizeUm, int maxParallel, double fieldOverheadS,
    double edsDwellS) {
  public static final Pattern ID = Pattern.compile("scan-[A-Za-z0-9-]{1,64}");
  /** Most fields of one scan (their provenance records travel in one graph write of at most ~1 MB). */
  public static final int MAX_FIELDS = 100;

  public InclusionScanRequest {
    if (scanId == null || !ID.matcher(scanId).matches()) {
      throw new IllegalArgumentException("scanId must be 'scan-' followed by 1..64 letters, digits"
          + " or '-', found '" + scanId + "'");
    }
    sampleId = sampleId == null || sampleId.isBlank() ? scanId : sampleId;
    if (fields == null || fields.isEmpty() || fields.size() > MAX_FIELDS) {
      throw new IllegalArgumentException("fields: a scan needs 1.." + MAX_FIELDS + " fields (split"
          + " larger scans), found " + (fields == null ? 0 : fields.size()));
    }
    fields = List.copyOf(fields);
    Set<String> names = new HashSet<>();
    for (ScanField f : fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("fields: field name '" + f.name() + "' occurs twice");
      }
    }
    confidenceThreshold = Double.isNaN(confidenceThreshold) ? 0.9 : confidenceThreshold;
    if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1.01)) {
      throw new IllegalArgumentException("confidenceThreshold must be in [0, 1.01], found "
          + confidenceThreshold);
    }
    if (!Double.isNaN(pixelSizeUm) && !(pixelSizeUm > 0 && Double.isFinite(pixelSizeUm))) {
      throw new IllegalArgumentException("pixelSizeUm must be a positive number of micrometres,"
          + " found " + pixelSizeUm);
    }
    maxParallel = maxParallel == 0 ? 2 : maxParallel;
    if (maxParallel < 1 || maxParallel > 16) {
      throw new IllegalArgumentException("maxParallel must be 1..16, found " + maxParallel);
    }
    fieldOverheadS = Double.isNaN(fieldOverheadS) ? 3 : fieldOverheadS;
    edsDwellS = Double.isNaN(edsDwellS) ? 2 : edsDwellS;
    if (!(fieldOverheadS >= 0 && fieldOverheadS < 3600) || !(edsDwellS >= 0 && edsDwellS < 3600)) {
      throw new IllegalArgumentException("fieldOverheadS and edsDwellS must be in [0, 3600) s,"
          + " found " + fieldOverheadS + " and " + edsDwellS);
    }
  }
}
