package io.alloyflow.workflows.ingest;

/**
 * Inputs of a submitted analysis that the ingest step decodes and stores.
 *
 * @param analysisId the analysis (keys the ingest provenance)
 * @param micrograph the micrograph (TIFF or PNG)
 * @param eds the EDS file (EMSA or Lispix RPL; an RPL upload is not supported) or null
 * @param pixelSizeUm pixel size in micrometres used when the file carries none (NaN = none)
 */
public record IngestRequest(String analysisId, InputSource micrograph, InputSource eds, double pixelSizeUm) {
  public IngestRequest {
    if (micrograph == null) {
      throw new IllegalArgumentException("an ingest request needs a micrograph");
    }
  }
}
