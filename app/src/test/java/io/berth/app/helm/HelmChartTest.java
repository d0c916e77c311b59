package io.berth.app.helm;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The Helm chart {@code helm/berth}: linted and rendered by the Helm library that helm-java bundles (no helm
 * binary, no cluster), the rendered manifests parsed into fabric8's typed Kubernetes objects.
 * <p>
 * helm-java 0.0.21's {@code template()} runs Helm's install with dry-run option "none", so a template that calls
 * {@code lookup} would contact the cluster of the current kubeconfig (localhost:8080 without one). Renders here
 * therefore always set the admin token or an existing Secret; the one path that reaches {@code lookup} (the
 * generated admin token) is rendered with {@code install --dry-run=client}, where lookup returns nothing.
 */
class HelmChartTest {

    private static final String RELEASE = "berth";
    private static final String NAMESPACE = "berth-system";
    /** Berth and the chart refuse admin tokens shorter than 32 characters. */
    private static final String TOKEN = "helm-admin-token-of-at-least-32-chars";
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path chart;
    private static String appVersion;

    @BeforeAll
    static void locateChart() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("helm/berth/Chart.yaml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("helm/berth/Chart.yaml above the working directory").isNotNull();
        chart = dir.resolve("helm/berth");
        appVersion = (String) readYaml(chart.resolve("Chart.yaml")).get("appVersion");
        assertThat(appVersion).isNotBlank();
    }

    // ---- lint ------------------------------------------------------------------------------------------------

    @Test
    void lintPassesForTheChartAsShipped() {
        // Without a database the templates fail on purpose; helm lint reports a template's fail() as INFO.
        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void lintPassesForTheDefaultValuesPlusAValueSet(String valuesFile, @TempDir Path tmp) throws Exception {
        // helm-java's lint takes no values: lint a copy whose values.yaml is the defaults merged with the set,
        // so that every template renders fully and is linted (schema included).
        Path copy = copyChart(tmp);
        Map<String, Object> values = deepMerge(readYaml(chart.resolve("values.yaml")), readYaml(resource(valuesFile)));
        Files.writeString(copy.resolve("values.yaml"), YAML.writeValueAsString(values));

        LintResult lint = new Helm(copy).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    static Stream<String> valueFiles() {
        return Stream.of("minimal-values.yaml", "full-values.yaml");
    }

    // ---- minimal values: URL + existing Secrets ----------------------------------------------------------------

    @Test
    void minimalValuesRenderASingleHardenedPodWiredToTheExistingSecrets() throws Exception {
        Rendered r = render(template().withValuesFile(resource("minimal-values.yaml")));

        assertThat(r.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment");
        assertThat(r.all(Secret.class)).as("every secret comes from an existing Secret").isEmpty();
        assertThat(r.objects()).allSatisfy(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
            assertThat(o.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/name", "berth")
                    .containsEntry("app.kubernetes.io/instance", RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("app.kubernetes.io/version", appVersion)
                    .containsKey("helm.sh/chart");
        });

        Deployment deployment = r.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType())
                .as("the new pod stands by until the old one's lease ends: no API outage").isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(r.one(ServiceAccount.class).getMetadata().getName());
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSupplementalGroups()).isNullOrEmpty();

        Container berth = single(pod.getContainers());
        assertThat(berth.getImage()).isEqualTo("berth/berth:" + appVersion);
        assertThat(value(berth, "BERTH_LOG_FORMAT")).as("plain text logs unless asked").isEqualTo("text");
        // Berth alone binds 127.0.0.1; in a pod the probes and the Service come over the pod IP.
        assertThat(value(berth, "BERTH_BIND_ADDRESS")).isEqualTo("0.0.0.0");
        assertThat(value(berth, "BERTH_DNS_BIND_ADDRESS")).isEqualTo("0.0.0.0");
        assertThat(value(berth, "BERTH_DISCOVERY_DNS_ENABLED")).isEqualTo("true");
        assertThat(value(berth, "BERTH_API_OPEN_METRICS")).as("metrics take the token unless asked").isEqualTo("false");
        assertThat(value(berth, "BERTH_API_OPEN_DOCS")).as("API docs take the token unless asked").isEqualTo("false");
        assertThat(berth.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(berth.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(berth.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(berth.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(berth.getPorts().getFirst()).satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertHttpProbe(berth.getStartupProbe(), "/actuator/health/liveness");
        assertThat(berth.getStartupProbe().getFailureThreshold() * berth.getStartupProbe().getPeriodSeconds())
                .as("seconds Berth may take to start").isGreaterThanOrEqualTo(120);
        assertHttpProbe(berth.getLivenessProbe(), "/actuator/health/liveness");
        assertHttpProbe(berth.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(berth.getResources() == null || berth.getResources().getLimits() == null
                || berth.getResources().getLimits().isEmpty()).as("no limits by default").isTrue();

        assertThat(value(berth, "SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://pg.databases.svc:5432/berth?sslmode=require");
        assertThat(value(berth, "SPRING_DATASOURCE_USERNAME")).isEqualTo("berth");
        assertSecretRef(berth, "SPRING_DATASOURCE_PASSWORD", "berth-db", "db-password");
        assertSecretRef(berth, "BERTH_SECURITY_ADMIN_TOKEN", "berth-auth", "token");
        assertThat(value(berth, "BERTH_EMBEDDED_POSTGRES_ENABLED")).isEqualTo("false");
        assertThat(value(berth, "BERTH_DATA_DIR")).isEqualTo("/var/lib/berth");
        assertThat(value(berth, "BERTH_DOCKER_REGISTER_LOCAL")).isEqualTo("false");
        assertThat(value(berth, "BERTH_DOCKER_LOCAL_ENDPOINT")).isEqualTo("unix:///var/run/docker.sock");
        assertThat(value(berth, "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED")).isEqualTo("true");
        assertThat(value(berth, "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("/config/");
        assertThat(berth.getEnv()).as("the image sets the JVM flags").noneMatch(e -> e.getName().equals("JAVA_TOOL_OPTIONS"));

        // Read-only root fs: the data dir and /tmp are emptyDirs, the config a ConfigMap, nothing from the node.
        assertThat(mountedVolume(pod, berth, "/var/lib/berth").getEmptyDir()).isNotNull();
        assertThat(mountedVolume(pod, berth, "/tmp").getEmptyDir()).isNotNull();
        assertThat(mountedVolume(pod, berth, "/config").getConfigMap().getName())
                .isEqualTo(r.one(ConfigMap.class).getMetadata().getName());
        assertThat(pod.getVolumes()).noneMatch(v -> v.getHostPath() != null);
        assertThat(r.one(ConfigMap.class).getData().get("application.yml"))
                .as("no sso, no apiTls, no config: nothing set").contains("# no settings");

        Service service = r.one(Service.class);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort,
                ServicePort::getProtocol).containsExactly(tuple("http", 8080, "TCP"), tuple("dns-udp", 8600, "UDP"),
                tuple("dns-tcp", 8600, "TCP"));
        assertThat(berth.getPorts()).extracting(p -> p.getName(), p -> p.getContainerPort(), p -> p.getProtocol())
                .containsExactly(tuple("http", 8080, "TCP"), tuple("dns-udp", 8600, "UDP"), tuple("dns-tcp", 8600, "TCP"));
        ServicePort port = service.getSpec().getPorts().getFirst();
        assertThat(port.getName()).isEqualTo("http");
        assertThat(port.getPort()).isEqualTo(8080);
        assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
        assertSelects(service.getSpec().getSelector(), deployment);
        assertSelects(deployment.getSpec().getSelector().getMatchLabels(), deployment);
    }

    // ---- credentials from values ------------------------------------------------------------------------------

    @Test
    void credentialsFromValuesGoIntoTheChartsSecret() throws Exception {
        Rendered r = render(template()
                .set("postgresql.host", "db.internal")
                .set("postgresql.port", 6432)
                .set("postgresql.database", "berth_prod")
                .set("postgresql.parameters", "sslmode=require")
                .set("postgresql.username", "berth_app")
                .set("postgresql.password", "db-s3cret")
                .set("auth.adminToken", "admin-s3cret-of-at-least-32-characters"));

        Secret secret = r.one(Secret.class);
        assertThat(secret.getMetadata().getName()).isEqualTo(RELEASE);
        assertThat(decode(secret, "postgresql-password")).isEqualTo("db-s3cret");
        assertThat(decode(secret, "admin-token")).isEqualTo("admin-s3cret-of-at-least-32-characters");

        Deployment deployment = r.one(Deployment.class);
        Container berth = single(deployment.getSpec().getTemplate().getSpec().getContainers());
        assertThat(value(berth, "SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://db.internal:6432/berth_prod?sslmode=require");
        assertThat(value(berth, "SPRING_DATASOURCE_USERNAME")).isEqualTo("berth_app");
        assertSecretRef(berth, "SPRING_DATASOURCE_PASSWORD", RELEASE, "postgresql-password");
        assertSecretRef(berth, "BERTH_SECURITY_ADMIN_TOKEN", RELEASE, "admin-token");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .as("a changed password or token restarts the pod").containsKey("checksum/secret");
    }

    @Test
    void severalReplicasRender() throws Exception {
        Rendered r = render(template().set("replicaCount", 3).set("postgresql.host", "db")
                .set("postgresql.password", "p").set("auth.adminToken", TOKEN));

        assertThat(r.one(Deployment.class).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void usernameCanComeFromTheExistingSecretAndReplicasCanBeZero() throws Exception {
        Rendered r = render(template()
                .set("replicaCount", 0)
                .set("postgresql.host", "db")
                .set("postgresql.existingSecret", "pg-credentials")
                .set("postgresql.existingSecretUsernameKey", "username")
                .set("auth.adminToken", TOKEN));

        Deployment deployment = r.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isZero();
        Container berth = single(deployment.getSpec().getTemplate().getSpec().getContainers());
        assertSecretRef(berth, "SPRING_DATASOURCE_USERNAME", "pg-credentials", "username");
        assertSecretRef(berth, "SPRING_DATASOURCE_PASSWORD", "pg-credentials", "password");
        assertThat(r.one(Secret.class).getData()).containsOnlyKeys("admin-token", "credentials-key");
    }

    @Test
    void theCredentialsKeyComesFromTheChartsSecretOrAnExistingOne() throws Exception {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        Rendered own = render(validValues().set("credentials.key", key));
        assertThat(decode(own.one(Secret.class), "credentials-key")).isEqualTo(key);
        Container berth = single(own.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers());
        assertSecretRef(berth, "BERTH_CREDENTIALS_KEY", RELEASE, "credentials-key");

        Rendered existing = render(validValues().set("credentials.existingSecret", "berth-keys")
                .set("credentials.existingSecretKey", "aes"));
        assertThat(existing.one(Secret.class).getData()).doesNotContainKey("credentials-key");
        berth = single(existing.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers());
        assertSecretRef(berth, "BERTH_CREDENTIALS_KEY", "berth-keys", "aes");
    }

    @Test
    void withoutAnyAdminTokenOneIsGeneratedAndTheNotesTellHowToReadIt() {
        // Reaches lookup (keep the generated token across upgrades): client-side dry run, no cluster contacted.
        Release release = new Helm(chart).install()
                .withName(RELEASE).withNamespace(NAMESPACE)
                .dryRun().withDryRunOption(DryRun.CLIENT).clientOnly()
                .set("postgresql.host", "db")
                .set("postgresql.password", "p")
                .call();

        assertThat(release.getStatus()).isEqualTo("pending-install");
        assertThat(release.getOutput())
                .contains("jdbc:postgresql://db:5432/berth")
                .contains("get secret berth -o jsonpath='{.data.admin-token}'")
                .contains("no leader election")
                .contains("port-forward svc/berth 8080:8080")
                .doesNotContain("WARNING");
    }

    // ---- everything on ----------------------------------------------------------------------------------------

    @Test
    void fullValuesRenderIngressPdbNetworkPolicyResourcesAndTheDockerSocket() throws Exception {
        Rendered r = render(template().withValuesFile(resource("full-values.yaml")));

        assertThat(r.kinds()).containsExactlyInAnyOrder("ServiceAccount", "Secret", "ConfigMap", "Service",
                "Deployment", "Ingress", "PodDisruptionBudget", "NetworkPolicy");
        Deployment deployment = r.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container berth = single(pod.getContainers());
        assertThat(berth.getImage()).isEqualTo("berth/berth:1.2.3");
        assertThat(value(berth, "BERTH_LOG_FORMAT")).isEqualTo("json");
        assertThat(value(berth, "BERTH_API_OPEN_METRICS")).isEqualTo("true");
        assertThat(value(berth, "BERTH_API_OPEN_DOCS")).isEqualTo("true");
        assertThat(berth.getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod.getImagePullSecrets()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("registry-credentials"));
        assertThat(pod.getNodeSelector()).containsEntry("berth.io/docker-node", "true");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("example.org/team", "platform")
                .containsKeys("checksum/config", "checksum/secret");

        // Still hardened with the socket mounted.
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(berth.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

        assertThat(berth.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(berth.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
        assertThat(berth.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");

        assertThat(value(berth, "SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://db.internal:6432/berth_prod?sslmode=verify-full");
        assertThat(value(berth, "JAVA_TOOL_OPTIONS")).isEqualTo("-Xmx768m -XX:+ExitOnOutOfMemoryError");
        assertThat(value(berth, "TZ")).isEqualTo("Europe/Berlin");
        assertThat(value(berth, "BERTH_DOCKER_CLUSTER")).isEqualTo("edge");

        // registerLocal: the node's socket, mounted where BERTH_DOCKER_LOCAL_ENDPOINT points, usable via its group.
        assertThat(value(berth, "BERTH_DOCKER_REGISTER_LOCAL")).isEqualTo("true");
        assertThat(value(berth, "BERTH_DOCKER_LOCAL_ENDPOINT")).isEqualTo("unix:///var/run/docker.sock");
        Volume socket = mountedVolume(pod, berth, "/var/run/docker.sock");
        assertThat(socket.getHostPath().getPath()).isEqualTo("/var/run/docker.sock");
        assertThat(socket.getHostPath().getType()).isEqualTo("Socket");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getHostPath() != null).containsExactly(socket);
        assertThat(pod.getSecurityContext().getSupplementalGroups()).containsExactly(998L);

        // config: {} rendered as application.yml.
        Map<String, Object> applicationYml =
                YAML.readValue(r.one(ConfigMap.class).getData().get("application.yml"), Map.class);
        assertThat(path(applicationYml, "berth", "reconciler", "workers")).isEqualTo(8);
        assertThat(path(applicationYml, "logging", "level", "io.berth")).isEqualTo("DEBUG");

        // sso and apiTls merged into the same file, keys bracketed so that Spring keeps '/', '=' and ','.
        assertThat(path(applicationYml, "berth", "security", "oidc", "issuer-uri"))
                .isEqualTo("https://keycloak.example.com/realms/acme");
        assertThat(path(applicationYml, "berth", "security", "oidc", "username-claim")).isEqualTo("preferred_username");
        assertThat(path(applicationYml, "berth", "security", "oidc", "group-roles", "[platform-team]")).isEqualTo("admin");
        assertThat(path(applicationYml, "berth", "security", "oidc", "group-roles", "[/ci]"))
                .isEqualTo(List.of("deployer", "viewer"));
        assertThat(path(applicationYml, "berth", "security", "oidc", "group-clusters", "[/ci]")).isEqualTo(List.of("prod"));
        assertThat(path(applicationYml, "berth", "security", "client-certificates", "subjects", "[CN=ci-runner,O=acme]"))
                .isEqualTo("deployer");
        assertThat(path(applicationYml, "berth", "api", "tls", "client-ca")).isEqualTo("/etc/berth/api-tls/ca.crt");
        assertThat(mountedVolume(pod, berth, "/etc/berth/api-tls").getSecret().getSecretName()).isEqualTo("berth-api-tls");
        assertThat(berth.getLivenessProbe().getHttpGet().getScheme()).as("the API speaks HTTPS only").isEqualTo("HTTPS");
        assertThat(berth.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");

        Service service = r.one(Service.class);
        assertThat(service.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "false");

        Ingress ingress = r.one(Ingress.class);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isEqualTo("berth-tls");
            assertThat(tls.getHosts()).containsExactly("berth.example.org");
        });
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("berth.example.org");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(p -> {
                assertThat(p.getPath()).isEqualTo("/");
                assertThat(p.getPathType()).isEqualTo("Prefix");
                IngressBackend backend = p.getBackend();
                assertThat(backend.getService().getName()).isEqualTo(service.getMetadata().getName());
                assertThat(backend.getService().getPort().getName()).isEqualTo("http");
            });
        });

        PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
        assertSelects(pdb.getSpec().getSelector().getMatchLabels(), deployment);

        NetworkPolicy policy = r.one(NetworkPolicy.class);
        assertSelects(policy.getSpec().getPodSelector().getMatchLabels(), deployment);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort).containsExactly(new IntOrString("http"),
                    new IntOrString("dns-udp"), new IntOrString("dns-tcp"));
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(
                    peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
        });
        assertThat(policy.getSpec().getEgress())
                .flatExtracting(rule -> rule.getPorts())
                .extracting(NetworkPolicyPort::getPort)
                .contains(new IntOrString(53), new IntOrString(6432), new IntOrString(2375), new IntOrString(2376));
        assertThat(policy.getSpec().getEgress())
                .filteredOn(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().equals(new IntOrString(6432))))
                .singleElement()
                .satisfies(rule -> assertThat(rule.getTo()).singleElement()
                        .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.20.0.0/16")));
    }

    @Test
    void podDisruptionBudgetCanAllowDrainsInstead(@TempDir Path tmp) throws Exception {
        // As a user would write it: null removes the default minAvailable.
        Path values = Files.writeString(tmp.resolve("pdb.yaml"), """
                podDisruptionBudget:
                  enabled: true
                  minAvailable: null
                  maxUnavailable: 1
                """);
        Rendered r = render(validValues().withValuesFile(values));

        PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
    }

    // ---- bad values -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValuesFailRenderingWithAClearMessage(String description, Map<String, Object> values, String message) {
        TemplateCommand command = template();
        values.forEach(command::set);

        assertThatThrownBy(command::call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments("the node's socket with two replicas", valid(Map.of("replicaCount", 2, "docker.registerLocal", true)),
                        "docker.registerLocal needs replicaCount 0 or 1"),
                arguments("no database", without(valid(Map.of()), "postgresql.host"),
                        "an external PostgreSQL database is required"),
                arguments("no database password", without(valid(Map.of()), "postgresql.password"),
                        "a PostgreSQL password is required"),
                arguments("URL that is not JDBC", valid(Map.of("postgresql.url", "postgres://db:5432/berth")),
                        "postgresql.url must start with jdbc:postgresql://"),
                arguments("replicaCount as a string (schema)", valid(Map.of("replicaCount", "two")),
                        "at '/replicaCount': got string, want integer"),
                arguments("negative replicaCount (schema)", valid(Map.of("replicaCount", -1)), "/replicaCount"),
                arguments("misspelt key (schema)", valid(Map.of("replicsCount", 1)),
                        "additional properties 'replicsCount' not allowed"),
                arguments("unknown service type (schema)", valid(Map.of("service.type", "Headless")), "/service/type"),
                arguments("credentials key that is not base64 of 32 bytes (schema)",
                        valid(Map.of("credentials.key", "c2hvcnQ=")), "/credentials/key"),
                arguments("unknown log format (schema)", valid(Map.of("logFormat", "xml")), "/logFormat"),
                arguments("admin token shorter than 32 characters", valid(Map.of("auth.adminToken", "admin-s3cret")),
                        "auth.adminToken must be at least 32 characters long (got 12"),
                arguments("open metrics as a string (schema)", valid(Map.of("api.openMetrics", "yes")), "/api/openMetrics"),
                arguments("PDB with both bounds", valid(Map.of("podDisruptionBudget.enabled", true,
                        "podDisruptionBudget.maxUnavailable", 1)), "either minAvailable or maxUnavailable"),
                arguments("PDB with no bound", valid(Map.of("podDisruptionBudget.enabled", true,
                        "podDisruptionBudget.minAvailable", "")), "podDisruptionBudget: set minAvailable or maxUnavailable"),
                arguments("registerLocal with a TCP endpoint", valid(Map.of("docker.registerLocal", true,
                        "docker.localEndpoint", "tcp://127.0.0.1:2375")), "docker.localEndpoint must be unix:///PATH"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Map<String, Object> valid(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("postgresql.host", "db");
        values.put("postgresql.password", "p");
        values.put("auth.adminToken", TOKEN);
        values.putAll(overrides);
        return values;
    }

    private static Map<String, Object> without(Map<String, Object> values, String key) {
        values.remove(key);
        return values;
    }

    private static TemplateCommand validValues() {
        TemplateCommand command = template();
        valid(Map.of()).forEach(command::set);
        return command;
    }

    /** A valid credentials key, set in every plain render so that no render reaches {@code lookup} (see above). */
    private static final String CREDENTIALS_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static TemplateCommand template() {
        return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                .set("credentials.key", CREDENTIALS_KEY);
    }

    private static Rendered render(TemplateCommand command) {
        String manifests = command.call();
        Object parsed = Serialization.unmarshal(manifests);
        List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
        return new Rendered(documents.stream().filter(Objects::nonNull).map(HasMetadata.class::cast).toList());
    }

    private record Rendered(List<HasMetadata> objects) {

        List<String> kinds() {
            return objects.stream().map(HasMetadata::getKind).toList();
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> all = all(type);
            assertThat(all).as("rendered %s objects", type.getSimpleName()).hasSize(1);
            return all.getFirst();
        }
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(probe.getHttpGet().getScheme()).as("plain HTTP without apiTls").isEqualTo("HTTP");
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env var " + name + " in " + container.getEnv()));
    }

    private static String value(Container container, String name) {
        EnvVar env = env(container, name);
        assertThat(env.getValueFrom()).as("%s is a plain value", name).isNull();
        return env.getValue();
    }

    private static void assertSecretRef(Container container, String name, String secret, String key) {
        EnvVar env = env(container, name);
        assertThat(env.getValue()).as("%s must not be a plain value", name).isNull();
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).as("%s secret", name).isEqualTo(secret);
        assertThat(env.getValueFrom().getSecretKeyRef().getKey()).as("%s key", name).isEqualTo(key);
    }

    private static Volume mountedVolume(PodSpec pod, Container container, String mountPath) {
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(mountPath))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
        return pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
    }

    /** The selector is non-empty and matches the labels of the Deployment's pods. */
    private static void assertSelects(Map<String, String> selector, Deployment deployment) {
        assertThat(selector).isNotEmpty();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
    }

    private static String decode(Secret secret, String key) {
        assertThat(secret.getData()).containsKey(key);
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(HelmChartTest.class.getResource("/helm/" + name), name).toURI());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) throws IOException {
        return YAML.readValue(Files.readString(file), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, deepMerge((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Path copyChart(Path target) throws IOException {
        Path copy = target.resolve("berth");
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path source : files.toList()) {
                Path destination = copy.resolve(chart.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return copy;
    }
}
