/**
 * What a caller may do: verbs on resources in clusters ({@link io.berth.app.security.access.Rule}), grouped into
 * built-in and custom {@link io.berth.app.security.access.Role}s, the one table that maps every API route to the
 * permission it needs ({@link io.berth.app.security.access.RouteRules}), and the decision itself
 * ({@link io.berth.app.security.access.AccessPolicy}). Pure: no HTTP, no database except the custom role store.
 */
package io.berth.app.security.access;
