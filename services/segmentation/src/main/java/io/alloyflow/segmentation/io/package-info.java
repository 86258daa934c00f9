/**
 * Dataset loading for segmentation: gray micrographs with input checks (empty files, size limit,
 * colour where gray is expected), plain PNG/TIFF label masks, the NASA superalloy colour masks
 * (grey = matrix, blue = secondary and red = tertiary gamma-prime), AMPIS VIA 2.0.8 polygon
 * annotations rasterised to instance maps, and label PNG output. Decoding itself is done by core's
 * {@code MicrographIO}.
 */
package io.alloyflow.segmentation.io;
