/**
 * Who is calling: the {@link io.berth.app.security.identity.Caller} that authentication finds for a request,
 * and the {@link io.berth.app.security.identity.Authenticator} contract that every kind of credential (the
 * bootstrap admin token, API tokens, OpenID Connect bearer JWTs, client certificates) implements. Authorization
 * and the audit trail read the caller from here and never look at credentials themselves.
 */
package io.berth.app.security.identity;
