package io.berth.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two container reads every reconcile pass makes — list a service's containers, inspect one — sent over
 * docker-java's HTTP client (same connections, TLS and timeouts as every other call) and read by
 * {@link ContainerJson} instead of docker-java's model mapping, which cost more CPU than everything else in a pass.
 *
 * <p>Failures look exactly like docker-java's: transport errors come from the same client, and an error answer
 * becomes the docker-java exception of its HTTP status with the body as message, so {@link EngineErrors} and the
 * retry and breaker policy see no difference.
 */
final class ContainerReads implements java.io.Closeable {

    private final DockerHttpClient http;
    /** Stats readings only: a pool of their own ({@link EngineConfig#maxStatsConnections()}), closed with this. */
    private final DockerHttpClient statsHttp;
    /** "/v1.41" when an API version is configured, "" to let the engine use its own (as docker-java does). */
    private final String prefix;

    ContainerReads(DockerHttpClient http, DockerHttpClient statsHttp, RemoteApiVersion apiVersion) {
        this.http = http;
        this.statsHttp = statsHttp;
        this.prefix = apiVersion == null || RemoteApiVersion.UNKNOWN_VERSION.equals(apiVersion)
                ? "" : "/v" + apiVersion.getVersion();
    }

    /** All containers (running or not) carrying every label of the filter; an empty value matches any value. */
    List<ContainerState> list(Map<String, String> labelFilter) {
        return get(http, listPath(prefix, labelFilter), ContainerJson::list);
    }

    /** @throws NotFoundException when the engine has no such container (as docker-java's inspect does) */
    ContainerState inspect(String containerId) {
        return get(http, prefix + "/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "/json",
                ContainerJson::inspect);
    }

    /**
     * One reading of a running container, with {@code one-shot=true} (API 1.41): the engine answers with what it has
     * instead of waiting a second for a second collection cycle. Berth works out CPU use from two of its own readings
     * (their {@code read} times and CPU totals), so the engine's own previous-cycle figures are not needed, and each
     * reading costs the engine a fraction of a stream=false one (on a host of 200 tasks, the difference between every
     * task read every round and some not read within a minute). An engine older than 1.41 ignores the parameter.
     *
     * @return null when the answer carries no CPU figure (the container stopped meanwhile)
     * @throws NotFoundException when the engine has no such container
     */
    ContainerStats stats(String containerId, java.time.Instant readAt) {
        return get(statsHttp, prefix + "/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8)
                        + "/stats?stream=false&one-shot=true",
                body -> StatsMapper.map(STATS_JSON.readValue(body, com.github.dockerjava.api.model.Statistics.class),
                        readAt));
    }

    /** docker-java's model of a stats answer, read with the fields Berth does not know skipped. */
    private static final com.fasterxml.jackson.databind.ObjectMapper STATS_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper().configure(
                    com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * {@code /containers/json?all=true&filters={"label":["k=v","k2"]}}: docker-java's encoding of a label map (a null
     * or empty value asks only for the key), in a stable order.
     */
    static String listPath(String prefix, Map<String, String> labelFilter) {
        StringBuilder path = new StringBuilder(prefix).append("/containers/json?all=true");
        if (labelFilter != null && !labelFilter.isEmpty()) {
            StringBuilder json = new StringBuilder("{\"label\":[");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(labelFilter).entrySet()) {
                String label = e.getValue() == null || e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue();
                json.append(first ? "" : ",").append('"').append(jsonEscape(label)).append('"');
                first = false;
            }
            json.append("]}");
            path.append("&filters=").append(URLEncoder.encode(json.toString(), StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private static <T> T get(DockerHttpClient http, String path, BodyReader<T> reader) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            int status = response.getStatusCode();
            if (status < 200 || status > 299) {
                throw errorOf(status, readAll(response.getBody()));
            }
            return reader.read(response.getBody());
        } catch (IOException e) {
            // As docker-java does with a transport failure mid-answer: EngineErrors walks the cause chain.
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        statsHttp.close();
    }

    /** The exception docker-java raises for an error answer (its DefaultInvocationBuilder), body as message. */
    static DockerException errorOf(int status, String body) {
        return switch (status) {
            case 400 -> new BadRequestException(body);
            case 401 -> new UnauthorizedException(body);
            case 404 -> new NotFoundException(body);
            case 409 -> new ConflictException(body);
            case 500 -> new InternalServerErrorException(body);
            default -> new DockerException(body, status);
        };
    }

    private static String readAll(InputStream body) throws IOException {
        return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
