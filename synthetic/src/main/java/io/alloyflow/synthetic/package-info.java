/**
 * The synthetic world: physics-based generators of metal microstructures, SEM micrographs and
 * EDS spectra with exact ground truth, used to train and test every alloyflow service and to let
 * alloy designers submit candidate microstructures described by parameters.
 * {@link io.alloyflow.synthetic.SyntheticWorld} is the simple facade; the packages {@code micro},
 * {@code sem}, {@code xray}, {@code truth} and {@code cli} hold the generators, image formation,
 * X-ray simulation, truth documents and the {@code synth} command.
 */
package io.alloyflow.synthetic;
