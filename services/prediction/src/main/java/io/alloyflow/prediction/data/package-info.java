/**
 * Alloy property tables: a small RFC 4180 CSV reader and writer, the reader of tables in the MPEA
 * data set's layout (every row kept with either its parsed sample or the reason, naming file,
 * line and column), and K-fold assignment grouped by canonical alloy formula so that no alloy is
 * in both training and test folds. Pure Java.
 */
package io.alloyflow.prediction.data;
