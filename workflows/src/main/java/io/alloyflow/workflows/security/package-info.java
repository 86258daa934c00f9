/**
 * Authentication and roles of the HTTP API: opaque API tokens stored as SHA-256 hashes
 * ({@link io.alloyflow.workflows.security.ApiTokens}), validated as bearer tokens by Micronaut
 * Security, and one role matrix ({@link io.alloyflow.workflows.security.AccessPolicy}) that decides
 * every request: designer, scheduler, analyst, admin. Binding beyond loopback requires it to be on.
 */
package io.alloyflow.workflows.security;
