/**
 * The optimisation mathematics of closed-loop campaigns, in plain Java with no framework: the
 * search space, a Gaussian-process ensemble surrogate with mean and standard deviation, the
 * expected-improvement and upper-confidence-bound acquisitions, and batch proposals that account
 * for pending trials by the kriging believer. Campaign activities call it; it knows nothing of
 * Temporal, HTTP or the graph, so it is tested fast on its own.
 */
package io.alloyflow.workflows.campaign.opt;
