package io.alloyflow.workflows.security;

import java.util.Locale;

/**
 * Who may do what on the HTTP API. A token carries exactly one role; {@link #ADMIN} may do
 * everything.
 */
public enum Role {
  /** Alloy designers: submit analyses and candidates, run the services' compute endpoints. */
  DESIGNER,
  /** Closed-loop experiment schedulers: campaigns (ask/tell) and batch predictions. */
  SCHEDULER,
  /** Analysts: read-only access to analyses, the graph and the browser. */
  ANALYST,
  /** Instrument PCs: put files into the inbox and see what became of them, nothing else. */
  INSTRUMENT,
  /** Administrators: models, rule sets, tokens, and everything the other roles may do. */
  ADMIN;

  /** The role's name on the wire and in token files ({@code designer}, ...). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, with a clear error. */
  public static Role parse(String s) {
    if (s != null) {
      for (Role r : values()) {
        if (r.wireName().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + s + "': expected one of designer, scheduler, analyst, admin");
  }
}
