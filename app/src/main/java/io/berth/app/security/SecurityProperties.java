package io.berth.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken the bearer token that grants full access to {@code /v1/**}
 *                   ({@code BERTH_SECURITY_ADMIN_TOKEN}), at least {@value AdminTokenStore#MIN_LENGTH} characters;
 *                   when blank, one is generated and kept in the data dir
 */
@ConfigurationProperties("berth.security")
public record SecurityProperties(String adminToken) {
}
