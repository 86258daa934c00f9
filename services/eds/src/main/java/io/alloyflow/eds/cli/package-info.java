/**
 * Picocli commands of the EDS service ({@code eds identify}, {@code eds quantify}, {@code eds
 * denoise}); {@link io.alloyflow.eds.cli.EdsCommand} is registered under the project launcher.
 * Bad input gives a one-line message on stderr and exit code 2.
 */
package io.alloyflow.eds.cli;
