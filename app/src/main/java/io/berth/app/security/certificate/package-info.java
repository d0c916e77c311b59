/**
 * Authentication of machines by TLS client certificate: when the API is served over HTTPS and asks for client
 * certificates, a certificate the server verified against its client CA names the caller by its subject, mapped
 * to roles and clusters by {@code berth.security.client-certificates.*}.
 */
package io.berth.app.security.certificate;
