package io.alloyflow.workflows.campaign;

/**
 * An ask: how many new candidates, and an optional key that makes a retried ask return the same
 * trials instead of new ones.
 *
 * @param n number of candidates, 1..100
 * @param key client's idempotency key (null or "" = none), at most 200 visible ASCII characters
 */
public record AskRequest(int n, String key) {
  public AskRequest {
    if (n < 1 || n > 100) {
      throw new IllegalArgumentException("n must be 1..100, found " + n);
    }
    key = key == null ? "" : key;
    if (!key.isEmpty() && !key.matches("[\\x21-\\x7e]{1,200}")) {
      throw new IllegalArgumentException("key must be 1..200 visible ASCII characters");
    }
  }
}
