package io.alloyflow.workflows.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * Applies {@link AccessPolicy} to every request. It decides every request (ALLOWED or REJECTED,
 * never UNKNOWN), so no endpoint is open by accident; Micronaut Security answers 401 to a rejected
 * caller without a valid token and 403 to one whose role is not allowed.
 */
@Singleton
public final class RoleMatrixRule implements SecurityRule<HttpRequest<?>> {
  @Override
  public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
    Role role = null;
    if (authentication != null) {
      for (String r : authentication.getRoles()) {
        try {
          role = Role.parse(r);
        } catch (IllegalArgumentException ignored) {
          // not one of ours
        }
      }
    }
    boolean ok = AccessPolicy.allows(request.getMethodName(), request.getPath(), role);
    return Publishers.just(ok ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
  }

  @Override
  public int getOrder() {
    return -1000;
  }
}
