package io.berth.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The Berth REST API over {@link HttpClient}: JSON answers as trees, error answers ({@code ApiError}:
 * status, error, message, errors[field, message]) as {@link CliException}s with exit code 1, and a server
 * that cannot be reached as exit code 3.
 */
public final class ApiClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The response header with the {@code continue} token of a list's next page (absent on the last page). */
    static final String CONTINUE_HEADER = "Berth-Continue";

    private final ClientConfig config;
    private final HttpClient http;
    private final JsonMapper json;

    public ApiClient(ClientConfig config, JsonMapper json) {
        this(config, ServerTrust.DEFAULT, json);
    }

    ApiClient(ClientConfig config, ServerTrust trust, JsonMapper json) {
        this.config = config;
        this.json = json;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        SSLContext sslContext = trust.sslContext();
        if (sslContext != null) {
            builder.sslContext(sslContext);
        } else if (!config.server().startsWith("https:")) {
            // http: don't read the CA trust store at start-up (redirects to https still verify, lazily)
            builder.sslContext(LazyTrustManager.sslContext());
        }
        this.http = builder.build();
    }

    public String server() {
        return config.server();
    }

    public JsonNode get(String path) {
        return send(request(path).GET(), path, REQUEST_TIMEOUT);
    }

    /** A GET that must answer within {@code timeout} (or fail), for answers that only improve what is printed. */
    public JsonNode get(String path, Duration timeout) {
        return send(request(path).GET(), path, timeout);
    }

    public JsonNode post(String path, String body, String contentType) {
        return post(path, body, contentType, REQUEST_TIMEOUT);
    }

    /** A POST the server may hold for a while ({@code apply?wait=true}): {@code timeout} covers the whole answer. */
    public JsonNode post(String path, String body, String contentType, Duration timeout) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), path, timeout);
    }

    public JsonNode delete(String path, Duration timeout) {
        return send(request(path).DELETE(), path, timeout);
    }

    /**
     * GET a streamed plain-text answer (container logs) and copy it to {@code out} as it arrives, flushing each
     * piece, until the server ends it. No request timeout: a followed log lasts as long as its container runs.
     */
    public void stream(String path, java.io.Writer out) {
        HttpRequest request = request(path).header("Accept", "text/plain, application/json").GET().build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no answer within " + CONNECT_TIMEOUT.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.API_ERROR, "interrupted", List.of(), e);
        }
        try (java.io.InputStream in = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw apiError(response.statusCode(), parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), path);
            }
            java.io.Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "the stream from " + config.server() + " broke off: "
                    + e.getMessage(), List.of(), e);
        }
    }

    /**
     * Opens a WebSocket to {@code path} (exec), authenticated as every request is. A refused upgrade is asked again
     * as a plain GET, whose answer carries the API's error (403 naming what is missing, 404...): thrown as usual.
     */
    public java.net.http.WebSocket webSocket(String path, java.net.http.WebSocket.Listener listener) {
        URI uri = URI.create(uri(path).toString().replaceFirst("^http", "ws"));
        java.net.http.WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (config.token() != null) {
            builder.header("Authorization", "Bearer " + config.token());
        }
        try {
            return builder.buildAsync(uri, listener).get(REQUEST_TIMEOUT.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                get(path); // throws the API's error
                throw new CliException(ExitCodes.API_ERROR, "the server refused the WebSocket of " + path
                        + " (HTTP " + refused.getResponse().statusCode() + ")");
            }
            Throwable cause = rootCause(e);
            if (cause instanceof SSLException ssl) {
                throw untrusted(ssl);
            }
            throw unreachable(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable("no WebSocket within " + REQUEST_TIMEOUT.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.API_ERROR, "interrupted", List.of(), e);
        }
    }

    /** GET without token and without turning error statuses into exceptions: the health endpoint. */
    public Response getRaw(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = exchange(request);
        return new Response(response.statusCode(), response.body());
    }

    public record Response(int status, String body) {
    }

    /** Encodes one path segment or query value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .header("User-Agent", "berth-cli/" + BerthCli.clientVersion());
        if (config.token() != null) {
            builder.header("Authorization", "Bearer " + config.token());
        }
        return builder;
    }

    private URI uri(String path) {
        try {
            return URI.create(config.server() + path);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid server URL \"" + config.server() + "\": " + e.getMessage());
        }
    }

    /**
     * GET a paged list and follow the server's {@value #CONTINUE_HEADER} tokens to its last page: every item, in
     * one array, as an unpaged list once answered.
     */
    public JsonNode getAll(String path) {
        return getAll(path, null);
    }

    /**
     * As {@link #getAll(String)} for a paged list inside an object (a family's {@code revisions}): the first page's
     * object, with the array {@code field} of every page.
     */
    public JsonNode getAll(String path, String field) {
        ArrayNode all = json.createArrayNode();
        JsonNode first = null;
        String next = null;
        do {
            String page = next == null ? path : path + (path.contains("?") ? "&" : "?") + "continue=" + encode(next);
            HttpResponse<String> response = exchange(request(page).GET().timeout(REQUEST_TIMEOUT).build());
            JsonNode body = checked(response, page);
            JsonNode items = field == null ? body : body.path(field);
            if (!items.isArray()) {
                return body;
            }
            if (first == null) {
                first = body;
            }
            items.forEach(all::add);
            next = response.headers().firstValue(CONTINUE_HEADER).filter(token -> !token.isBlank()).orElse(null);
        } while (next != null);
        if (field == null) {
            return all;
        }
        ((tools.jackson.databind.node.ObjectNode) first).set(field, all);
        return first;
    }

    private JsonNode send(HttpRequest.Builder builder, String path, Duration timeout) {
        return checked(exchange(builder.timeout(timeout).build()), path);
    }

    private JsonNode checked(HttpResponse<String> response, String path) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            if (body == null && status == 204) {
                return json.createObjectNode(); // No Content: a revoke or delete that answers nothing
            }
            if (body == null) {
                throw new CliException(ExitCodes.API_ERROR, "unexpected answer from " + config.server() + path
                        + " (HTTP " + status + "): not JSON");
            }
            return body;
        }
        throw apiError(status, body, path);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no answer within " + CONNECT_TIMEOUT.toSeconds() + "s", e);
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCodes.TIMEOUT, "request to " + request.uri() + " timed out", List.of(), e);
        } catch (ConnectException e) {
            throw unreachable(rootCause(e) instanceof UnresolvedAddressException ? "unknown host"
                    : "connection refused", e);
        } catch (UnknownHostException e) {
            throw unreachable("unknown host", e);
        } catch (IOException e) {
            SSLException tls = tlsFailure(e);
            throw tls != null ? untrusted(tls)
                    : unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.API_ERROR, "interrupted", List.of(), e);
        }
    }

    private static SSLException tlsFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    /** A TLS failure is mostly a certificate the CLI does not trust: say how to trust it. */
    private CliException untrusted(SSLException e) {
        return new CliException(ExitCodes.UNREACHABLE, "TLS with the Berth server at " + config.server() + " failed: "
                + e.getMessage(), List.of("a private CA or self-signed certificate: --ca-cert FILE (PEM);"
                + " for a test server only: --insecure-skip-tls-verify"), e);
    }

    private CliException unreachable(String why, Throwable cause) {
        return new CliException(ExitCodes.UNREACHABLE, "cannot reach the Berth server at " + config.server() + ": "
                + why + " (set --server or BERTH_URL)", List.of(), cause);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private CliException apiError(int status, JsonNode body, String path) {
        String message = body == null ? "" : body.path("message").asString("");
        if (message.isBlank()) {
            String reason = body == null ? "" : body.path("error").asString("");
            message = "HTTP " + status + (reason.isBlank() ? "" : " " + reason) + " from " + config.server() + path;
        }
        List<String> details = new ArrayList<>();
        if (body != null) {
            for (JsonNode error : body.path("errors")) {
                details.add(error.path("field").asString("") + ": " + error.path("message").asString(""));
            }
        }
        if (status == 401) {
            message += config.tokenSource() == null
                    ? " (no token found: use --token, BERTH_TOKEN, token= in ~/.config/berth/config or ~/.berth/admin-token)"
                    : " (token from " + config.tokenSource() + ")";
        }
        return new ApiException(status, message, details, body);
    }

    /**
     * An error answer of the API; {@code status} lets commands react to 404 or 504, {@code body} to answers that
     * carry more than an error (a failed {@code apply?wait=true} lists its documents).
     */
    public static final class ApiException extends CliException {

        private final int status;
        private final JsonNode body;

        ApiException(int status, String message, List<String> details, JsonNode body) {
            super(exitCode(status), message, details, null);
            this.status = status;
            this.body = body;
        }

        /** 400 and 422 reject the input (exit 2); 504 is a server-side wait that ran out (exit 4). */
        private static int exitCode(int status) {
            return switch (status) {
                case 400, 422 -> ExitCodes.USAGE;
                case 504 -> ExitCodes.TIMEOUT;
                default -> ExitCodes.API_ERROR;
            };
        }

        public int status() {
            return status;
        }

        /** The answer's JSON, or null when it had none. */
        public JsonNode body() {
            return body;
        }

        ApiException withDetails(List<String> newDetails) {
            return new ApiException(status, getMessage(), newDetails, body);
        }
    }
}
