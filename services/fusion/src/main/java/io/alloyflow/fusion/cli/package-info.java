/**
 * Command-line front end of the fusion service: {@code fuse register}, {@code fuse classify} and
 * {@code inclusions}, registered as subcommands of the {@code alloyflow} command. Reads every
 * image format of {@code core.io} and spectrum images as Lispix RPL/RAW or Arrow IPC; bad input
 * gets a one-line error and exit code 2.
 */
package io.alloyflow.fusion.cli;
