/**
 * Framework-free helpers that every service's HTTP API shares, so that services, which may not
 * depend on each other, answer errors the same way: the body of an RFC 9457 problem detail
 * ({@code application/problem+json}). The Micronaut controllers wrap these maps in responses.
 */
package io.alloyflow.core.http;
