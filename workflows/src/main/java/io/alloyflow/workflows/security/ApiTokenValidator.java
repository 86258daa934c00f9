package io.alloyflow.workflows.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * Micronaut Security's view of {@link ApiTokens}: a bearer token that matches a stored hash
 * becomes an authentication named after the token, with the token's role. Lookups are in memory
 * (no I/O), so this runs on the event loop without blocking.
 */
@Singleton
public final class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {
  private final ApiTokens tokens;

  public ApiTokenValidator(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
    return tokens.verify(token)
        .map(e -> Publishers.just(Authentication.build(e.name(), List.of(e.role()), Map.of("role", e.role()))))
        .orElseGet(Publishers::empty);
  }
}
