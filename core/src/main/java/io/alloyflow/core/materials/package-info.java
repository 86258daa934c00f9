/**
 * One catalogue of the alloy systems the project knows and the names of their phases
 * ({@link io.alloyflow.core.materials.AlloySystems}), so that the services which name phases
 * (fusion's phase classification from image brightness) and those which use them (prediction's
 * phase-hardness baseline, the MPEA feature builder's phase types) agree on the same strings
 * without depending on each other. Pure Java, no framework imports.
 */
package io.alloyflow.core.materials;
