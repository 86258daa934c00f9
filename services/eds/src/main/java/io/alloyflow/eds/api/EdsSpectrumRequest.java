package io.alloyflow.eds.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.Objects;

/**
 * @param data EMSA spectrum ({@code application/x-emsa}) or Arrow-encoded spectrum image in the
 *     artifact store
 * @param kind {@code spectrum} or {@code spectrumImage}
 */
public record EdsSpectrumRequest(ArtifactRef data, String kind) {
  public EdsSpectrumRequest {
    Objects.requireNonNull(data, "data");
    if (!"spectrum".equals(kind) && !"spectrumImage".equals(kind)) {
      throw new IllegalArgumentException(
          "EDS input kind must be 'spectrum' or 'spectrumImage', found '" + kind + "'");
    }
  }
}
