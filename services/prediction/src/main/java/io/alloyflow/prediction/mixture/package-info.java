/**
 * First, transparent property model: the linear rule of mixtures for hardness of a multiphase
 * microstructure, with phase hardness ranges from the literature and the uncertainty they imply.
 * It is a baseline, not a trained model; trained models replace it in later work.
 */
package io.alloyflow.prediction.mixture;
