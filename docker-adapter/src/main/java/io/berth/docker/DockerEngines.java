package io.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builds {@link DockerEngine}s. */
public final class DockerEngines {

    private DockerEngines() {
    }

    /** A docker config folder that never exists: no config.json, so no ambient registry logins. */
    static final String NO_DOCKER_CONFIG = "/nonexistent/berth/no-docker-config";

    /** What docker-java (and the docker CLI) expect in a DOCKER_CERT_PATH. */
    static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    /**
     * Connects lazily: nothing is sent until the first call, so an unreachable engine does not fail here.
     * With a {@link EngineConfig#certDir() certDir}, the TLS material is loaded here, once: a directory that lacks
     * one of ca.pem, cert.pem, key.pem or holds unusable ones is a misconfiguration, not a down engine, and fails
     * at once with an {@link EngineException} of kind {@code OTHER} naming the directory and the files.
     */
    public static DockerEngine connect(EngineConfig config) {
        DockerClientConfig clientConfig = clientConfig(config);
        // Two HTTP clients: ordinary calls are bounded by a response timeout; streams (events), pulls and stops
        // legitimately stay silent for long, so they use a client without one and bound themselves.
        ApacheDockerHttpClient requestsHttp = http(clientConfig, config.connectTimeout(), config.responseTimeout(),
                config.maxConnections());
        DockerClient requests = DockerClientImpl.getInstance(clientConfig, requestsHttp);
        DockerClient streams = client(clientConfig, config.connectTimeout(), null, config.maxConnections());
        // Log streams get a pool of their own: followed logs last up to an hour each, and must not take the
        // connections pulls, stops and the event stream need.
        DockerClient logs = client(clientConfig, config.connectTimeout(), null, config.maxLogConnections());
        // Stats readings get a pool of their own too: each waits for the engine's stats collection, so a host of
        // many tasks has many in flight, and the control loop's list and inspect must still find a connection.
        ApacheDockerHttpClient statsHttp = http(clientConfig, config.connectTimeout(), config.responseTimeout(),
                config.maxStatsConnections());
        return new DockerJavaEngine(config, requests, streams, logs,
                new ContainerReads(requestsHttp, statsHttp, clientConfig.getApiVersion()));
    }

    static DockerClientConfig clientConfig(EngineConfig config) {
        // createDefaultConfigBuilder reads docker-java's own settings (e.g. api.version);
        // host and TLS are then set explicitly so a stray DOCKER_HOST / DOCKER_TLS_VERIFY cannot redirect us.
        // The server user's own logins (~/.docker/config.json, DOCKER_CONFIG, registry.username/password) are never
        // used: docker-java would add them to every pull of a matching image, so any task could pull with them.
        // A pull carries only the credential its task names (DockerJavaEngine#pullImage).
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(config.endpoint())
                .withDockerTlsVerify(config.certDir() != null)
                .withDockerConfig(NO_DOCKER_CONFIG)
                .withRegistryUsername(null)
                .withRegistryPassword(null)
                .withRegistryEmail(null);
        if (config.certDir() != null) {
            SSLContext tls = tlsContext(config.endpoint(), config.certDir());
            builder.withDockerCertPath(config.certDir().toString()).withCustomSslConfig(() -> tls);
        }
        if (config.apiVersion() != null) {
            builder.withApiVersion(config.apiVersion());
        }
        return builder.build();
    }

    /**
     * Client certificate, key and the CA that signed the engine's certificate, from {@code dir}. Never null:
     * docker-java's own {@link LocalDirectorySSLConfig} answers null when a file is missing, and the HTTP client then
     * silently speaks plain HTTP to the TLS port (the engine answers 400 "Client sent an HTTP request to an HTTPS
     * server", which reads like a foreign server) — or, worse, to whatever plain listener sits there.
     */
    static SSLContext tlsContext(String endpoint, Path dir) {
        List<String> missing = TLS_FILES.stream().filter(f -> !Files.isReadable(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new EngineException(EngineException.Kind.OTHER, "TLS for " + endpoint + ": " + dir + " lacks "
                    + String.join(", ", missing) + " (needs " + String.join(", ", TLS_FILES)
                    + "); not connecting without the client certificate", null);
        }
        try {
            SSLContext context = new LocalDirectorySSLConfig(dir.toString()).getSSLContext();
            if (context == null) {
                throw new IllegalStateException("docker-java found no usable certificates");
            }
            return context;
        } catch (RuntimeException e) {
            throw new EngineException(EngineException.Kind.OTHER, "TLS for " + endpoint + ": cannot use the certificates in "
                    + dir + ": " + EngineErrors.dockerMessage(e), e);
        }
    }

    static DockerClient client(DockerClientConfig config, Duration connect, Duration response, int maxConnections) {
        return DockerClientImpl.getInstance(config, http(config, connect, response, maxConnections));
    }

    static ApacheDockerHttpClient http(DockerClientConfig config, Duration connect, Duration response,
                                       int maxConnections) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(maxConnections)
                .connectionTimeout(connect)
                .responseTimeout(response)
                .build();
    }
}
