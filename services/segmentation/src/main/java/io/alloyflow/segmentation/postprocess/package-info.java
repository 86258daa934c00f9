/**
 * Post-processing of a phase label map that uses what is known about the microstructure rather
 * than the pixels: {@link io.alloyflow.segmentation.postprocess.PrecipitateSizeClasses} splits the
 * precipitates of a label map into a coarse and a fine size class by the bimodal size distribution
 * of this image's own particles (secondary and tertiary gamma-prime of Ni superalloys form two
 * separate size populations, Reed R.C., 2006, "The Superalloys: Fundamentals and Applications",
 * Cambridge University Press, Ch. 3), with a scale-free threshold and a bimodality test, so that a
 * model's secondary/tertiary call does not depend on the magnification or contrast it was trained
 * at. Pure Java, no framework.
 */
package io.alloyflow.segmentation.postprocess;
