package io.berth.app.console;

/**
 * Where the pages load their script and style from: htmx, its SSE extension and xterm.js from their WebJars (versions as in
 * app/pom.xml; ConsoleAssetsTest fails when a version moves without these paths), the stylesheet and the
 * task and apply pages' scripts from {@code static/ui}.
 */
public final class ConsoleAssets {

    public static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
    public static final String HTMX_SSE = "/webjars/htmx-ext-sse/2.2.2/sse.js";
    public static final String STYLESHEET = "/ui/console.css";
    /** The task page's logs and terminal: plain script from static/ui (the Content-Security-Policy allows no inline). */
    public static final String TASK_SCRIPT = "/ui/task.js";
    /** The apply page's file loader: reads a chosen file into the manifest box, in the browser. */
    public static final String APPLY_SCRIPT = "/ui/apply.js";
    /** xterm.js and its fit addon: the newest versions served as WebJars (the scoped @xterm/* packages are not). */
    public static final String XTERM = "/webjars/xterm/4.9.0/lib/xterm.js";
    public static final String XTERM_CSS = "/webjars/xterm/4.9.0/css/xterm.css";
    public static final String XTERM_FIT = "/webjars/xterm-addon-fit/0.3.0/lib/xterm-addon-fit.js";

    private ConsoleAssets() {
    }
}
