/**
 * Picocli commands of the EDS service ({@code eds identify}, {@code eds quantify}, {@code eds
 * denoise}, {@code eds maps}); {@link io.alloyflow.eds.cli.EdsCommand} is registered under the
 * project launcher. {@link io.alloyflow.eds.cli.Denoising} and {@link
 * io.alloyflow.eds.cli.ElementMaps} are the single code paths the HTTP endpoints call too. Bad
 * input gives a one-line message on stderr and exit code 2.
 */
package io.alloyflow.eds.cli;
