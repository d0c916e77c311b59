package io.berth.app.embeddedpostgres;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when Berth should run its own PostgreSQL: no {@code spring.datasource.url} is set and
 * {@code berth.embedded-postgres.enabled} is not false. ({@code @ConditionalOnProperty} cannot say
 * "only when absent".)
 */
class EmbeddedPostgresCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        if (!env.getProperty("berth.embedded-postgres.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch("berth.embedded-postgres.enabled is false");
        }
        if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            return ConditionOutcome.noMatch("spring.datasource.url is set");
        }
        return ConditionOutcome.match("no spring.datasource.url: starting an embedded PostgreSQL");
    }
}
