/**
 * Fused SEM-EDS phase classification: element net-count maps from a spectrum image, per-pixel
 * feature stacks (BSE level and texture at several scales, element maps resampled through the
 * registration, with their Poisson uncertainties) exportable as Arrow feature tables, supervised
 * classifiers (gradient-boosted trees and random forest through Tribuo, k-nearest neighbours,
 * multinomial logistic regression, linear SVM) with early fusion (one stack) and late fusion
 * (averaged probabilities of a BSE-only and an EDS-only model), unsupervised phase discovery
 * (k-means++) with clusters named against a phase library with compositions, and the scores
 * (per-class and macro F1, confusion matrix). Pure Java and Tribuo: no framework types.
 */
package io.alloyflow.fusion.classify;
