package io.alloyflow.core.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FileSystemArtifactStore#verify(boolean)} found in a store.
 *
 * @param objects objects checked (hash recomputed)
 * @param bytes bytes hashed
 * @param corrupt keys of objects whose bytes no longer hash to their key
 * @param missingType keys of objects without their {@code .type} sidecar
 * @param orphanTypes keys of {@code .type} sidecars without an object
 * @param partial temporary files of unfinished writes (a killed process leaves them)
 * @param stray other files inside the object tree (not named as an object or sidecar, or in the
 *     wrong fan-out folder)
 * @param quarantined where corrupt objects were moved (repair only)
 * @param removedPartial temporary files deleted (repair only)
 */
public record StoreReport(
    long objects,
    long bytes,
    List<String> corrupt,
    List<String> missingType,
    List<String> orphanTypes,
    List<Path> partial,
    List<Path> stray,
    List<Path> quarantined,
    List<Path> removedPartial) {

  public StoreReport {
    if (objects < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "object and byte counts must be >= 0, found " + objects + " and " + bytes);
    }
    corrupt = List.copyOf(corrupt);
    missingType = List.copyOf(missingType);
    orphanTypes = List.copyOf(orphanTypes);
    partial = List.copyOf(partial);
    stray = List.copyOf(stray);
    quarantined = List.copyOf(quarantined);
    removedPartial = List.copyOf(removedPartial);
  }

  /** True when nothing was wrong (before any repair). */
  public boolean clean() {
    return corrupt.isEmpty() && missingType.isEmpty() && orphanTypes.isEmpty()
        && partial.isEmpty() && stray.isEmpty();
  }
}
