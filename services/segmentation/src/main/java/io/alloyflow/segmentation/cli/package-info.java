/**
 * picocli commands of the segmentation service, registered by the alloyflow launcher: {@code
 * segment} (label PNG per input + measurements.json), {@code train segmentation} (pixel classifier,
 * or U-Net via {@code io.alloyflow.segmentation.unet}) and {@code eval segmentation} (metrics JSON).
 * Bad input ends with a one-line error on stderr and exit code 2.
 */
package io.alloyflow.segmentation.cli;
