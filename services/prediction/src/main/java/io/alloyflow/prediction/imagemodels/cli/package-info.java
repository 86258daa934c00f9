/**
 * Command line of the image and volume models: {@code train fracture-strain|volume-property} and
 * {@code predict fracture-strain|volume-property}, added under the existing {@code train} and
 * {@code predict} command groups.
 */
package io.alloyflow.prediction.imagemodels.cli;
