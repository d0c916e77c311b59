/**
 * API tokens as API objects: created with a role and a cluster scope (the secret shown once, only its hash
 * stored), listed, revoked at once, and recognised on requests by {@link io.berth.app.security.tokens.ApiTokenAuthenticator}.
 */
package io.berth.app.security.tokens;
