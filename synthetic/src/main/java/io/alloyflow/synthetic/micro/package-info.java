/**
 * Microstructure generators, deterministic by seed and at any size and pixel size: ferrite-
 * martensite dual-phase steel, A356-type cast aluminium, clean steel with non-metallic
 * inclusions, gas-atomised powder with touching particles and satellites, and 2D/3D
 * Poisson-Voronoi/Laguerre polycrystals calibrated to a requested mean lineal intercept. Each
 * returns a {@link io.alloyflow.synthetic.micro.Microstructure} (or a 3D volume) with phase and
 * instance label maps, per-phase compositions and truth statistics; requested phase fractions
 * are met to the pixel by exact top-k selection of score fields. Sub-label structure that
 * metallographers do not label separately is rendered but kept out of the labels: silicon
 * flakes or fibres inside the Al-Si eutectic ({@link io.alloyflow.synthetic.micro.EutecticSilicon},
 * {@link io.alloyflow.synthetic.micro.PhaseMixture}) and etched grain-boundary grooves of 2D
 * polycrystals ({@link io.alloyflow.synthetic.micro.GrainBoundaryGrooves}).
 */
package io.alloyflow.synthetic.micro;
