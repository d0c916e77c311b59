/**
 * The web console at {@code /ui}: server-rendered pages (Thymeleaf, htmx) over the API's read models, signed in
 * with the API's own tokens and held to the same authorization ({@link io.berth.app.security.access.AccessPolicy}).
 */
package io.berth.app.console;
