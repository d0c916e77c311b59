/** Authentication of API calls and encryption of stored registry credentials. */
package io.berth.app.security;
