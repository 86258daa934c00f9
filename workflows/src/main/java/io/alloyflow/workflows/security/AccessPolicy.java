package io.alloyflow.workflows.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The role matrix of the HTTP API in one table: for a method and path, which roles may call it (or
 * that anyone may). Anything not in the table is refused, so a new endpoint is closed until it is
 * listed here. {@link Role#ADMIN} is allowed wherever any role is.
 */
public final class AccessPolicy {
  /**
   * One rule.
   *
   * @param method HTTP method, or {@code *}
   * @param path regular expression over the whole path
   * @param roles roles allowed (empty with {@code anonymous} = anyone)
   * @param anonymous whether callers without a token are allowed
   */
  public record Rule(String method, Pattern path, Set<Role> roles, boolean anonymous) {
    boolean matches(String m, String p) {
      return (method.equals("*") || method.equals(m)) && path.matcher(p).matches();
    }
  }

  private static final Set<Role> READERS =
      EnumSet.of(Role.ANALYST, Role.DESIGNER, Role.SCHEDULER, Role.ADMIN);

  /** The rules, first match wins. */
  public static final List<Rule> RULES = List.of(
      open("GET", "/v1/health"),
      rule("GET", "/openapi/.*", READERS),
      rule("POST", "/v1/analyses", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("POST", "/v1/analyses/[^/]+/cancel", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("GET", "/v1/analyses(/.*)?", READERS),
      rule("POST", "/v1/batches", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("GET", "/v1/batches(/.*)?", READERS),
      rule("POST", "/v1/inclusion-scans", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("GET", "/v1/inclusion-scans(/.*)?", READERS),
      rule("GET", "/v1/samples/.*", READERS),
      rule("GET", "/v1/graph(/.*)?", READERS),
      rule("POST", "/v1/graph/measurements", EnumSet.of(Role.DESIGNER, Role.SCHEDULER, Role.ADMIN)),
      rule("POST", "/v1/(segment|measure)", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("POST", "/v1/eds/.*", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("POST", "/v1/fusion/.*", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("POST", "/v1/predict/.*", EnumSet.of(Role.DESIGNER, Role.SCHEDULER, Role.ADMIN)),
      rule("*", "/v1/campaigns(/.*)?", EnumSet.of(Role.SCHEDULER, Role.ADMIN)),
      rule("*", "/v1/candidates(/.*)?", EnumSet.of(Role.DESIGNER, Role.ADMIN)),
      rule("*", "/v1/inbox/[^/]+", EnumSet.of(Role.INSTRUMENT, Role.ADMIN)),
      rule("GET", "/v1/models(/.*)?", READERS),
      rule("*", "/v1/models(/.*)?", EnumSet.of(Role.ADMIN)),
      rule("*", "/v1/admin/.*", EnumSet.of(Role.ADMIN)));

  private AccessPolicy() {}

  private static Rule rule(String method, String path, Set<Role> roles) {
    return new Rule(method, Pattern.compile(path), Set.copyOf(roles), false);
  }

  private static Rule open(String method, String path) {
    return new Rule(method, Pattern.compile(path), Set.of(), true);
  }

  /** The first rule for a request, if any. */
  public static Optional<Rule> find(String method, String path) {
    String m = method.toUpperCase(Locale.ROOT);
    for (Rule r : RULES) {
      if (r.matches(m, path)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Decision for a request: anonymous callers have {@code role == null}. */
  public static boolean allows(String method, String path, Role role) {
    Optional<Rule> r = find(method, path);
    if (r.isEmpty()) {
      return false;
    }
    if (r.get().anonymous()) {
      return true;
    }
    return role != null && (role == Role.ADMIN || r.get().roles().contains(role));
  }
}
