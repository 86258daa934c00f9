/**
 * What the services' Temporal activity implementations share and core, which knows nothing of
 * Temporal, cannot hold: today the {@link io.alloyflow.activity.Heartbeater} that keeps a long,
 * uninterruptible computation (segmentation, EDS analysis, spectrum-image fusion, inclusion
 * screening, model training) heartbeating so a dead worker is noticed within the workflow's
 * heartbeat timeout. Services depend on this module and on core, never on each other.
 */
package io.alloyflow.activity;
