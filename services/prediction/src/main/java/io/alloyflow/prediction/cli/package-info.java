/**
 * Command line of the prediction service: {@code alloyflow train <property>}, {@code alloyflow
 * predict <property>} and {@code alloyflow models list|show}, registered on the main
 * {@code alloyflow} command; bad input prints one line naming file, row and column and exits 2.
 */
package io.alloyflow.prediction.cli;
