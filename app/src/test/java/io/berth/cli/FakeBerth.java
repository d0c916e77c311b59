package io.berth.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny stand-in for the Berth API: canned JSON per "METHOD /path" (query ignored for matching, but
 * recorded), every request kept for assertions.
 */
final class FakeBerth implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String uri() {
            return path + (query == null ? "" : "?" + query);
        }
    }

    record Reply(int status, String json, Map<String, String> headers) {
        Reply(int status, String json) {
            this(status, json, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeBerth() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        // several requests at once: apply --wait's progress display polls while the apply is held
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeBerth on(String methodAndPath, int status, String json) {
        return on(methodAndPath, request -> new Reply(status, json));
    }

    FakeBerth on(String methodAndPath, Function<Request, Reply> handler) {
        routes.put(methodAndPath, handler);
        return this;
    }

    Request last(String method) {
        return requests.reversed().stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        Function<Request, Reply> handler = routes.get(request.method() + " " + request.path());
        Reply reply = handler == null
                ? new Reply(404, "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no route "
                        + request.path() + "\",\"errors\":[]}")
                : handler.apply(request);
        byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
