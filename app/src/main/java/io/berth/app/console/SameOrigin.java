package io.berth.app.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a WebSocket handshake comes from one of the console's own pages. Browsers send a handshake to any site
 * with that site's cookies and do not apply the same-origin policy to it, so a session-authenticated socket must
 * check the {@code Origin} header itself (cross-site WebSocket hijacking); the session cookie being SameSite=Strict
 * is the second line. Same origin = the Origin's host and port are the Host the browser addressed. Pure.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * The Origin's authority ({@code host[:port]}, its scheme's default port left out, as browsers write Host) must
     * be the Host header. The scheme is not compared: behind a proxy that ends TLS the request arrives as http
     * while the page's origin is https, and both are the same site.
     *
     * @param origin the handshake's Origin header (null when absent: refused, browsers always send it)
     * @param host   the request's Host header, {@code host} or {@code host:port}
     */
    static boolean matches(String origin, String host) {
        if (origin == null || host == null || origin.isBlank() || host.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return false;
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            return false; // an Origin is scheme://host[:port], nothing more
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String authority = uri.getHost() + (uri.getPort() < 0 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort());
        return authority.equalsIgnoreCase(host.strip());
    }
}
