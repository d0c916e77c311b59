package io.berth.app.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Route pattern and path → what the audit event names. Empty cells are nulls. */
class AuditRouteTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            /v1/apply                                                  | /v1/apply                                           | apply               |         |            |
            /v1/clusters                                               | /v1/clusters                                        | clusters            |         |            |
            /v1/clusters/{cluster}/services/{name}                     | /v1/clusters/prod/services/web                      | services            | prod    | web        |
            /v1/clusters/{cluster}/services/{name}/rollback            | /v1/clusters/prod/services/web/rollback             | services            | prod    | web        | rollback
            /v1/clusters/{cluster}/services/{name}/restart             | /v1/clusters/prod/services/web/restart              | services            | prod    | web        | restart
            /v1/clusters/{cluster}/tasks                               | /v1/clusters/prod/tasks                             | tasks               | prod    |            |
            /v1/clusters/{cluster}/tasks/{id}/stop                     | /v1/clusters/prod/tasks/3f2a/stop                   | tasks               | prod    | 3f2a       | stop
            /v1/clusters/{cluster}/tasks/{id}/containers/{name}/logs   | /v1/clusters/prod/tasks/3f2a/containers/app/logs    | tasks               | prod    | 3f2a       | containers/app/logs
            /v1/clusters/{cluster}/policy                              | /v1/clusters/prod/policy                            | policy              | prod    |            |
            /v1/clusters/{cluster}/container-instances                 | /v1/clusters/prod/container-instances               | container-instances | prod    |            |
            /v1/clusters/{cluster}/container-instances/{id}/status     | /v1/clusters/prod/container-instances/9c1e/status   | container-instances | prod    | 9c1e       | status
            /v1/clusters/{cluster}/container-instances/{id}            | /v1/clusters/prod/container-instances/9c1e          | container-instances | prod    | 9c1e       |
            /v1/clusters/{cluster}/target-groups/{name}                | /v1/clusters/prod/target-groups/tg              | target-groups       | prod    | tg         |
            /v1/clusters/{cluster}/load-balancers/{name}               | /v1/clusters/prod/load-balancers/lb                 | load-balancers      | prod    | lb         |
            /v1/credentials                                            | /v1/credentials                                     | credentials         |         |            |
            /v1/credentials/{name}                                     | /v1/credentials/ghcr%20bot                          | credentials         |         | ghcr bot   |
            /v1/task-definitions                                       | /v1/task-definitions                                | task-definitions    |         |            |
            /v1/task-definitions/{family:[a-zA-Z0-9_-]+}:{revision:[0-9]+} | /v1/task-definitions/web:3                      | task-definitions    |         | web:3      |
            /v1/clusters/{cluster}                                     | /v1/clusters/prod                                   | clusters            | prod    | prod       |
            """)
    void namesTheResource(String pattern, String path, String kind, String cluster, String name, String subresource) {
        assertThat(AuditRoute.of(pattern, path)).isEqualTo(new AuditRoute(kind, cluster, name, subresource));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
                                                    | /v1/clusters/prod/nowhere
            /v1/clusters/{cluster}/services         | /v1/clusters/prod/services/
            /actuator/prometheus                    | /actuator/prometheus
            """)
    void namesNothingWithoutAMatchingRoute(String pattern, String path) {
        assertThat(AuditRoute.of(pattern, path)).isEqualTo(AuditRoute.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /v1/task-definitions/{family:[a-zA-Z0-9_-]+}:{revision:[0-9]+} | /v1/task-definitions/{family}:{revision}
            /v1/x/{name:[a-z]{1,3}}/y                                      | /v1/x/{name}/y
            /v1/clusters/{cluster}/services/{name}                         | /v1/clusters/{cluster}/services/{name}
            """)
    void showsPatternsWithoutTheirRegularExpressions(String pattern, String shown) {
        assertThat(AuditRoute.displayPattern(pattern)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /v1/credentials/{name} | 300
            """)
    void boundsLongNames(String pattern, int length) {
        assertThat(AuditRoute.of(pattern, "/v1/credentials/" + "x".repeat(length)).name()).hasSize(255);
    }
}
