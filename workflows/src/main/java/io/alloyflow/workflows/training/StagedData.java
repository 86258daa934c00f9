package io.alloyflow.workflows.training;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;

/**
 * A training table in the artifact store.
 *
 * @param data the table
 * @param provenance the staging record (file read, SHA-256)
 */
public record StagedData(ArtifactRef data, ActivityRecord provenance) {}
