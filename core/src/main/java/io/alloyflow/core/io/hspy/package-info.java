/**
 * HyperSpy's {@code .hspy} files (HDF5, file_format "HyperSpy" 3.x): one signal under {@code
 * /Experiments/TITLE} with its {@code data}, one {@code axis-N} group per dimension (name, size,
 * scale, offset, units, navigate) and the {@code metadata} tree (title, signal type, beam
 * energy, detector angles, live time). Read with jHDF (a pure-Java HDF5 library) and written by a
 * small HDF5 writer of our own ({@link io.alloyflow.core.io.hspy.Hdf5Writer}), so that HyperSpy
 * users can open alloyflow's spectrum images, spectra and maps and alloyflow can read theirs
 * (de la Peña et al., HyperSpy, doi:10.5281/zenodo.592838; HyperSpy's HDF5 specification).
 */
package io.alloyflow.core.io.hspy;
