/**
 * The {@code alloyflow} command line (picocli): {@code demo}, {@code analyze}, {@code serve} and
 * the service commands ({@code synth}, {@code segment}, {@code eds}, {@code train},
 * {@code eval}). Errors in user input end with one line on stderr and exit code 2, never a stack
 * trace (set {@code ALLOYFLOW_DEBUG=1} to see one).
 */
package io.alloyflow.workflows.cli;
