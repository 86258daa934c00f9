/**
 * File input for the EDS module: EMSA/MAS (ISO 22029) single spectra with their acquisition
 * conditions and the DTSA-II {@code ##D2STDCMP} standard-composition keyword. Errors are one-line
 * {@link io.alloyflow.core.io.FormatException}s naming the file, the place, what was expected and
 * what was found.
 */
package io.alloyflow.eds.io;
