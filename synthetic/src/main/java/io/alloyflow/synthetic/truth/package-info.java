/**
 * Ground truth of the synthetic world: ASTM E112 mean lineal intercept measurement (2D and 3D,
 * dense test lines), and the {@code truth.json} documents (Jackson) written beside every output:
 * label and instance map files, per-instance class and composition, phase fractions, grain-size
 * statistics, SEM image formation settings, the SEM-EDS transform and drift, parameters and
 * seed, so that every model and service can be scored against exact answers.
 */
package io.alloyflow.synthetic.truth;
