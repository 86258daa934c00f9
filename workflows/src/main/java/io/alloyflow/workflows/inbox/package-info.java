/**
 * Folder ingest for microscope PCs: a Camel file route watches an export folder, waits until a
 * micrograph and its companions (EDS spectrum or spectrum image, sidecar metadata) have stopped
 * changing, de-duplicates by content hash, accepts the group durably through the gateway's ledger
 * (so a restart never loses or repeats an analysis), and moves the files to {@code .done/<key>/}
 * with a receipt or to {@code .failed/} with the reason. Camel's file component does the polling
 * and scheduling; the decisions live in {@link io.alloyflow.workflows.inbox.InboxProcessor}, which
 * can be used without Camel.
 */
package io.alloyflow.workflows.inbox;
