package io.berth.app.manifest;

import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.ListenerRule;
import io.berth.reconciler.traffic.TargetHealthCheck;
import io.berth.reconciler.traffic.TrafficProtocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** kind: TargetGroup and kind: LoadBalancer, and a service's loadBalancers: read, defaults, and each bad field named. */
class TrafficManifestTest {

    static final String EXAMPLE = """
            apiVersion: berth/v1
            kind: TargetGroup
            metadata: {name: auth, cluster: default}
            spec:
              protocol: HTTP
              healthCheck: {path: /health, port: traffic-port, interval: 5s, timeout: 2s, healthyThreshold: 2, unhealthyThreshold: 2, matcher: "200-399"}
              deregistrationDelay: 30s
              connectTimeout: 300ms
            ---
            apiVersion: berth/v1
            kind: TargetGroup
            metadata: {name: random, cluster: default}
            spec: {}
            ---
            apiVersion: berth/v1
            kind: LoadBalancer
            metadata: {name: edge, cluster: default}
            spec:
              placement: "attribute:role == edge"
              listeners:
                - port: 80
                  protocol: HTTP
                  defaultTargetGroup: auth
                  rules: [{pathPrefix: /random/, targetGroup: random}, {host: api.example.test, targetGroup: auth}]
            ---
            apiVersion: berth/v1
            kind: Service
            metadata: {name: auth, cluster: default}
            spec:
              taskDefinition: auth
              desiredCount: 2
              loadBalancers: [{targetGroup: auth, containerName: web, containerPort: 10080}]
            """;

    private final ManifestParser parser = new ManifestParser();

    @Test
    void readsTheExample() {
        List<ManifestDocument> docs = parser.parse(EXAMPLE, ManifestFormat.YAML).documentsOrThrow();
        TargetGroupDocument auth = (TargetGroupDocument) docs.get(0);
        assertThat(auth.spec().healthCheck()).isEqualTo(new TargetHealthCheck(Optional.of("/health"),
                TargetHealthCheck.TRAFFIC_PORT, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 2,
                io.berth.reconciler.traffic.StatusMatcher.parse("200-399")));
        assertThat(auth.spec().deregistrationDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(auth.spec().connectTimeout()).isEqualTo(Duration.ofMillis(300));
        TargetGroupDocument random = (TargetGroupDocument) docs.get(1);
        assertThat(random.spec().protocol()).isEqualTo(TrafficProtocol.HTTP);
        assertThat(random.spec().healthCheck()).isEqualTo(TargetHealthCheck.defaults(TrafficProtocol.HTTP));
        assertThat(random.spec().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        LoadBalancerDocument edge = (LoadBalancerDocument) docs.get(2);
        assertThat(edge.spec().placement()).contains("attribute:role == edge");
        assertThat(edge.spec().listeners()).containsExactly(new Listener(80, TrafficProtocol.HTTP, "auth", List.of(
                new ListenerRule(Optional.of("/random/"), Optional.empty(), "random"),
                new ListenerRule(Optional.empty(), Optional.of("api.example.test"), "auth"))));
        ServiceDocument service = (ServiceDocument) docs.get(3);
        assertThat(service.spec().loadBalancers()).containsExactly(new ServiceLoadBalancer("auth", "web", 10080));
    }

    @Test
    void theDocumentedExampleReads() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "load-balancer.yaml"));
        List<ManifestDocument> docs = parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow();
        assertThat(docs).hasSize(7);
        assertThat(docs.stream().filter(d -> d instanceof ServiceDocument s && !s.spec().loadBalancers().isEmpty()))
                .hasSize(2);
    }

    @Test
    void theDiscoveryExampleReads() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "discovery.yaml"));
        List<ManifestDocument> docs = parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow();
        assertThat(docs).hasSize(2).last().isInstanceOf(ServiceDocument.class);
    }

    @Test
    void readsTheEcsFormOfAServiceLoadBalancer() {
        String yaml = """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: auth}
                spec:
                  taskDefinition: auth
                  loadBalancers:
                    - targetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/auth/73e2d6bc24d8a067
                      containerName: web
                      containerPort: 10080
                """;
        ServiceDocument service = (ServiceDocument) parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow().getFirst();
        assertThat(service.spec().loadBalancers()).containsExactly(new ServiceLoadBalancer("auth", "web", 10080));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            TargetGroup  | {protocol: UDP}                                                    | spec.protocol                          | must be HTTP or TCP
            TargetGroup  | {healthCheck: {interval: 5, timeout: 2s}}                          | spec.healthCheck.interval              | units are required
            TargetGroup  | {healthCheck: {interval: 5s, timeout: 5s}}                         | spec.healthCheck.timeout               | shorter than the interval
            TargetGroup  | {healthCheck: {healthyThreshold: 1}}                               | spec.healthCheck.healthyThreshold      | between 2 and 10
            TargetGroup  | {healthCheck: {unhealthyThreshold: 11}}                            | spec.healthCheck.unhealthyThreshold    | between 2 and 10
            TargetGroup  | {healthCheck: {matcher: '200-'}}                                   | spec.healthCheck.matcher               | not a list of HTTP status codes
            TargetGroup  | {healthCheck: {matcher: '600'}}                                    | spec.healthCheck.matcher               | not within 200-499
            TargetGroup  | {healthCheck: {port: http}}                                        | spec.healthCheck.port                  | traffic-port
            TargetGroup  | {healthCheck: {path: '/a b'}}                                      | spec.healthCheck.path                  | must start with '/'
            TargetGroup  | {healthCheck: {path: \"/x\\nbackend evil\"}}                        | spec.healthCheck.path                  | must start with '/'
            TargetGroup  | {protocol: TCP, healthCheck: {path: /h}}                           | spec.healthCheck.path                  | checks by connecting
            TargetGroup  | {deregistrationDelay: 2h}                                          | spec.deregistrationDelay               | between 0s and 3600s
            TargetGroup  | {connectTimeout: 50ms}                                             | spec.connectTimeout                    | between 100ms and 60s
            TargetGroup  | {connectTimeout: 2m}                                               | spec.connectTimeout                    | between 100ms and 60s
            TargetGroup  | {stickiness: true}                                                 | spec.stickiness                        | unknown
            LoadBalancer | {listeners: []}                                                    | spec.listeners                         | at least one listener
            LoadBalancer | {listeners: [{port: 80, defaultTargetGroup: a}, {port: 80, defaultTargetGroup: b}]} | spec.listeners[1].port | also the port of listeners[0]
            LoadBalancer | {listeners: [{port: 70000, defaultTargetGroup: a}]}                | spec.listeners[0].port                 | between 1 and 65535
            LoadBalancer | {listeners: [{port: 80}]}                                          | spec.listeners[0].defaultTargetGroup   | is required
            LoadBalancer | {listeners: [{port: 80, defaultTargetGroup: a, rules: [{pathPrefix: /x}]}]} | spec.listeners[0].rules[0].targetGroup | is required
            LoadBalancer | {listeners: [{port: 80, defaultTargetGroup: a, rules: [{targetGroup: b}]}]} | spec.listeners[0].rules[0].pathPrefix | pathPrefix or a host
            LoadBalancer | {listeners: [{port: 80, defaultTargetGroup: a, rules: [{pathPrefix: \"/x'\", targetGroup: b}]}]} | spec.listeners[0].rules[0].pathPrefix | must start with '/'
            LoadBalancer | {listeners: [{port: 80, defaultTargetGroup: a, rules: [{host: 'a.test\\n  server x', targetGroup: b}]}]} | spec.listeners[0].rules[0].host | lower-case DNS name
            LoadBalancer | {listeners: [{port: 80, protocol: TCP, defaultTargetGroup: a, rules: [{host: a.test, targetGroup: b}]}]} | spec.listeners[0].rules | no rules
            LoadBalancer | {placement: 'attribute:role ==', listeners: [{port: 80, defaultTargetGroup: a}]} | spec.placement | column
            """)
    void namesTheBadField(String kind, String spec, String field, String message) {
        String yaml = "apiVersion: berth/v1\nkind: " + kind + "\nmetadata: {name: g}\nspec: " + spec + "\n";
        ValidationResult result = parser.parse(yaml, ManifestFormat.YAML).validation();
        assertThat(result.errors()).as(yaml).isNotEmpty();
        assertThat(result.errors().getFirst().path()).as(result.errors().toString()).isEqualTo("documents[0]." + field);
        assertThat(result.errors().getFirst().message()).containsIgnoringCase(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {containerName: web, containerPort: 80}                                          | targetGroup     | is required
            {targetGroup: a, targetGroupArn: 'arn:aws:elasticloadbalancing:r:1:targetgroup/a/ab', containerName: web, containerPort: 80} | targetGroupArn | not both
            {targetGroupArn: 'arn:aws:ec2:r:1:x/a', containerName: web, containerPort: 80}  | targetGroupArn  | must be a target group ARN
            {targetGroup: a, containerPort: 80}                                              | containerName   | is required
            {targetGroup: a, containerName: web, containerPort: 0}                           | containerPort   | between 1 and 65535
            {targetGroup: 'a b', containerName: web, containerPort: 80}                      | targetGroup     | letters, digits
            """)
    void namesTheBadServiceLoadBalancerField(String entry, String field, String message) {
        String yaml = "apiVersion: berth/v1\nkind: Service\nmetadata: {name: s}\nspec: {taskDefinition: t, "
                + "loadBalancers: [" + entry + "]}\n";
        ValidationResult result = parser.parse(yaml, ManifestFormat.YAML).validation();
        assertThat(result.errors()).as(yaml).isNotEmpty();
        assertThat(result.errors().getFirst().path()).as(result.errors().toString())
                .isEqualTo("documents[0].spec.loadBalancers[0]." + field);
        assertThat(result.errors().getFirst().message()).containsIgnoringCase(message);
    }

    @Test
    void aNameOutsideElbv2RulesIsRefused() {
        String yaml = "apiVersion: berth/v1\nkind: TargetGroup\nmetadata: {name: a_b}\nspec: {}\n";
        ValidationResult result = parser.parse(yaml, ManifestFormat.YAML).validation();
        assertThat(result.errors()).extracting(FieldError::path).containsExactly("documents[0].metadata.name");
    }

    @Test
    void theSameTargetGroupTwiceInOneApplyIsRefused() {
        String doc = "apiVersion: berth/v1\nkind: TargetGroup\nmetadata: {name: a}\nspec: {}\n";
        ValidationResult result = parser.parse(doc + "---\n" + doc, ManifestFormat.YAML).validation();
        assertThat(result.errors()).extracting(FieldError::path).containsExactly("documents[1].metadata.name");
    }
}
