/**
 * Binary and grey-level mathematical morphology on row-major arrays: erosion/dilation/opening/
 * closing with disk elements (Serra 1982, "Image Analysis and Mathematical Morphology"), hole
 * filling and small-object removal, connected-component labelling by two-pass union-find (Wu, Otoo
 * and Suzuki 2009), the exact Euclidean distance transform (Felzenszwalb and Huttenlocher 2012),
 * grey-scale reconstruction and h-maxima (Vincent 1993), peak_local_max-style markers, and
 * marker-controlled watershed by priority-queue flooding (Meyer 1991; Beucher and Meyer 1993).
 */
package io.alloyflow.segmentation.morphology;
