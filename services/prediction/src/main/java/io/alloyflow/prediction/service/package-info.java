/**
 * The prediction step without a framework: picks the current model whose feature schema the
 * request satisfies (else the labelled baseline), predicts with uncertainty and explanation,
 * stores the prediction document and waterfall PNG, and returns provenance records that link the
 * prediction to the model version, the model to its training data, and the prediction to the EDS
 * spectrum its composition came from.
 */
package io.alloyflow.prediction.service;
