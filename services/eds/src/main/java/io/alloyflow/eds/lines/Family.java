package io.alloyflow.eds.lines;

/** X-ray line family, named after the shell whose ionisation produces it. */
public enum Family {
  K,
  L,
  M
}
