/**
 * The {@code synth} command line ({@link io.alloyflow.synthetic.cli.SynthCommand}, picocli):
 * generates dp-steel, al-alloy, inclusions, powder, grains2d, grains3d and eds-si samples with
 * TIFF micrographs, label PNGs, EMSA and RPL/RAW spectra and a {@code truth.json} beside them.
 */
package io.alloyflow.synthetic.cli;
