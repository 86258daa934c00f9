package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.campaign.opt.Acquisition;
import io.alloyflow.workflows.campaign.opt.Parameter;
import io.alloyflow.workflows.campaign.opt.SearchSpace;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A closed-loop campaign as its creator defined it.
 *
 * @param campaignId id, {@code campaign-} followed by 1..64 letters, digits or '-'
 * @param objective name of the measured property to optimise, e.g. {@code hardnessHv}
 * @param unit its unit ("" when none)
 * @param direction {@code maximize} or {@code minimize}
 * @param parameters the searched parameters
 * @param acquisition {@code ei} or {@code ucb}
 * @param retrainEvery retrain the surrogate after this many new measurements (1..1000)
 * @param requireApproval whether proposed trials wait for a human approval before they may run
 * @param maxHistoryEvents continue as new once the run's history is longer (100..40000)
 * @param seed random seed of the proposals
 */
public record CampaignSpec(
    String campaignId,
    String objective,
    String unit,
    String direction,
    List<Parameter> parameters,
    String acquisition,
    int retrainEvery,
    boolean requireApproval,
    int maxHistoryEvents,
    long seed) {
  public static final Pattern ID = Pattern.compile("campaign-[A-Za-z0-9-]{1,64}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  public CampaignSpec {
    if (campaignId == null || !ID.matcher(campaignId).matches()) {
      throw new IllegalArgumentException(
          "campaignId must be 'campaign-' followed by 1..64 letters, digits or '-', found '" + campaignId + "'");
    }
    if (objective == null || !NAME.matcher(objective).matches()) {
      throw new IllegalArgumentException(
          "objective must be a property name like hardnessHv (letters, digits, _), found '" + objective + "'");
    }
    unit = unit == null ? "" : unit;
    direction = direction == null || direction.isBlank() ? "maximize" : direction.toLowerCase(Locale.ROOT);
    if (!direction.equals("maximize") && !direction.equals("minimize")) {
      throw new IllegalArgumentException("direction must be 'maximize' or 'minimize', found '" + direction + "'");
    }
    new SearchSpace(parameters);
    parameters = List.copyOf(parameters);
    acquisition = Acquisition.parse(acquisition).name().toLowerCase(Locale.ROOT);
    if (retrainEvery == 0) {
      retrainEvery = 4;
    }
    if (retrainEvery < 1 || retrainEvery > 1000) {
      throw new IllegalArgumentException("retrainEvery must be 1..1000, found " + retrainEvery);
    }
    if (maxHistoryEvents == 0) {
      maxHistoryEvents = 10_000;
    }
    if (maxHistoryEvents < 100 || maxHistoryEvents > 40_000) {
      throw new IllegalArgumentException("maxHistoryEvents must be 100..40000, found " + maxHistoryEvents);
    }
  }

  /** The search space. */
  public SearchSpace space() {
    return new SearchSpace(parameters);
  }

  /** +1 to maximise, -1 to minimise. */
  public double sign() {
    return direction.equals("maximize") ? 1 : -1;
  }
}
