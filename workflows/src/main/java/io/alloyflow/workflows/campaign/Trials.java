package io.alloyflow.workflows.campaign;

import java.util.List;

/**
 * A list of trials as one value (updates and queries return it: a bare generic list would reach a
 * typed client as maps).
 *
 * @param trials the trials
 */
public record Trials(List<Trial> trials) {
  public Trials {
    trials = List.copyOf(trials);
  }

  /** Their ids. */
  public List<String> ids() {
    return trials.stream().map(Trial::trialId).toList();
  }

  /** The number of trials. */
  public int size() {
    return trials.size();
  }

  /** The i-th trial. */
  public Trial get(int i) {
    return trials.get(i);
  }
}
