/**
 * Content-addressed artifact store (the claim-check of the design): large values (images, cubes,
 * masks, models, feature tables) are stored once under the SHA-256 of their bytes and travel
 * through workflows as small {@link io.alloyflow.core.store.ArtifactRef references}. Writes are
 * atomic (temporary file, fsync, atomic rename) and reads verify the hash, so a crashed write never
 * leaves a partial object and a corrupted object is never returned silently.
 */
package io.alloyflow.core.store;
