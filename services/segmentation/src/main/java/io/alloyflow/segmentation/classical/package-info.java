/**
 * Classical intensity segmentation: global Otsu (Otsu 1979), multi-level Otsu (Liao, Chen and Chung
 * 2001), k-means on intensity and optional local features (Lloyd 1982 with k-means++ seeding,
 * Arthur and Vassilvitskii 2007), adaptive local-mean / Gaussian thresholds, and the classical
 * instance pipeline (threshold, Euclidean distance transform, marker-controlled watershed, region
 * properties). Everything works on row-major primitive arrays and returns class-index maps where
 * class 0 is the darkest class.
 */
package io.alloyflow.segmentation.classical;
