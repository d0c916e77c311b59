package io.berth.app.console;

/**
 * Where the pages load their script and style from: htmx and its SSE extension from their WebJars (versions as in
 * app/pom.xml; ConsoleAssetsTest fails when a version moves without these paths), the stylesheet from
 * {@code static/ui}.
 */
public final class ConsoleAssets {

    public static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
    public static final String HTMX_SSE = "/webjars/htmx-ext-sse/2.2.2/sse.js";
    public static final String STYLESHEET = "/ui/console.css";

    private ConsoleAssets() {
    }
}
