package io.alloyflow.core.provenance;

/**
 * The {@link ActivityRecord#summary()} keys that more than one module relies on, in one place:
 * services write them, the knowledge graph stores each as a node property {@link #GRAPH_PREFIX}
 * + key and its structure-property queries read them back, and workflows read them from results.
 * A key used by one module only may stay a local literal.
 */
public final class SummaryKeys {
  /** Prefix of summary values stored as graph node properties ({@code s_hardnessHv}). */
  public static final String GRAPH_PREFIX = "s_";
  /** Prefix of a segmented phase's area fraction: {@code fraction_<class name>}. */
  public static final String FRACTION_PREFIX = "fraction_";
  /** Predicted hardness (HV), on hardness predictions. */
  public static final String HARDNESS_HV = "hardnessHv";
  /** One-sigma uncertainty of {@link #HARDNESS_HV} (HV). */
  public static final String SIGMA_HV = "sigmaHv";
  /** Predicted mean of any property. */
  public static final String MEAN = "mean";
  /** Combined one-sigma uncertainty of any property. */
  public static final String STD = "std";
  /** Model part of the uncertainty. */
  public static final String MODEL_STD = "modelStd";
  /** Input (propagated) part of the uncertainty. */
  public static final String INPUT_STD = "inputStd";
  /** A measured property value told to a campaign trial. */
  public static final String MEASURED = "measured";
  /** Acquisition value of a proposed candidate. */
  public static final String ACQUISITION = "acquisition";

  private SummaryKeys() {}

  /** The summary key of a phase fraction. */
  public static String fraction(String phaseClass) {
    return FRACTION_PREFIX + phaseClass;
  }

  /** The graph property name of a summary key. */
  public static String graphProperty(String key) {
    return GRAPH_PREFIX + key;
  }
}
