/**
 * Analysis reports for people and programs: {@code report.json} (stable keys that later work
 * extends), a self-contained {@code report.html} with the micrograph, the phase overlay, the
 * spectrum plot and tables, and the PNG files it shows.
 */
package io.alloyflow.workflows.report;
