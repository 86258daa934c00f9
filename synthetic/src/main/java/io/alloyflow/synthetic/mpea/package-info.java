/**
 * Synthetic multi-principal-element alloys with ground truth: a cast Al(x)CoCrFeNi sample with an
 * FCC matrix and BCC/B2 regions of literature phase compositions, imaged by the SEM simulator, whose
 * bulk composition drives the EDS spectrum simulator; used by the demo's MPEA sample and the
 * prediction tests.
 */
package io.alloyflow.synthetic.mpea;
