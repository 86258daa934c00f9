/**
 * Closed-loop campaigns (ask/tell) for automated experiment schedulers: the campaign workflow,
 * which proposes batches of candidates by an acquisition function over a surrogate of the told
 * measurements while accounting for pending trials, stores measurements, retrains when enough new
 * data arrived, waits for an optional human approval and runs for days through continue-as-new;
 * its activities; and its records in the knowledge graph (Campaign, Trial, Candidate, Sample,
 * Measurement), from which {@code CampaignResumer} rebuilds and restarts a campaign that the
 * workflow service forgot (the embedded one keeps its state in memory). The mathematics lives in
 * the framework-free {@code opt} subpackage.
 */
package io.alloyflow.workflows.campaign;
