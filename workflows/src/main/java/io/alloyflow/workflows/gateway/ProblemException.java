package io.alloyflow.workflows.gateway;

/** Thrown by the gateway's handlers to answer with a {@link Problem}. */
public final class ProblemException extends RuntimeException {
  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
