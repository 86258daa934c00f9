/**
 * Temporal activity implementation of the prediction service: reads inputs from the artifact
 * store, runs a model, stores the prediction document and returns it with its provenance.
 */
package io.alloyflow.prediction.activity;
