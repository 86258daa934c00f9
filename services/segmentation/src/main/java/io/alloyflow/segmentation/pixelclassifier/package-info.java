/**
 * Trainable pixel classifier in the style of ilastik (Berg S. et al., 2019, "ilastik: interactive
 * machine learning for (bio)image analysis", Nature Methods 16:1226-1232) and Trainable Weka
 * Segmentation (Arganda-Carreras I. et al., 2017, Bioinformatics 33:2424-2426): a multi-scale
 * filter bank (Gaussian, gradient magnitude, Laplacian of Gaussian, difference of Gaussians, Hessian
 * and structure-tensor eigenvalues at sigma 0.7, 1, 1.6, 3.5, 5, 10, optionally local standard
 * deviation) feeds gradient-boosted trees (Tribuo XGBoost; Chen T. and Guestrin C., 2016, KDD) or a
 * random forest (Breiman L., 2001, Machine Learning 45:5-32), trained from dense label masks or
 * sparse scribbles (label 0 = unlabelled). Optional refinements: auto-context stages that add
 * features of the previous stage's probability maps (Tu Z. and Bai X., 2010, IEEE TPAMI
 * 32:1744-1757; cross-fitted across training images), prior correction of the class-balanced
 * training sample (Saerens M. et al., 2002, Neural Computation 14:21-41), class weights
 * calibrated on validation images for unbiased phase fractions, and small-region clean-up. Models
 * are saved with Tribuo's model provenance and the alloyflow AlgorithmInfo.
 */
package io.alloyflow.segmentation.pixelclassifier;
