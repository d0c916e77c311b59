package io.berth.app.instances;

import io.berth.docker.EngineConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * What instance registration may point the server at. Registering an instance makes the server connect to the
 * endpoint and read the certificate folder it names, so both are bounded: otherwise the API is a way to probe any
 * address the server can reach, or to make it read files anywhere on its disk.
 *
 * @param allowedEndpoints endpoints that may be registered, each matched whole, {@code *} standing for any run of
 *                         characters. Default: the local socket ({@code unix:///var/run/docker.sock}) and
 *                         {@code tcp://*}; a plain (non-TLS) tcp endpoint still needs {@code allowInsecure: true}
 * @param tlsCertDir       the folder every {@code tlsCertPath} must lie in (after resolving {@code ..} and symbolic
 *                         links). Default {@code /etc/berth/tls}
 */
@ConfigurationProperties("berth.instances")
public record InstanceSettings(List<String> allowedEndpoints, Path tlsCertDir) {

    public static final List<String> DEFAULT_ALLOWED_ENDPOINTS = List.of(EngineConfig.LOCAL_ENDPOINT, "tcp://*");
    public static final Path DEFAULT_TLS_CERT_DIR = Path.of("/etc/berth/tls");

    public InstanceSettings {
        allowedEndpoints = allowedEndpoints == null || allowedEndpoints.isEmpty() ? DEFAULT_ALLOWED_ENDPOINTS
                : List.copyOf(allowedEndpoints);
        tlsCertDir = tlsCertDir == null ? DEFAULT_TLS_CERT_DIR : tlsCertDir;
    }
}
